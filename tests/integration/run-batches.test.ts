import { afterEach, describe, expect, it } from 'vitest';
import type { Core } from '../../electron/core/app.ts';
import { startSandbox, type Sandbox } from '../../electron/core/sandbox/index.ts';
import { readSettings } from '../../electron/core/settings.ts';
import type { BatchView, SettingsView } from '../../shared/contract.ts';
import type { SearchPage } from '../../shared/search.ts';
import { sandboxClock, type SandboxClock } from '../support/sandbox-clock.ts';
import { tempDir } from '../support/temp-dir.ts';
import { call, recordEvents, startTestCore } from '../support/test-core.ts';

describe('batches of runs through the queue', () => {
  const cleanups: Array<() => Promise<void> | void> = [];
  afterEach(async () => {
    for (const cleanup of cleanups.splice(0).reverse()) await cleanup();
  });

  /** A core whose "remote API" is a Sandbox on a held clock: a sent run stays "waiting" until the test lets it go. */
  async function studio(): Promise<{ core: Core; sandbox: Sandbox; clock: SandboxClock; events: ReturnType<typeof recordEvents> }> {
    const clock = sandboxClock({ held: true });
    const sandbox = await startSandbox({ waitingMs: 60, generatingMs: 60, now: clock.now, concurrencyLimit: 10 });
    const dir = tempDir();
    const core = await startTestCore(dir.path, { apiKey: sandbox.apiKey, apiBaseUrl: sandbox.baseUrl });
    cleanups.push(() => dir.remove(), () => sandbox.close(), () => core.close());
    await call(core, 'settings:update', { concurrency: 1 });
    return { core, sandbox, clock, events: recordEvents(core) };
  }

  const createBatch = (core: Core, input: Record<string, unknown>) => call<BatchView>(core, 'batch:create', input);

  it('expands permutations and repeats, sends one at a time, and cancels the part not yet sent', async () => {
    const { core, sandbox, clock, events } = await studio();
    const made = await createBatch(core, { params: { model: 'midjourney-v7', prompt: 'a {red, blue} bird --r 2 --ar {1:1, 16:9}' } });

    expect(made.batch.name).toBe('a {red, blue} bird');
    expect(made.runs.map((r) => r.params.prompt)).toEqual([
      'a red bird --ar 1:1', 'a red bird --ar 1:1', 'a red bird --ar 16:9', 'a red bird --ar 16:9',
      'a blue bird --ar 1:1', 'a blue bird --ar 1:1', 'a blue bird --ar 16:9', 'a blue bird --ar 16:9',
    ]);
    expect(made.runs.map((r) => r.effective.aspectRatio)).toEqual(['1:1', '1:1', '16:9', '16:9', '1:1', '1:1', '16:9', '16:9']);
    // no seed was locked: every repeat has its own
    expect(new Set(made.runs.map((r) => r.effective.seed)).size).toBe(8);

    const [first, ...rest] = made.runs;
    await events.reach(first!.id, 'waiting');
    // the concurrency limit of 1 holds the others back while the first one waits on the held clock
    const during = await call<BatchView>(core, 'batch:get', { id: made.batch.id });
    expect(during.runs.map((r) => r.status)).toEqual(['waiting', ...rest.map(() => 'queued')]);

    const cancelled = await call<BatchView>(core, 'batch:cancel', { id: made.batch.id });
    expect(cancelled.runs.map((r) => r.status)).toEqual(['waiting', ...rest.map(() => 'cancelled')]);
    for (const run of rest) await events.reach(run.id, 'cancelled');

    clock.release();
    await events.reach(first!.id, 'done');
    // each run sends its own expanded prompt; only the one sent before the cancel reached Kinovi
    expect(sandbox.stats.tasksByPrompt).toEqual({ 'a red bird --ar 1:1': 1 });
    expect(sandbox.stats.tasksCreated).toBe(1);
  });

  it('sweeps one setting with one seed, and the batch is found with batch:', async () => {
    const { core, clock, events } = await studio();
    clock.release();
    const made = await createBatch(core, {
      params: { model: 'midjourney-v7', prompt: 'a lighthouse at dusk' },
      sweep: [{ parameter: 'stylize', values: [0, 500, 1000] }],
    });
    expect(made.batch).toMatchObject({ name: 'a lighthouse at dusk · stylize sweep', sweep: [{ parameter: 'stylize', values: [0, 500, 1000] }] });
    expect(made.runs.map((r) => r.effective.stylize)).toEqual([0, 500, 1000]);
    expect(new Set(made.runs.map((r) => r.effective.seed)).size).toBe(1);
    for (const run of made.runs) await events.reach(run.id, 'done');

    // another generation outside the batch is not found by it
    await call(core, 'generation:create', { params: { model: 'midjourney-v7', prompt: 'a lighthouse at dusk' } });
    const page = await call<SearchPage>(core, 'library:search', { text: `batch:${made.batch.id}`, sort: 'oldest' });
    expect(page.items.map((g) => g.id)).toEqual(made.runs.map((r) => r.id));
  });

  it('saves nothing when one run cannot be sent, or when the action asks for more than 40 runs', async () => {
    const { core } = await studio();
    const badRatio = await core.dispatch('batch:create', { params: { model: 'midjourney-v7', prompt: 'a bird --ar {1:1, 7:3}' } });
    expect(badRatio).toMatchObject({ ok: false, error: { code: 'invalid_input', message: expect.stringMatching(/^Run 2 \(“a bird --ar 7:3”\): --ar 7:3: Aspect ratio must be one of/) } });

    const tooMany = await core.dispatch('batch:create', { params: { model: 'midjourney-v7', prompt: '{a,b,c,d,e,f,g} {a,b,c,d,e,f,g}' } });
    expect(tooMany).toMatchObject({ ok: false, error: { code: 'invalid_input', message: expect.stringMatching(/49 runs; at most 40/) } });

    const broken = await core.dispatch('batch:create', { params: { model: 'midjourney-v7', prompt: 'a {red bird' } });
    expect(broken).toMatchObject({ ok: false, error: { code: 'invalid_input', message: expect.stringMatching(/never closed/) } });

    const badSweep = await core.dispatch('batch:create', { params: { model: 'midjourney-v7', prompt: 'a bird' }, sweep: [{ parameter: 'chaos', values: [0, 500] }] });
    expect(badSweep).toMatchObject({ ok: false, error: { code: 'invalid_input', message: expect.stringMatching(/Chaos must be a whole number from 0 to 100/) } });

    const tooLong = await core.dispatch('batch:create', { params: { model: 'midjourney-v7', prompt: 'a bird' }, sweep: [{ parameter: 'chaos', values: Array.from({ length: 41 }, (_, i) => i) }] });
    expect(tooLong).toMatchObject({ ok: false, error: { code: 'invalid_input' } });

    const page = await call<SearchPage>(core, 'library:search', { text: '', statuses: ['queued', 'submitting', 'waiting', 'cancelled'] });
    expect(page.items).toEqual([]);
  });

  it('asks before more than 4 runs unless the artist sets another threshold, kept in settings.json', async () => {
    const { core } = await studio();
    expect(await call<SettingsView>(core, 'settings:get')).toMatchObject({ confirmRunsAbove: 4 });
    expect(await call<SettingsView>(core, 'settings:update', { confirmRunsAbove: 10 })).toMatchObject({ confirmRunsAbove: 10 });
    expect(readSettings(core.dataDir)).toMatchObject({ confirmRunsAbove: 10 });
    expect(await core.dispatch('settings:update', { confirmRunsAbove: 41 })).toMatchObject({ ok: false, error: { code: 'invalid_input' } });
  });

  it('answers not_found for a batch that does not exist', async () => {
    const { core } = await studio();
    expect(await core.dispatch('batch:cancel', { id: 999 })).toMatchObject({ ok: false, error: { code: 'not_found' } });
  });
});
