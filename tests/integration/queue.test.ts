import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import sharp from 'sharp';
import { describe, expect, it } from 'vitest';
import type { Core } from '../../electron/core/app.ts';
import { readPngText } from '../../electron/core/media/png-metadata.ts';
import { startSandbox } from '../../electron/core/sandbox/index.ts';
import type { QueueView } from '../../shared/contract.ts';
import type { Generation } from '../../shared/generation.ts';
import { sandboxClock } from '../support/sandbox-clock.ts';
import { studioPerTest } from '../support/studio-per-test.ts';
import { tempDir } from '../support/temp-dir.ts';
import { call, recordEvents, startTestCore } from '../support/test-core.ts';

describe('task queue against the Sandbox', () => {
  const { cleanups, studio } = studioPerTest();

  const create = (core: Core, prompt: string, extra: Record<string, unknown> = {}) =>
    call<Generation>(core, 'generation:create', { params: { model: 'midjourney-v7', prompt, ...extra } });

  it('takes a generation from queued to done with four saved images, thumbnails, credits and provenance', async () => {
    // Held, the Sandbox's clock keeps the task in each state until the queue has seen it there.
    const clock = sandboxClock({ held: true });
    const { core, dataDir, events } = await studio({ sandbox: { waitingMs: 60, generatingMs: 120, now: clock.now } });
    const queued = await create(core, 'a lighthouse in fog --ar 16:9', { stylize: 250, seed: 42, negativePrompt: 'text' });
    expect(queued.status).toBe('queued');
    expect(queued.effective).toMatchObject({ aspectRatio: '16:9', stylize: 250, seed: 42, prompt: 'a lighthouse in fog' });

    await events.reach(queued.id, 'waiting');
    clock.advance(60);
    await events.reach(queued.id, 'generating');
    clock.advance(120);
    const done = await events.reach(queued.id, 'done');
    expect(events.statuses(queued.id)).toEqual(['queued', 'submitting', 'waiting', 'generating', 'downloading', 'done']);
    expect(done.credits).toBe(0); // Sandbox runs are simulated: they cost nothing
    expect(done.taskId).toMatch(/\S/);
    expect(done.images).toHaveLength(4);
    for (const image of done.images) {
      expect(image.state).toBe('done');
      const file = path.join(dataDir, image.file!);
      const meta = await sharp(file).metadata();
      expect([meta.width, meta.height]).toEqual([1456, 816]);
      expect(existsSync(path.join(dataDir, image.thumbnail!))).toBe(true);
      const text = readPngText(readFileSync(file));
      expect(Object.values(text).join('\n')).toContain('a lighthouse in fog');
      expect(Object.values(text).join('\n')).toContain('42');
    }
  });

  it('pushes each thumbnail\'s bytes just before the update that names it, so the feed needs no request to show it', async () => {
    const { core, dataDir, events } = await studio({ sandbox: { waitingMs: 20, generatingMs: 40 } });
    const queued = await create(core, 'a kite over dunes');
    const done = await events.reach(queued.id, 'done');
    for (const image of done.images) {
      const pushed = events.seen.findIndex((e) => e.event === 'thumbnail:saved' && (e.payload as { path: string }).path === image.thumbnail);
      expect(pushed).toBeGreaterThanOrEqual(0);
      const { base64 } = events.seen[pushed]!.payload as { base64: string };
      expect(Buffer.from(base64, 'base64').equals(readFileSync(path.join(dataDir, image.thumbnail!)))).toBe(true);
      // the first update in which this image is saved comes after its bytes
      const named = events.seen.findIndex(
        (e) => e.event === 'generation:updated' && (e.payload as Generation).id === queued.id && (e.payload as Generation).images[image.index]?.thumbnail === image.thumbnail,
      );
      expect(named).toBeGreaterThan(pushed);
    }
  });

  it("announces a run done before its grid thumbnail is made, then again with it, so the finished tile never waits for the grid's encoding", async () => {
    const { core, dataDir, events } = await studio({ sandbox: { waitingMs: 20, generatingMs: 40 } });
    const queued = await create(core, 'a stone bridge in rain --ar 3:2');
    const done = await events.reach(queued.id, 'done');
    expect(done.grid).toBeNull();
    const updates = () => events.seen.filter((e) => e.event === 'generation:updated' && (e.payload as Generation).id === queued.id).map((e) => e.payload as Generation);
    await expect.poll(() => updates().at(-1)?.grid ?? null).not.toBeNull();
    const gridded = updates().at(-1)!;
    expect(gridded.status).toBe('done');
    expect(existsSync(path.join(dataDir, gridded.grid!.path))).toBe(true);
    expect((await call<Generation>(core, 'generation:get', { id: queued.id })).grid).toEqual(gridded.grid);
  });

  it('does not announce the grid of a run sent to the trash as it landed: the gallery would place it again', async () => {
    const { core, events } = await studio({ sandbox: { waitingMs: 20, generatingMs: 40 } });
    let trashedAt = -1;
    // trashed in the same turn as its "done" push, before the queue starts on its grid
    const unsubscribe = core.subscribe((event, payload) => {
      const g = payload as Generation;
      if (event === 'generation:updated' && g.status === 'done' && trashedAt === -1) {
        trashedAt = events.seen.length;
        void core.dispatch('library:delete', { ids: [g.id] });
      }
    });
    const queued = await create(core, 'a paper boat on a puddle');
    await events.reach(queued.id, 'done');
    unsubscribe();
    // its grid is still made (a restore brings it back with it), but nothing says so
    await expect.poll(async () => (await call<Generation>(core, 'generation:get', { id: queued.id })).grid).not.toBeNull();
    const after = events.seen.slice(trashedAt).filter((e) => e.event === 'generation:updated' && (e.payload as Generation).id === queued.id);
    expect(after.map((e) => (e.payload as Generation).grid)).toEqual(after.map(() => null));
  });

  it('records what Kinovi charges, refunds failed runs, and announces the running totals', async () => {
    const sandbox = await startSandbox({ waitingMs: 60, generatingMs: 120 });
    const dir = tempDir();
    // The Kinovi provider (a key is set) pointed at a Sandbox standing in for the real API.
    const core = await startTestCore(dir.path, { apiKey: sandbox.apiKey, apiBaseUrl: sandbox.baseUrl });
    cleanups.push(() => dir.remove(), () => sandbox.close(), () => core.close());
    const events = recordEvents(core);
    sandbox.faults.add({ kind: 'taskFails', code: '500', message: 'Service temporarily unavailable', promptContains: 'unlucky' });
    const paid = await create(core, 'a paid run');
    const refunded = await create(core, 'an unlucky run');
    expect((await events.reach(paid.id, 'done')).credits).toBe(12);
    expect((await events.reach(refunded.id, 'failed')).credits).toBe(0);
    const announced = await events.until('credits:changed', (summary) => summary.today === 12);
    expect(announced).toMatchObject({ today: 12, total: 12, perRun: 12, dollarsPerRun: 0.06 });
    expect(await call(core, 'credits:summary')).toMatchObject({ today: 12, total: 12 });
  });

  it('refuses invalid parameters in words and saves nothing', async () => {
    const { core } = await studio();
    const result = await core.dispatch('generation:create', { params: { model: 'midjourney-v7', prompt: 'x', stylize: 5000 } });
    expect(result).toMatchObject({ ok: false, error: { code: 'invalid_input' } });
    if (!result.ok) expect(result.error.message).toMatch(/stylize/i);
    expect((await call<QueueView>(core, 'queue:get')).items).toHaveLength(0);
  });

  it('learns the account limit from a 429, keeps the rest queued, and submits each generation once', async () => {
    // Held, no task ends before the third is sent, so the account is full when it arrives.
    const clock = sandboxClock({ held: true });
    const { core, events, sandbox } = await studio({ sandbox: { waitingMs: 100, generatingMs: 200, concurrencyLimit: 2, now: clock.now } });
    const made = [];
    for (let i = 0; i < 5; i++) made.push(await create(core, `limit test ${i}`));
    await events.until('queue:changed', (q) => q.concurrency === 2);
    clock.release();
    for (const g of made) await events.reach(g.id, 'done');
    expect(sandbox.stats.tasksCreated).toBe(5);
    expect((await call<QueueView>(core, 'queue:get')).concurrency).toBe(2);
  });

  it('pauses on 402 with the credits in words, keeps the generation queued, and resumes when asked', async () => {
    const { core, events, sandbox } = await studio();
    sandbox.faults.add({ endpoint: 'createTask', kind: 'status', status: 402, body: { message: 'Insufficient credits', required: 12, available: 3 }, times: 1 });
    const g = await create(core, 'a poor painter');
    const change = await events.until('queue:changed', (q) => q.paused !== null);
    expect(change.paused?.reason).toBe('api_insufficient_credits');
    expect(change.paused?.message).toMatch(/12/);
    expect(change.paused?.message).toMatch(/3/);
    expect((await call<Generation>(core, 'generation:get', { id: g.id })).status).toBe('queued');
    expect((await call<{ lastKnownBalance: { available: number } | null }>(core, 'credits:summary')).lastKnownBalance?.available).toBe(3);
    await call(core, 'queue:resume');
    await events.reach(g.id, 'done');
    expect(sandbox.stats.tasksCreated).toBe(1);
  });

  it('pauses every submission on 401 and asks for a key', async () => {
    const { core, events, sandbox } = await studio();
    sandbox.faults.add({ endpoint: 'createTask', kind: 'status', status: 401 });
    const g = await create(core, 'locked out');
    const change = await events.until('queue:changed', (q) => q.paused !== null);
    expect(change.paused).toMatchObject({ reason: 'api_key_invalid' });
    expect(change.paused?.message).toMatch(/key/i);
    expect((await call<Generation>(core, 'generation:get', { id: g.id })).status).toBe('queued');
    expect(sandbox.stats.tasksCreated).toBe(0);
  });

  it('retries a createTask that met a server error, without creating a second task', async () => {
    const { core, events, sandbox } = await studio();
    sandbox.faults.add({ endpoint: 'createTask', kind: 'status', status: 500, times: 2 });
    const g = await create(core, 'stubborn server');
    await events.reach(g.id, 'done');
    expect(sandbox.stats.tasksCreated).toBe(1);
  });

  it('marks a submission whose answer never came back as outcome unknown, never resubmits it, and retries only when asked', async () => {
    const { core, events, sandbox } = await studio();
    sandbox.faults.add({ endpoint: 'createTask', kind: 'reset', when: 'after', times: 1 });
    const g = await create(core, 'lost in transit');
    const unknown = await events.reach(g.id, 'unknown');
    expect(unknown.errorMessage).toMatch(/charged|may have/i);
    // A run asked for later goes all the way through: the queue had every chance to resend.
    const later = await create(core, 'asked for later');
    await events.reach(later.id, 'done');
    expect(sandbox.stats.tasksCreated).toBe(2);
    expect((await call<Generation>(core, 'generation:get', { id: g.id })).status).toBe('unknown');

    const retried = await call<Generation>(core, 'generation:retry', { id: g.id });
    expect(retried.parentId).toBe(g.id);
    expect(retried.effective.seed).toBe(unknown.effective.seed);
    await events.reach(retried.id, 'done');
    expect(sandbox.stats.tasksCreated).toBe(3);
    const queue = await call<QueueView>(core, 'queue:get');
    expect(queue.items.map((item) => item.id)).not.toContain(g.id);
  });

  it('records a failed generation with the API words and refunds its credits', async () => {
    const { core, events, sandbox } = await studio();
    sandbox.faults.add({ kind: 'taskFails', code: 'banned_prompt_words', message: 'Your prompt contains banned words', promptContains: 'forbidden' });
    const g = await create(core, 'a forbidden picture');
    const failed = await events.reach(g.id, 'failed');
    expect(failed.errorMessage).toContain('banned words');
    expect(failed.credits).toBe(0);
  });

  it('keeps polling through recordInfo errors, and fails a task the API no longer knows', async () => {
    const { core, events, sandbox } = await studio();
    sandbox.faults.add({ endpoint: 'recordInfo', kind: 'status', status: 500, times: 3, promptContains: 'flaky' });
    sandbox.faults.add({ endpoint: 'recordInfo', kind: 'status', status: 404, promptContains: 'vanished' });
    const flaky = await create(core, 'flaky polling');
    const gone = await create(core, 'vanished task');
    await events.reach(flaky.id, 'done');
    const failed = await events.reach(gone.id, 'failed');
    expect(failed.errorCode).toBe('api_task_not_found');
  });

  it('fails a generation whose images answer 404 minutes after the run, without blaming the 14-day limit', async () => {
    const { core, events, sandbox } = await studio();
    sandbox.faults.add({ endpoint: 'image', kind: 'expired' });
    const g = await create(core, 'too late');
    const failed = await events.reach(g.id, 'failed');
    expect(failed.errorMessage).toMatch(/does not exist \(HTTP 404\), though the run finished only less than a minute ago/);
    expect(failed.errorMessage).not.toMatch(/14 days/);
    expect(failed.images.every((image) => image.state === 'failed')).toBe(true);
  });

  it('downloads one image again when asked ("Retry download"), and the run lands', async () => {
    const { core, events, sandbox } = await studio();
    sandbox.faults.add({ endpoint: 'image', kind: 'expired', times: 1 });
    const g = await create(core, 'one missing tile');
    const failed = await events.reach(g.id, 'failed');
    const missing = failed.images.findIndex((image) => image.state !== 'done');
    expect(failed.images.filter((image) => image.state === 'done')).toHaveLength(3);
    const again = await call<Generation>(core, 'image:retryDownload', { generationId: g.id, index: missing });
    expect(again).toMatchObject({ status: 'downloading', errorMessage: null });
    const done = await events.reach(g.id, 'done');
    expect(done.images.every((image) => image.state === 'done')).toBe(true);
    // A saved image is not fetched again.
    const refused = await core.dispatch('image:retryDownload', { generationId: g.id, index: missing });
    expect(refused).toMatchObject({ ok: false, error: { code: 'conflict' } });
  });

  it('cancels a queued generation but refuses to cancel one already sent', async () => {
    // Held, the first run stays "waiting" (its slot taken) while the second is cancelled.
    const clock = sandboxClock({ held: true });
    const { core, events } = await studio({ sandbox: { waitingMs: 300, generatingMs: 300, concurrencyLimit: 1, now: clock.now } });
    await call(core, 'settings:update', { concurrency: 1 });
    const first = await create(core, 'first in line');
    const second = await create(core, 'second in line');
    await events.reach(first.id, 'waiting');
    const cancelled = await call<Generation>(core, 'generation:cancel', { id: second.id });
    expect(cancelled.status).toBe('cancelled');
    const refused = await core.dispatch('generation:cancel', { id: first.id });
    expect(refused).toMatchObject({ ok: false, error: { code: 'conflict' } });
    clock.release();
    await events.reach(first.id, 'done');
  });

  it('reruns with the same seed to identical images, and with a new seed to different ones', async () => {
    const { core, events } = await studio();
    const original = await create(core, 'twin moons', { seed: 7 });
    const done = await events.reach(original.id, 'done');
    const same = await call<Generation>(core, 'generation:rerun', { id: original.id, seed: 'same' });
    const fresh = await call<Generation>(core, 'generation:rerun', { id: original.id, seed: 'new' });
    const sameDone = await events.reach(same.id, 'done');
    const freshDone = await events.reach(fresh.id, 'done');
    expect(same.parentId).toBe(original.id);
    expect(sameDone.images.map((i) => i.sha256)).toEqual(done.images.map((i) => i.sha256));
    expect(freshDone.images.map((i) => i.sha256)).not.toEqual(done.images.map((i) => i.sha256));
    const lineage = await call<{ children: Generation[] }>(core, 'generation:lineage', { id: original.id });
    expect(lineage.children.map((c) => c.id).sort()).toEqual([same.id, fresh.id].sort());
  });
});
