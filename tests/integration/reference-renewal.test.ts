import { rmSync } from 'node:fs';
import path from 'node:path';
import Database from 'better-sqlite3';
import sharp from 'sharp';
import { afterEach, describe, expect, it } from 'vitest';
import { EventHub } from '../../electron/core/events.ts';
import { libraryPath } from '../../electron/core/library/files.ts';
import { insertGeneration, getGeneration } from '../../electron/core/library/generations.ts';
import type { ReadyToSend } from '../../electron/core/reference/renew.ts';
import { TaskQueue } from '../../electron/core/tasks/queue.ts';
import { closeHttpAgents } from '../../electron/core/net/http-agent.ts';
import { RENEW_WITHIN_MS } from '../../electron/core/reference/renew.ts';
import { UPLOAD_LIFETIME_MS, type Sandbox } from '../../electron/core/sandbox/index.ts';
import type { Generation } from '../../shared/generation.ts';
import { REFERENCE_PART_BYTES, type ReferenceChoice } from '../../shared/reference.ts';
import { newGeneration, tempLibrary } from '../support/library.ts';
import { sandboxClock } from '../support/sandbox-clock.ts';
import { tempDir } from '../support/temp-dir.ts';
import { call, closableCore } from '../support/test-core.ts';

const cleanups: Array<() => Promise<void> | void> = [];
afterEach(async () => {
  for (const cleanup of cleanups.splice(0).reverse()) await cleanup();
  await closeHttpAgents();
});

/**
 * A core whose queue and Sandbox share one clock the test holds: a run waits behind another (one
 * slot) while the test moves the clock a day on, past its reference upload's 24 hours.
 */
async function studio() {
  const dir = tempDir('atelier-renewal-');
  cleanups.push(() => dir.remove());
  const clock = sandboxClock({ held: true });
  const { core, events } = await closableCore(dir.path, cleanups, { now: clock.now, sandbox: { waitingMs: 60, generatingMs: 120, now: clock.now } });
  await call(core, 'settings:update', { concurrency: 1 });
  const sandbox = core.provider.sandbox as Sandbox;
  return { core, events, sandbox, clock, dir: dir.path };
}

/** The body a generation was sent with, as the library stored it. */
function sentBody(dataDir: string, id: number): { inputs: { sourceImageUrl?: string; prompt: string } } {
  const db = new Database(libraryPath(dataDir), { readonly: true });
  try {
    return JSON.parse((db.prepare('SELECT request_body FROM generations WHERE id = ?').get(id) as { request_body: string }).request_body);
  } finally {
    db.close();
  }
}

async function dropFile(core: Awaited<ReturnType<typeof studio>>['core'], requestId: string, bytes: Buffer): Promise<ReferenceChoice> {
  for (let offset = 0; offset < bytes.length; offset += REFERENCE_PART_BYTES) {
    await call(core, 'reference:filePart', { requestId, offset, data: bytes.subarray(offset, offset + REFERENCE_PART_BYTES).toString('base64') });
  }
  return call<ReferenceChoice>(core, 'reference:fromFile', { requestId, fileName: 'moodboard.png' });
}

const picture = () => sharp({ create: { width: 64, height: 48, channels: 3, background: '#3a7' } }).png().toBuffer();

/** A run that holds the only slot while the clock is held, and the run queued behind it with `reference`. */
async function queuedBehind(s: Awaited<ReturnType<typeof studio>>, reference: string): Promise<{ blocker: Generation; waiting: Generation }> {
  const blocker = await call<Generation>(s.core, 'generation:create', { params: { model: 'midjourney-v7', prompt: 'a run holding the slot' } });
  await s.events.reach(blocker.id, 'waiting');
  const waiting = await call<Generation>(s.core, 'generation:create', { params: { model: 'midjourney-v7', prompt: 'a run behind it', referenceImageUrl: reference } });
  expect(waiting.status).toBe('queued');
  return { blocker, waiting };
}

describe('a queued run whose reference upload expires before it is sent', () => {
  it('uploads the dropped file again at send time and sends the new address; the old one is gone', async () => {
    const s = await studio();
    const bytes = await picture();
    const choice = await dropFile(s.core, 'drop-1', bytes);
    expect(choice.expiresAt).toBe(s.clock.now() + UPLOAD_LIFETIME_MS);
    const { blocker, waiting } = await queuedBehind(s, choice.url);

    // A day and an hour later the upload has run out on the server; the slot frees and the run goes.
    s.clock.advance(UPLOAD_LIFETIME_MS + 60 * 60_000);
    expect((await fetch(choice.url)).status).toBe(404);
    s.clock.release();
    await s.events.reach(blocker.id, 'done');
    const done = await s.events.reach(waiting.id, 'done');

    expect(s.sandbox.stats.uploadCalls).toBe(2);
    const sent = sentBody(s.dir, waiting.id).inputs.sourceImageUrl;
    expect(sent).toBeDefined();
    expect(sent).not.toBe(choice.url);
    const served = Buffer.from(await (await fetch(sent!)).arrayBuffer());
    expect(served.equals(bytes)).toBe(true);
    // The run keeps the reference the artist chose (its reruns stack with it); only the body carries the new address.
    expect(done.effective.referenceImageUrl).toBe(choice.url);
    expect(sentBody(s.dir, waiting.id).inputs.prompt).toBe('a run behind it');
  });

  it('uploads a library image again, and sends without uploading while the upload has more than an hour left', async () => {
    const s = await studio();
    s.clock.release();
    const source = await call<Generation>(s.core, 'generation:create', { params: { model: 'midjourney-v7', prompt: 'a reference fox' } });
    await s.events.reach(source.id, 'done');
    s.clock.hold();
    s.sandbox.faults.add({ endpoint: 'image', kind: 'expired', times: 1 });
    const choice = await call<ReferenceChoice>(s.core, 'reference:fromImage', { generationId: source.id, index: 1, requestId: 'image-1' });
    expect(choice.source).toBe('upload');

    // Still alive for longer than the margin: sent as it is, nothing uploaded.
    const first = await queuedBehind(s, choice.url);
    // (ten minutes to spare: the clock runs at real pace once released)
    s.clock.advance(UPLOAD_LIFETIME_MS - RENEW_WITHIN_MS - 10 * 60_000);
    s.clock.release();
    await s.events.reach(first.waiting.id, 'done');
    expect(s.sandbox.stats.uploadCalls).toBe(1);
    expect(sentBody(s.dir, first.waiting.id).inputs.sourceImageUrl).toBe(choice.url);

    // Within the last hour: uploaded again from the library's file before it goes.
    s.clock.hold();
    const second = await queuedBehind(s, choice.url);
    s.clock.advance(20 * 60_000);
    s.clock.release();
    await s.events.reach(second.waiting.id, 'done');
    expect(s.sandbox.stats.uploadCalls).toBe(2);
    const renewed = sentBody(s.dir, second.waiting.id).inputs.sourceImageUrl;
    expect(renewed).not.toBe(choice.url);
    expect((await fetch(renewed!)).status).toBe(200);
  });

  it('says in words why it cannot go when the picture is gone, and sends nothing', async () => {
    const s = await studio();
    const choice = await dropFile(s.core, 'drop-2', await picture());
    const { blocker, waiting } = await queuedBehind(s, choice.url);
    rmSync(path.join(s.dir, 'references'), { recursive: true, force: true });
    const tasksBefore = s.sandbox.stats.createTaskCalls;

    s.clock.advance(UPLOAD_LIFETIME_MS + 60_000);
    s.clock.release();
    await s.events.reach(blocker.id, 'done');
    const failed = await s.events.reach(waiting.id, 'failed');
    expect(failed.errorMessage).toMatch(/upload has expired, and the dropped file Atelier kept for it is no longer in the library folder, so Atelier cannot upload it again\. Choose the reference again and rerun\./);
    expect(s.sandbox.stats.createTaskCalls).toBe(tasksBefore);
  });
});

describe('the queue while a run is made ready to send', () => {
  it('never picks the same queued run twice while its reference is uploaded again', async () => {
    const library = tempLibrary();
    cleanups.push(() => library.close());
    const run = insertGeneration(library.db, newGeneration({ prompt: 'a run whose upload is renewed' }));
    const other = insertGeneration(library.db, newGeneration({ prompt: 'the run after it' }));
    const sent: string[] = [];
    // The upload under way is a promise the test settles: the queue is woken again meanwhile.
    let finish: (ready: ReadyToSend) => void = () => undefined;
    const asked: number[] = [];
    const queue = new TaskQueue({
      db: library.db,
      dataDir: library.dataDir,
      hub: new EventHub(),
      // a slot to spare: a second pump could hand it to the run already being made ready
      concurrency: 3,
      timing: { baseMs: 60_000 },
      // the remote API is the one double here
      api: { baseUrl: 'http://127.0.0.1:9/api/v1', createTask: (body) => (sent.push(body), Promise.resolve({ taskId: `task_${sent.length}` })), recordInfo: () => new Promise(() => undefined) },
      beforeSend: (generation, body) => {
        asked.push(generation.id);
        return generation.id === run.id ? new Promise((resolve) => (finish = resolve)) : Promise.resolve({ kind: 'send', body });
      },
    });
    cleanups.push(() => queue.close());
    queue.start();
    queue.pump();
    queue.pump();
    expect(asked).toEqual([run.id, other.id]);
    finish({ kind: 'send', body: '{"model":"midjourney-v7","inputs":{"prompt":"renewed","seed":1}}' });
    await expect.poll(() => sent.length).toBe(2);
    expect(sent.filter((body) => body.includes('renewed'))).toHaveLength(1);
    // the new body was stored before it went
    expect(getGeneration(library.db, run.id).status).not.toBe('queued');
  });
});
