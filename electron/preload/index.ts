/**
 * The only bridge the sandboxed renderer gets: `window.atelier = { invoke, on }`.
 * Channel and event names are checked here too, so a compromised page cannot reach
 * any other IPC channel through this object. Only names and types come from shared/:
 * the schemas (and zod) stay out of this bundle; the core parses every input.
 */
import { contextBridge, ipcRenderer, type IpcRendererEvent } from 'electron';
import { isChannelName, isEventName, type EventName } from '../../shared/channels.ts';
import type { AtelierApi, EventPayload } from '../../shared/contract.ts';
import { fail } from '../../shared/result.ts';

const atelier = {
  invoke: (channel, input?) =>
    isChannelName(channel) ? ipcRenderer.invoke(channel, input) : Promise.resolve(fail('unknown_channel', 'Atelier does not know that request.')),
  on: <E extends EventName>(event: E, listener: (payload: EventPayload<E>) => void) => {
    if (!isEventName(event)) return () => undefined;
    // What the core pushes on an event's name is that event's payload (the core is typed against the contract).
    const forward = (_event: IpcRendererEvent, payload: EventPayload<E>) => listener(payload);
    ipcRenderer.on(event, forward);
    return () => {
      ipcRenderer.removeListener(event, forward);
    };
  },
} satisfies AtelierApi;

contextBridge.exposeInMainWorld('atelier', atelier);
