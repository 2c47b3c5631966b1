import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { PreviewHost } from '../../electron/preview/host.ts';
import { BRIDGE_MAX_FRAME_BYTES } from '../../shared/bridge-protocol.ts';
import { SEARCH_TEXT_MAX_LENGTH } from '../../shared/input-limits.ts';
import { clientFrame, openRawBridge } from '../support/raw-websocket.ts';
import { ask, openBridge, startTestPreview, stillServing } from '../support/preview.ts';
import { failOnUncaughtErrors } from '../support/no-uncaught-errors.ts';
import { tempDir } from '../support/temp-dir.ts';

describe('preview host: frames a page could send over the bridge', () => {
  failOnUncaughtErrors();
  const dir = tempDir();
  let host: PreviewHost;
  let close: () => Promise<void>;
  beforeAll(async () => {
    ({ host, close } = await startTestPreview(dir.path));
  });
  afterAll(async () => {
    await close();
    dir.remove();
  });

  it('keeps frames small on purpose: at most 1 MiB, room for the largest real request', () => {
    expect(BRIDGE_MAX_FRAME_BYTES).toBeLessThanOrEqual(1024 * 1024);
    const bulkDelete = JSON.stringify({ kind: 'request', id: Number.MAX_SAFE_INTEGER, channel: 'library:delete', input: { ids: Array.from({ length: 10_000 }, () => Number.MAX_SAFE_INTEGER) } });
    expect(Buffer.byteLength(bulkDelete)).toBeLessThan(BRIDGE_MAX_FRAME_BYTES);
  });

  it.each([
    ['a frame over the size limit (its header alone)', clientFrame(0x1, Buffer.from('{"kind":'), BRIDGE_MAX_FRAME_BYTES + 1), 1009],
    ['a 2 GiB frame header', clientFrame(0x2, Buffer.alloc(0), 2 ** 31), 1009],
    ['a text frame of invalid UTF-8', clientFrame(0x1, Buffer.from([0x7b, 0xff, 0xfe, 0x7d])), 1007],
    ['a reserved opcode', clientFrame(0x3, Buffer.from('hello')), 1002],
    ['a reserved control opcode', clientFrame(0xb, Buffer.alloc(0)), 1002],
    ['an unmasked frame', Buffer.from([0x81, 0x02, 0x7b, 0x7d]), 1002],
  ])('closes the connection on %s and stays up for everyone else', async (_name, bytes, expectedCode) => {
    const bystander = await openBridge(host);
    const bridge = await openRawBridge(host.port, host.token, host.origin);
    bridge.socket.write(bytes);
    expect(await bridge.closeCode()).toBe(expectedCode);
    expect(await stillServing(host)).toBe(true);
    expect((await ask(bystander, 9, 'app:info')).ok).toBe(true);
    bystander.close();
  });

  it('closes a connection that sends 1.1 MB (a paste into a search box without a cap), and stays up', async () => {
    const ws = await openBridge(host);
    const code = await new Promise<number>((resolve) => {
      ws.on('close', resolve);
      ws.send(JSON.stringify({ kind: 'request', id: 1, channel: 'library:search', input: { text: 'x'.repeat(1_100_000) } }));
    });
    expect(code).toBe(1009);
    expect(await stillServing(host)).toBe(true);
  });

  it('answers a search over the cap with a clear invalid_input, not a closed connection', async () => {
    const ws = await openBridge(host);
    const result = await ask(ws, 2, 'library:search', { text: 'x'.repeat(SEARCH_TEXT_MAX_LENGTH + 1) });
    expect(result).toMatchObject({ ok: false, error: { code: 'invalid_input', message: expect.stringMatching(/search is too long/i) } });
    expect((await ask(ws, 3, 'library:search', { text: 'x'.repeat(SEARCH_TEXT_MAX_LENGTH) })).ok).toBe(true);
    ws.close();
  });
});
