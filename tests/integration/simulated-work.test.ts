import Database from 'better-sqlite3';
import { afterEach, describe, expect, it } from 'vitest';
import type { Core } from '../../electron/core/app.ts';
import { closeLibrary, libraryPath, openLibrary } from '../../electron/core/library/database.ts';
import { getGeneration } from '../../electron/core/library/generations.ts';
import { migrate } from '../../electron/core/library/migrations.ts';
import { lastKnownBalance } from '../../electron/core/library/stats.ts';
import { countTotals, readTotals } from '../../electron/core/library/totals.ts';
import { startSandbox } from '../../electron/core/sandbox/index.ts';
import type { CreditSummary } from '../../shared/contract.ts';
import type { Generation } from '../../shared/generation.ts';
import type { SearchPage } from '../../shared/search.ts';
import { tempDir } from '../support/temp-dir.ts';
import { call, closableCore } from '../support/test-core.ts';

const cleanups: Array<() => Promise<void> | void> = [];
afterEach(async () => {
  for (const cleanup of cleanups.splice(0).reverse()) await cleanup();
});

function folder(): string {
  const dir = tempDir();
  cleanups.push(() => dir.remove());
  return dir.path;
}

const create = (core: Core, prompt: string) => call<Generation>(core, 'generation:create', { params: { model: 'midjourney-v7', prompt } });
const search = (core: Core, text: string) => call<SearchPage>(core, 'library:search', { text });

/** A core in Sandbox mode (no key), or in Kinovi mode against a Sandbox standing in for Kinovi. */
async function studio(dataDir: string, mode: 'sandbox' | 'kinovi') {
  let extra = {};
  if (mode === 'kinovi') {
    const standIn = await startSandbox({ waitingMs: 20, generatingMs: 20 });
    cleanups.push(() => standIn.close());
    extra = { apiKey: standIn.apiKey, apiBaseUrl: standIn.baseUrl };
  }
  return closableCore(dataDir, cleanups, extra);
}

describe('migration 10 on a version 6 library', () => {
  it("infers the Sandbox's runs from their task ids and loopback images, takes their credits off, and keeps balances apart", () => {
    const dataDir = folder();
    const raw = new Database(libraryPath(dataDir));
    migrate(raw, 6);
    const insert = raw.prepare(
      `INSERT INTO generations (id, model, prompt, effective_model, effective_prompt, effective_aspect_ratio, effective_seed,
         request_body, status, task_id, credits, submitted_at, created_at, updated_at)
       VALUES (?, 'midjourney-v7', ?, 'midjourney-v7', ?, '1:1', 1, '{}', 'done', ?, ?, 1000, 1000, 1000)`,
    );
    insert.run(1, 'sandbox task', 'sandbox task', `task_${'0a1b2c3d4e5f'.repeat(2)}`, 12);
    insert.run(2, 'kinovi task', 'kinovi task', 'task_ff01ii3zvib7ndbx8negnh6q', 12);
    insert.run(3, 'loopback images', 'loopback images', 'odd-id', 0);
    insert.run(4, 'never sent', 'never sent', null, 0);
    raw.prepare("INSERT INTO images (generation_id, idx, state, remote_url) VALUES (3, 0, 'pending', 'http://127.0.0.1:4555/files/x-0.png')").run();
    raw.prepare("INSERT INTO images (generation_id, idx, state, remote_url) VALUES (2, 0, 'pending', 'https://static.kinovi.ai/generated-images/x-0.png')").run();
    raw.prepare('INSERT INTO credit_balance (id, credits, observed_at) VALUES (1, 40, 900)').run();
    raw.close();

    const db = openLibrary(dataDir);
    cleanups.push(() => closeLibrary(db));
    expect([1, 2, 3, 4].map((id) => getGeneration(db, id).source)).toEqual(['sandbox', 'kinovi', 'sandbox', 'kinovi']);
    expect(getGeneration(db, 2).midjourneyJobId).toBeNull();
    // the simulated run's 12 credits leave the total; the triggers kept the totals true
    expect(getGeneration(db, 1).credits).toBe(0);
    expect(readTotals(db).credits).toBe(countTotals(db).credits);
    // this library sent a run to Kinovi, so its one old balance was Kinovi's
    expect(lastKnownBalance(db, 'kinovi')).toEqual({ credits: 40, observedAt: 900 });
    expect(lastKnownBalance(db, 'sandbox')).toBeNull();
  });
});

describe('simulated work stays apart', () => {
  it('marks Sandbox runs simulated, finds them with is:simulated, charges nothing, and Kinovi runs stay real', async () => {
    const dataDir = folder();
    const sandboxMode = await studio(dataDir, 'sandbox');
    const simulated = await create(sandboxMode.core, 'a simulated harbour');
    expect(simulated.source).toBe('sandbox');
    expect((await sandboxMode.events.reach(simulated.id, 'done')).source).toBe('sandbox');
    await sandboxMode.close();

    const kinoviMode = await studio(dataDir, 'kinovi');
    const real = await create(kinoviMode.core, 'a real harbour');
    expect(real.source).toBe('kinovi');
    const done = await kinoviMode.events.reach(real.id, 'done');
    expect(done.source).toBe('kinovi');
    expect(done.credits).toBeGreaterThan(0);

    expect((await search(kinoviMode.core, 'is:simulated')).items.map((g) => g.id)).toEqual([simulated.id]);
    expect((await search(kinoviMode.core, 'harbour -is:simulated')).items.map((g) => g.id)).toEqual([real.id]);
    const summary = await call<CreditSummary>(kinoviMode.core, 'credits:summary');
    expect(summary.total).toBe(done.credits);
  });

  it('removes every simulated generation in one step and the undo brings exactly them back', async () => {
    const dataDir = folder();
    const sandboxMode = await studio(dataDir, 'sandbox');
    const simulated = [await create(sandboxMode.core, 'sim one'), await create(sandboxMode.core, 'sim two')];
    for (const g of simulated) await sandboxMode.events.reach(g.id, 'done');
    await sandboxMode.close();
    const kinoviMode = await studio(dataDir, 'kinovi');
    const real = await create(kinoviMode.core, 'real one');
    await kinoviMode.events.reach(real.id, 'done');

    const removal = await call<{ removed: number; undoId: number | null }>(kinoviMode.core, 'library:removeSimulated');
    expect(removal.removed).toBe(2);
    expect((await search(kinoviMode.core, '')).items.map((g) => g.id)).toEqual([real.id]);
    const deleted = kinoviMode.events.seen
      .filter((e) => e.event === 'library:changed')
      .map((e) => e.payload as { ids: number[]; change: string })
      .filter((e) => e.change === 'deleted');
    expect(deleted.flatMap((e) => e.ids).sort()).toEqual(simulated.map((g) => g.id).sort());

    expect(await call(kinoviMode.core, 'undo:run', { undoId: removal.undoId })).toEqual({ generations: [], reload: true });
    const restored = kinoviMode.events.seen
      .filter((e) => e.event === 'library:changed')
      .map((e) => e.payload as { ids: number[]; change: string })
      .filter((e) => e.change === 'restored');
    expect(restored.flatMap((e) => e.ids).sort()).toEqual(simulated.map((g) => g.id).sort());
    expect((await search(kinoviMode.core, 'is:simulated')).items.map((g) => g.id).sort()).toEqual(simulated.map((g) => g.id).sort());
    // a second undo finds nothing left to bring back
    const again = await kinoviMode.core.dispatch('undo:run', { undoId: removal.undoId });
    expect(again).toMatchObject({ ok: false, error: { code: 'not_found', message: expect.stringMatching(/can no longer be undone/) } });
  });

  it("keeps the balance a simulated 402 reported out of Kinovi mode's summary", async () => {
    const dataDir = folder();
    const sandboxMode = await studio(dataDir, 'sandbox');
    sandboxMode.core.provider.sandbox!.faults.add({
      endpoint: 'createTask', kind: 'status', status: 402, body: { message: 'Insufficient credits', required: 12, available: 3 }, times: 1,
    });
    await create(sandboxMode.core, 'a poor simulated painter');
    await sandboxMode.events.until('queue:changed', (q) => q.paused !== null);
    expect((await call<CreditSummary>(sandboxMode.core, 'credits:summary')).lastKnownBalance?.available).toBe(3);
    await sandboxMode.close();

    const kinoviMode = await studio(dataDir, 'kinovi');
    expect((await call<CreditSummary>(kinoviMode.core, 'credits:summary')).lastKnownBalance).toBeNull();
  });
});
