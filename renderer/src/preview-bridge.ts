/**
 * The browser preview's side of the contract: requests and pushes over one WebSocket to the
 * preview host, authorised by the token in the page's address. When the host goes away the page
 * says so at once and keeps what it shows; it reconnects by itself when the same host (same
 * token) answers again, and says how to reopen it when a restarted host refuses the old token.
 */
import type { AtelierApi, ChannelName, EventName, EventPayload } from '../../shared/contract.ts';
import { BRIDGE_MAX_FRAME_BYTES, type BridgeMessage, type BridgeRequest } from '../../shared/bridge-protocol.ts';
import type { Result } from '../../shared/result.ts';

/** `lost`: the host does not answer (trying again); `restarted`: it answers but refuses this page's token. */
export type PreviewLink = 'connected' | 'lost' | 'restarted';

/** A request with no answer after this long is said in the console (and so in a failed test's trace), with what else waits. */
const SLOW_ANSWER_MS = 2_000;

/** Tries again soon after a loss, then at most this often (a host restart takes a second or two). */
const RETRY_FIRST_MS = 250;
const RETRY_MAX_MS = 2_000;

const lost = (message: string): Result<never> => ({ ok: false, error: { code: 'api_unreachable', message } });

const tooMuch = (bytes: number): Result<never> => ({
  ok: false,
  error: {
    code: 'invalid_input',
    message: `That is too much for the browser preview at once (${Math.ceil(bytes / 1024)} KB; it takes up to ${BRIDGE_MAX_FRAME_BYTES / 1024} KB). Pick fewer images, or select the whole search with Ctrl/Cmd+A and act on it.`,
  },
});

/** The contract's invoke/on, plus the link's state for the banner. */
export type PreviewBridge = AtelierApi & {
  link(): PreviewLink;
  onLink(listener: () => void): () => void;
  /** Settles once the socket is open (what was asked meanwhile has been sent), or could not open. */
  opened(): Promise<void>;
};

/** The preview bridge over one WebSocket to the preview host. */
export function previewBridge(): PreviewBridge {
  const token = new URLSearchParams(location.hash.slice(1)).get('token') ?? '';
  // each request's settle, with what it asked and a timer that says in the console when its answer is slow
  const pending = new Map<number, { settle: (result: Result<unknown>) => void; channel: string; slow: ReturnType<typeof setTimeout> }>();
  const listeners = new Map<string, Set<(payload: unknown) => void>>();
  const linkListeners = new Set<() => void>();
  let link: PreviewLink = 'connected';
  let nextId = 1;
  let socket: Promise<WebSocket> | undefined;
  let retrying = false;

  function setLink(next: PreviewLink): void {
    if (next === link) return;
    link = next;
    for (const listener of linkListeners) listener();
  }

  function connect(): Promise<WebSocket> {
    socket ??= new Promise((resolve, reject) => {
      const ws = new WebSocket(`ws://${location.host}/bridge?token=${encodeURIComponent(token)}`);
      let opened = false;
      ws.addEventListener('open', () => {
        opened = true;
        resolve(ws);
      });
      ws.addEventListener('message', (event) => {
        const message = JSON.parse(String(event.data)) as BridgeMessage;
        if (message.kind === 'result') {
          const asked = pending.get(message.id);
          pending.delete(message.id);
          if (asked === undefined) return;
          clearTimeout(asked.slow);
          asked.settle(message.result);
        } else {
          for (const listener of listeners.get(message.event) ?? []) listener(message.payload);
        }
      });
      ws.addEventListener('close', (event) => {
        // said in the console (and so in a test's trace): why the link dropped, and what it cut short
        if (opened) console.warn(`[atelier] the link to the preview host closed (${event.code}${event.reason ? `: ${event.reason}` : ''}) with ${pending.size} request(s) unanswered`);
        socket = undefined;
        for (const { settle, slow } of pending.values()) {
          clearTimeout(slow);
          settle(lost('The connection to the Atelier preview host was closed. Is it still running?'));
        }
        pending.clear();
        reject(new Error('closed'));
        // A link that was up and dropped: say so now, and look for the host again.
        if (opened) {
          setLink('lost');
          void reconnect();
        }
      });
    });
    return socket;
  }

  /** Whether anything answers HTTP at this page's address: the host is up, whatever it thinks of the token. */
  async function hostAnswers(): Promise<boolean> {
    try {
      await fetch('/', { method: 'HEAD', cache: 'no-store' });
      return true;
    } catch {
      return false;
    }
  }

  async function reconnect(): Promise<void> {
    if (retrying) return;
    retrying = true;
    let wait = RETRY_FIRST_MS;
    for (;;) {
      await new Promise((resolve) => setTimeout(resolve, wait));
      wait = Math.min(RETRY_MAX_MS, wait * 2);
      if (!(await hostAnswers())) continue;
      try {
        await connect();
        retrying = false;
        setLink('connected');
        return;
      } catch {
        // The host answers HTTP yet refuses the bridge: a new run with a new token. This page's
        // token will never work again, so stop and say how to reopen (a check that the host is
        // still there first, so a host caught half-way through stopping is not taken for a new one).
        if (await hostAnswers()) {
          retrying = false;
          setLink('restarted');
          return;
        }
      }
    }
  }

  return {
    async invoke(channel: ChannelName, input?: unknown) {
      if (link === 'restarted') return lost(RESTARTED);
      let ws: WebSocket;
      try {
        ws = await connect();
      } catch {
        return lost('Atelier could not reach its preview host. Start it again with `npm run preview` and open the address it prints.');
      }
      const id = nextId++;
      const request: BridgeRequest = { kind: 'request', id, channel, input };
      const frame = JSON.stringify(request);
      // the host cuts a page off at a frame over its limit, before any words can come back: say them here
      const bytes = new TextEncoder().encode(frame).length;
      if (bytes > BRIDGE_MAX_FRAME_BYTES) return tooMuch(bytes);
      return new Promise((resolve) => {
        const slow = setTimeout(() => {
          const others = [...pending.entries()].filter(([other]) => other !== id).map(([, p]) => p.channel);
          console.warn(`[atelier] ${channel} has had no answer for ${SLOW_ANSWER_MS / 1000} s; also unanswered: ${others.join(', ') || 'nothing'}`);
        }, SLOW_ANSWER_MS);
        pending.set(id, { settle: resolve as (result: Result<unknown>) => void, channel, slow });
        ws.send(frame);
      });
    },
    on(event: EventName, listener: (payload: EventPayload<EventName>) => void) {
      const set = listeners.get(event) ?? new Set();
      listeners.set(event, set);
      set.add(listener as (payload: unknown) => void);
      void connect().catch(() => undefined);
      return () => set.delete(listener as (payload: unknown) => void);
    },
    link: () => link,
    opened: () => connect().then(
      () => undefined,
      () => undefined,
    ),
    onLink(listener: () => void) {
      linkListeners.add(listener);
      return () => linkListeners.delete(listener);
    },
  } as PreviewBridge;
}

/** The one line that tells the artist how to get back after the host was restarted. */
export const RESTARTED = 'The Atelier preview was restarted, so this page can no longer reach it: open the address it printed under “Open this address in a browser”.';
