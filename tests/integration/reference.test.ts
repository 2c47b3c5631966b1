import { randomBytes } from 'node:crypto';
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import sharp from 'sharp';
import { afterEach, describe, expect, it } from 'vitest';
import type { Core } from '../../electron/core/app.ts';
import { checkReferenceUrl } from '../../electron/core/reference/check-url.ts';
import { createUrlRule } from '../../electron/core/net/url-rule.ts';
import { closeHttpAgents } from '../../electron/core/net/http-agent.ts';
import { startSandbox, UPLOAD_LIFETIME_MS, type Sandbox } from '../../electron/core/sandbox/index.ts';
import type { Generation } from '../../shared/generation.ts';
import { REFERENCE_FILE_MAX_BYTES, REFERENCE_PART_BYTES, REFERENCE_PART_MAX_CHARS, type ReferenceChoice, type ReferenceProgress } from '../../shared/reference.ts';
import { BRIDGE_MAX_FRAME_BYTES } from '../../shared/bridge-protocol.ts';
import { tempDir } from '../support/temp-dir.ts';
import { call, closableCore } from '../support/test-core.ts';

const cleanups: Array<() => Promise<void> | void> = [];
afterEach(async () => {
  for (const cleanup of cleanups.splice(0).reverse()) await cleanup();
  await closeHttpAgents();
});

async function studio() {
  const dir = tempDir('atelier-reference-');
  cleanups.push(() => dir.remove());
  const { core, events } = await closableCore(dir.path, cleanups);
  const sandbox = core.provider.sandbox as Sandbox;
  return { core, events, sandbox, dir: dir.path };
}

async function finishedGeneration(core: Core, events: Awaited<ReturnType<typeof studio>>['events'], prompt = 'a reference fox'): Promise<Generation> {
  const queued = await call<Generation>(core, 'generation:create', { params: { model: 'midjourney-v7', prompt } });
  return events.reach(queued.id, 'done');
}

/** Sends a file the way the renderer does: in parts, then asks for the upload. */
async function sendFile(core: Core, requestId: string, fileName: string, bytes: Buffer) {
  for (let offset = 0; offset < bytes.length; offset += REFERENCE_PART_BYTES) {
    const result = await core.dispatch('reference:filePart', { requestId, offset, data: bytes.subarray(offset, offset + REFERENCE_PART_BYTES).toString('base64') });
    if (!result.ok) return result;
  }
  return core.dispatch('reference:fromFile', { requestId, fileName });
}

describe('reference:fromImage — the image’s Kinovi address while it is alive, else an upload of the saved file', () => {
  it('keeps a Kinovi URL that a check finds alive: nothing is uploaded', async () => {
    const { core, events, sandbox } = await studio();
    const generation = await finishedGeneration(core, events);
    const fetchesBefore = sandbox.stats.imageFetches;
    const choice = await call<ReferenceChoice>(core, 'reference:fromImage', { generationId: generation.id, index: 2, requestId: 'r1' });
    expect(choice).toEqual({ url: generation.images[2]?.remoteUrl, source: 'kinovi', expiresAt: null });
    // It was asked (one HEAD), not assumed from the run's age.
    expect(sandbox.stats.imageFetches).toBe(fetchesBefore + 1);
    expect(sandbox.stats.uploadCalls).toBe(0);
  });

  it('uploads the saved file when the Kinovi URL is gone, with progress, a 24 h expiry, and no key in the PUT', async () => {
    const { core, events, sandbox, dir } = await studio();
    const generation = await finishedGeneration(core, events);
    sandbox.faults.add({ endpoint: 'image', kind: 'expired' });
    const before = Date.now();
    const choice = await call<ReferenceChoice>(core, 'reference:fromImage', { generationId: generation.id, index: 1, requestId: 'expired-1' });
    expect(choice.source).toBe('upload');
    expect(choice.url).not.toBe(generation.images[1]?.remoteUrl);
    expect(choice.expiresAt).toBeGreaterThanOrEqual(before + UPLOAD_LIFETIME_MS);
    expect(choice.expiresAt).toBeLessThanOrEqual(Date.now() + UPLOAD_LIFETIME_MS);

    // The URL serves exactly the file the library holds.
    const stored = await readFile(path.join(dir, generation.images[1]?.file ?? ''));
    const served = Buffer.from(await (await fetch(choice.url)).arrayBuffer());
    expect(served.equals(stored)).toBe(true);

    const progress = events.seen.filter((e) => e.event === 'reference:progress').map((e) => e.payload as ReferenceProgress);
    expect(progress.length).toBeGreaterThanOrEqual(2);
    expect(progress.every((p) => p.requestId === 'expired-1' && p.totalBytes === stored.length)).toBe(true);
    expect(progress.at(-1)?.sentBytes).toBe(stored.length);
    expect(sandbox.stats).toMatchObject({ uploadCalls: 1, uploadPuts: 1, uploadPutsWithKey: 0 });
  });

  it('sends the uploaded URL as the reference of a new run', async () => {
    const { core, events, sandbox } = await studio();
    const generation = await finishedGeneration(core, events);
    sandbox.faults.add({ endpoint: 'image', kind: 'expired', times: 1 });
    const choice = await call<ReferenceChoice>(core, 'reference:fromImage', { generationId: generation.id, index: 0, requestId: 'r2' });
    const next = await call<Generation>(core, 'generation:create', { params: { model: 'midjourney-v7', prompt: 'after the fox', referenceImageUrl: choice.url } });
    const done = await events.reach(next.id, 'done');
    expect(done.effective.referenceImageUrl).toBe(choice.url);
    expect(done.params.referenceImageUrl).toBe(choice.url);
  });

  it('says in words when Kinovi refuses the upload', async () => {
    const { core, events, sandbox } = await studio();
    const generation = await finishedGeneration(core, events);
    sandbox.faults.add({ endpoint: 'image', kind: 'expired' });
    sandbox.faults.add({ endpoint: 'uploadPut', kind: 'status', status: 413 });
    const result = await core.dispatch('reference:fromImage', { generationId: generation.id, index: 0, requestId: 'r3' });
    expect(result.ok).toBe(false);
    if (!result.ok) expect(result.error.message).toBe('Kinovi did not take the reference image (HTTP 413). It is too large.');
  });
});

describe('reference:fromFile — a dropped file, checked, then uploaded', () => {
  it('uploads an image sent in parts and serves the same bytes', async () => {
    const { core, sandbox } = await studio();
    // Noise does not compress: several parts.
    const noise = randomBytes(240 * 240 * 3);
    const png = await sharp(noise, { raw: { width: 240, height: 240, channels: 3 } }).png().toBuffer();
    expect(png.length).toBeGreaterThan(REFERENCE_PART_BYTES);
    const result = await sendFile(core, 'drop-1', 'holiday photo.png', png);
    expect(result.ok).toBe(true);
    const choice = (result as { value: ReferenceChoice }).value;
    expect(choice.source).toBe('upload');
    expect(Buffer.from(await (await fetch(choice.url)).arrayBuffer()).equals(png)).toBe(true);
    expect(sandbox.stats.uploadPutsWithKey).toBe(0);
  });

  it('refuses files that are not images, too large or never sent, in words, and uploads nothing', async () => {
    const { core, sandbox } = await studio();
    const cases: Array<[string, Buffer, RegExp]> = [
      ['notes.txt', Buffer.from('hello'), /“notes\.txt” is not a PNG, JPEG or WebP image/],
      ['renamed.png', Buffer.from('<html>not really a picture</html>'), /“renamed\.png” could not be read as an image/],
    ];
    for (const [name, bytes, words] of cases) {
      const result = await sendFile(core, `bad-${cases.findIndex((c) => c[0] === name)}`, name, bytes);
      expect(result.ok).toBe(false);
      if (!result.ok) expect(result.error.message).toMatch(words);
    }
    const never = await core.dispatch('reference:fromFile', { requestId: 'never-sent', fileName: 'a.png' });
    expect(!never.ok && never.error.message).toBe('The dropped file did not arrive; drop it again.');

    const tooLarge = await sendFile(core, 'huge', 'huge.png', Buffer.alloc(REFERENCE_FILE_MAX_BYTES + 1, 7));
    expect(!tooLarge.ok && tooLarge.error.message).toMatch(/larger than 8 MB/);
    const outOfOrder = await core.dispatch('reference:filePart', { requestId: 'skip', offset: 10, data: 'AAAA' });
    expect(!outOfOrder.ok && outOfOrder.error.message).toMatch(/drop it again/);
    const notBase64 = await core.dispatch('reference:filePart', { requestId: 'x', offset: 0, data: 'not base64!' });
    expect(notBase64.ok).toBe(false);
    expect(sandbox.stats.uploadCalls).toBe(0);
  });
});

describe('a dropped file travels in parts', () => {
  it('each part, at its largest, fits one preview WebSocket frame', () => {
    const input = { requestId: 'r'.repeat(64), offset: REFERENCE_FILE_MAX_BYTES, data: 'A'.repeat(REFERENCE_PART_MAX_CHARS) };
    const frame = JSON.stringify({ kind: 'request', id: Number.MAX_SAFE_INTEGER, channel: 'reference:filePart', input });
    expect(Buffer.byteLength(frame)).toBeLessThan(BRIDGE_MAX_FRAME_BYTES);
  });
});

describe('checking a reference address', () => {
  let sandbox: Sandbox;
  afterEach(async () => sandbox?.close());

  it('answers unsure when the server never answers (short timeout), and refused for a private address', async () => {
    sandbox = await startSandbox();
    sandbox.faults.add({ endpoint: 'image', kind: 'hang' });
    const rule = await createUrlRule(sandbox.baseUrl);
    const origin = new URL(sandbox.baseUrl).origin;
    expect(await checkReferenceUrl(rule, `${origin}/files/task_00-0.png`, 150)).toBe('unsure');
    expect(await checkReferenceUrl(rule, 'http://10.1.2.3/a.png', 150)).toBe('refused');
    sandbox.faults.clear();
    expect(await checkReferenceUrl(rule, `${origin}/files/task_00-0.png`)).toBe('gone');
  });
});
