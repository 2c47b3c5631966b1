/**
 * The only bridge the sandboxed renderer gets: `window.atelier = { invoke, on }`.
 * Channel and event names are checked against the contract here too, so a compromised
 * page cannot reach any other IPC channel through this object.
 */
import { contextBridge, ipcRenderer, type IpcRendererEvent } from 'electron';
import { isChannelName, isEventName, type AtelierApi } from '../../shared/contract.ts';

const atelier = {
  invoke: (channel: string, input?: unknown) => {
    if (!isChannelName(channel)) {
      return Promise.resolve({ ok: false, error: { code: 'unknown_channel', message: 'Atelier does not know that request.' } });
    }
    return ipcRenderer.invoke(channel, input);
  },
  on: (event: string, listener: (payload: unknown) => void) => {
    if (!isEventName(event)) return () => undefined;
    const forward = (_event: IpcRendererEvent, payload: unknown) => listener(payload);
    ipcRenderer.on(event, forward);
    return () => {
      ipcRenderer.removeListener(event, forward);
    };
  },
} satisfies Record<keyof AtelierApi, unknown> as AtelierApi;

contextBridge.exposeInMainWorld('atelier', atelier);
