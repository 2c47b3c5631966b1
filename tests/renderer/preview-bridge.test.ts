/**
 * The preview page's side of the bridge: a request the host would cut the page off for (a frame
 * over its limit, e.g. tens of thousands of picked images) is refused in words before it is sent,
 * and the page stays connected; an ordinary one goes as one frame.
 */
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { BRIDGE_MAX_FRAME_BYTES } from '../../shared/bridge-protocol.ts';

/** A WebSocket that opens at once, records what the page sends and answers each request as the host would. */
class FakeSocket extends EventTarget {
  static made: FakeSocket[] = [];
  sent: string[] = [];
  readonly url: string;
  constructor(url: string) {
    super();
    this.url = url;
    FakeSocket.made.push(this);
    queueMicrotask(() => this.dispatchEvent(new Event('open')));
  }
  send(frame: string): void {
    this.sent.push(frame);
    const { id } = JSON.parse(frame) as { id: number };
    const answer = JSON.stringify({ kind: 'result', id, result: { ok: true, value: { images: [], undoId: null } } });
    queueMicrotask(() => this.dispatchEvent(new MessageEvent('message', { data: answer })));
  }
}

beforeEach(() => {
  FakeSocket.made = [];
  vi.stubGlobal('WebSocket', FakeSocket);
  vi.stubGlobal('location', { hash: '#token=secret', host: '127.0.0.1:4000' });
});
afterEach(() => vi.unstubAllGlobals());

describe('the preview bridge', () => {
  it('refuses in words a request too big for one frame, sends nothing, and stays connected', async () => {
    const { previewBridge } = await import('../../renderer/src/preview-bridge.ts');
    const bridge = previewBridge();
    // 40,000 picked images: what a Shift-range over a long single-image gallery could file
    const images = Array.from({ length: 40_000 }, (_, n) => ({ generationId: 100_000 + n, index: n % 4 }));
    const answer = await bridge.invoke('collections:add', { id: 1, images });
    expect(answer.ok).toBe(false);
    if (answer.ok) return;
    expect(answer.error.code).toBe('invalid_input');
    expect(answer.error.message).toMatch(/^That is too much for the browser preview at once \(\d+ KB; it takes up to 256 KB\)\. Pick fewer images/);
    expect(FakeSocket.made[0]?.sent).toEqual([]);
    expect(bridge.link()).toBe('connected');
  });

  it('sends an ordinary request as one frame, up to the limit', async () => {
    const { previewBridge } = await import('../../renderer/src/preview-bridge.ts');
    const bridge = previewBridge();
    expect(await bridge.invoke('collections:add', { id: 1, images: [{ generationId: 7, index: 2 }] })).toEqual({ ok: true, value: { images: [], undoId: null } });
    expect(FakeSocket.made[0]?.sent).toHaveLength(1);
    const frame = FakeSocket.made[0]?.sent[0] ?? '';
    expect(JSON.parse(frame)).toMatchObject({ kind: 'request', channel: 'collections:add', input: { id: 1, images: [{ generationId: 7, index: 2 }] } });
    expect(new TextEncoder().encode(frame).length).toBeLessThan(BRIDGE_MAX_FRAME_BYTES);
  });
});
