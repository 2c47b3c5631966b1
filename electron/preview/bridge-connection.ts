import type { WebSocket } from 'ws';
import type { Core } from '../core/app.ts';
import { parseBridgeRequest, type BridgeMessage, type BridgeRequest } from '../../shared/bridge-protocol.ts';

/** Answers waiting to be sent to one page, above which the host stops reading that page's requests. */
const SEND_BUFFER_LIMIT = 1024 * 1024;
/** Requests of one page inside the core at once; the rest wait, then stay unread in the socket. */
const MAX_IN_FLIGHT = 8;
/** A page that leaves this much unread (events it never takes) is cut off rather than grow the host. */
const SEND_BUFFER_CUTOFF = 32 * 1024 * 1024;
/** A request that waits for its turn, or takes in the core, longer than this is logged with what held it. */
const SLOW_REQUEST_MS = 2_000;

/**
 * Carries one page's requests to the core and the answers and events back, with backpressure:
 * while the page does not read its answers, the host stops reading its requests, so a page that
 * sends thousands without reading costs a bounded amount of memory. Any misbehaving frame closes
 * this connection only; the host and every other page go on.
 */
export function attachBridge(ws: WebSocket, core: Core): void {
  const waiting: { request: BridgeRequest; arrived: number }[] = [];
  // the channels in the core now: what a request that waited long waited behind
  const running = new Map<number, string>();
  let inFlight = 0;

  const congested = () => inFlight >= MAX_IN_FLIGHT || ws.bufferedAmount > SEND_BUFFER_LIMIT;

  // Frames already read wait in `waiting`; the rest stay unread in the kernel, where TCP slows the page down.
  const regulate = () => {
    if (waiting.length > 0 || congested()) ws.pause();
    else ws.resume();
  };

  // One request per turn of the event loop: a burst from one page never holds the core's thread.
  let turnBooked = false;
  const bookTurn = () => {
    if (turnBooked || waiting.length === 0) return;
    turnBooked = true;
    setImmediate(() => {
      turnBooked = false;
      if (!congested()) {
        const next = waiting.shift();
        if (next) run(next.request, next.arrived);
        bookTurn();
      }
      regulate();
    });
  };

  const send = (message: BridgeMessage) => {
    if (ws.readyState !== ws.OPEN) return;
    // The callback runs once the frame has left the host's buffer: room for the next answers.
    ws.send(JSON.stringify(message), () => {
      bookTurn();
      regulate();
    });
    if (ws.bufferedAmount > SEND_BUFFER_CUTOFF) ws.terminate();
  };

  const run = (request: BridgeRequest, arrived: number) => {
    inFlight += 1;
    const started = performance.now();
    if (started - arrived > SLOW_REQUEST_MS) {
      console.warn(`[atelier] preview: ${request.channel} waited ${(started - arrived).toFixed(0)} ms for its turn, behind ${[...running.values()].join(', ') || 'nothing in the core'}`);
    }
    running.set(request.id, request.channel);
    void core.dispatch(request.channel, request.input).then((result) => {
      inFlight -= 1;
      running.delete(request.id);
      const took = performance.now() - started;
      // ATELIER_TRACE_IPC=1 prints each request's time in the core, to find what makes the UI wait.
      // (epoch ms, so a page's own marks line up with it: arrived, waited for its turn, ran, answered)
      if (process.env.ATELIER_TRACE_IPC) {
        const at = performance.timeOrigin + arrived;
        console.log(`[ipc] ${request.channel} ${took.toFixed(1)} ms (arrived at ${at.toFixed(0)}, waited ${(started - arrived).toFixed(1)} ms, answered at ${(at + performance.now() - arrived).toFixed(0)})`);
      }
      else if (took > SLOW_REQUEST_MS) console.warn(`[atelier] preview: ${request.channel} took ${took.toFixed(0)} ms in the core`);
      send({ kind: 'result', id: request.id, result });
      bookTurn();
      regulate();
    });
  };

  const unsubscribe = core.subscribe((event, payload) => send({ kind: 'event', event, payload }));
  ws.on('close', () => {
    unsubscribe();
    waiting.length = 0;
  });
  // Oversized frames, invalid UTF-8, unknown opcodes, resets: `ws` closes the socket itself; without
  // this listener the error would be thrown and stop the whole host.
  ws.on('error', (error) => console.warn(`[atelier] preview closed a page's connection: ${error.message}`));
  ws.on('message', (data, isBinary) => {
    const request = isBinary ? undefined : parseBridgeRequest(data.toString());
    if (!request) {
      ws.close(1003, 'Malformed request');
      return;
    }
    waiting.push({ request, arrived: performance.now() });
    regulate();
    bookTurn();
  });
}
