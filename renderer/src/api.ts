/**
 * The renderer's one door to the main process. In the desktop app the preload has put
 * `window.atelier` there; in the browser preview the same contract travels over a
 * WebSocket to the preview host, authorised by the token in the page's address.
 */
import type { AtelierApi, ChannelName, EventName, EventPayload } from '../../shared/contract.ts';
import type { BridgeMessage, BridgeRequest } from '../../shared/bridge-protocol.ts';
import type { Result } from '../../shared/result.ts';
import { mediaAddress } from '../../shared/media-address.ts';

declare global {
  interface Window {
    atelier?: AtelierApi;
  }
}

export type Transport = 'electron' | 'preview';

function previewBridge(): AtelierApi {
  const token = new URLSearchParams(location.hash.slice(1)).get('token') ?? '';
  const pending = new Map<number, (result: Result<unknown>) => void>();
  const listeners = new Map<string, Set<(payload: unknown) => void>>();
  let nextId = 1;
  let socket: Promise<WebSocket> | undefined;

  const lost = (message: string): Result<never> => ({ ok: false, error: { code: 'api_unreachable', message } });

  function connect(): Promise<WebSocket> {
    socket ??= new Promise((resolve, reject) => {
      const ws = new WebSocket(`ws://${location.host}/bridge?token=${encodeURIComponent(token)}`);
      ws.addEventListener('open', () => resolve(ws));
      ws.addEventListener('message', (event) => {
        const message = JSON.parse(String(event.data)) as BridgeMessage;
        if (message.kind === 'result') {
          pending.get(message.id)?.(message.result);
          pending.delete(message.id);
        } else {
          for (const listener of listeners.get(message.event) ?? []) listener(message.payload);
        }
      });
      ws.addEventListener('close', () => {
        socket = undefined;
        for (const settle of pending.values()) settle(lost('The connection to the Atelier preview host was closed. Is it still running?'));
        pending.clear();
        reject(new Error('closed'));
      });
    });
    return socket;
  }

  return {
    async invoke(channel: ChannelName, input?: unknown) {
      let ws: WebSocket;
      try {
        ws = await connect();
      } catch {
        return lost('Atelier could not reach its preview host. Start it again with `npm run preview` and open the address it prints.');
      }
      const id = nextId++;
      const request: BridgeRequest = { kind: 'request', id, channel, input };
      return new Promise((resolve) => {
        pending.set(id, resolve as (result: Result<unknown>) => void);
        ws.send(JSON.stringify(request));
      });
    },
    on(event: EventName, listener: (payload: EventPayload<EventName>) => void) {
      const set = listeners.get(event) ?? new Set();
      listeners.set(event, set);
      set.add(listener as (payload: unknown) => void);
      void connect().catch(() => undefined);
      return () => set.delete(listener as (payload: unknown) => void);
    },
  } as AtelierApi;
}

export const transport: Transport = window.atelier ? 'electron' : 'preview';
export const api: AtelierApi = window.atelier ?? previewBridge();

/** The address of a library file (ImageInfo.file or .thumbnail, relative to the library folder). */
export function mediaUrl(relativePath: string): string {
  return mediaAddress(relativePath, transport);
}
