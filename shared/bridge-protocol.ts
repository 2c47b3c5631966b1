/**
 * The preview's WebSocket frames. The renderer sends `request`; the host answers with
 * `result` (matched by id) and pushes `event`. Both sides use these shapes.
 */
import type { Result } from './result.ts';

/**
 * The largest frame a page may send. The biggest real request — a bulk delete of 10,000 ids, or a
 * 6,000-character prompt with every character escaped — stays under 200 KB; anything larger is not
 * Atelier's page, and the host's `ws` refuses it (close 1009) before reading it. Files never travel
 * here. The page checks it too, so a request that would not fit is refused in words, not by a cut.
 */
export const BRIDGE_MAX_FRAME_BYTES = 256 * 1024;

export interface BridgeRequest {
  kind: 'request';
  id: number;
  channel: string;
  input?: unknown;
}

export type BridgeMessage =
  | { kind: 'result'; id: number; result: Result<unknown> }
  | { kind: 'event'; event: string; payload: unknown };

/** Reads a request frame; anything not shaped like one is `undefined`. */
export function parseBridgeRequest(text: string): BridgeRequest | undefined {
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch {
    return undefined;
  }
  if (typeof value !== 'object' || value === null) return undefined;
  const frame = value as Record<string, unknown>;
  if (frame.kind !== 'request' || !Number.isSafeInteger(frame.id) || typeof frame.channel !== 'string') return undefined;
  return { kind: 'request', id: frame.id as number, channel: frame.channel, input: frame.input };
}
