import { describe, expect, it } from 'vitest';
import type { Core } from '../../electron/core/app.ts';
import type { Generation, GenerationRetry } from '../../shared/generation.ts';
import { studioPerTest } from '../support/studio-per-test.ts';
import { tempDir } from '../support/temp-dir.ts';
import { call, recordEvents, startTestCore } from '../support/test-core.ts';

describe('the queue trying again', () => {
  const { cleanups, studio } = studioPerTest();

  const create = (core: Core, prompt: string) => call<Generation>(core, 'generation:create', { params: { model: 'midjourney-v7', prompt } });

  /** Every retry a generation announced, in order. */
  const retriesOf = (events: ReturnType<typeof recordEvents>, id: number): Array<GenerationRetry | null> =>
    events.seen.filter((e) => e.event === 'generation:updated' && (e.payload as Generation).id === id).map((e) => (e.payload as Generation).retry);

  it('holds a run refused with 429 until a running task ends, however many generations are created meanwhile', async () => {
    // Polls stay fast; a backoff would take a minute, so only a task ending can let the refused run go,
    // and the Sandbox's clock stands still, so no task ends until the test moves it.
    let clock = 0;
    const { core, events, sandbox } = await studio({
      timing: { baseMs: 40, retryBaseMs: 60_000 },
      sandbox: { waitingMs: 60, generatingMs: 120, now: () => clock },
    });
    sandbox.faults.add({ endpoint: 'createTask', kind: 'status', status: 429, promptContains: 'refused', times: 1 });
    const running = await create(core, 'already running');
    await events.reach(running.id, 'waiting');
    const before = Date.now();
    const refused = await create(core, 'refused once');
    await events.until('generation:updated', (g) => g.id === refused.id && events.statuses(refused.id).length === 3);

    // Creating more wakes the queue, which sends the new ones but not the refused one.
    const later = await create(core, 'created later');
    const laterStill = await create(core, 'created later still');
    expect(events.statuses(refused.id)).toEqual(['queued', 'submitting', 'queued']);
    expect(events.statuses(later.id).slice(0, 2)).toEqual(['queued', 'submitting']);
    await events.reach(later.id, 'waiting');
    await events.reach(laterStill.id, 'waiting');
    expect(events.statuses(refused.id)).toEqual(['queued', 'submitting', 'queued']);
    const held = await call<Generation>(core, 'generation:get', { id: refused.id });
    expect(held.retry).toMatchObject({ reason: 'account_busy', attempt: 1 });
    expect(held.retry!.nextAttemptAt).toBeGreaterThanOrEqual(before + 60_000);

    clock += 1_000; // the three running tasks end; the refused run takes the first slot freed
    await events.reach(refused.id, 'waiting');
    clock += 1_000;
    await events.reach(refused.id, 'done');
    const updates = events.seen.filter((e) => e.event === 'generation:updated').map((e) => e.payload as Generation);
    const firstEnd = updates.findIndex((g) => g.status === 'downloading');
    const resent = updates.findLastIndex((g) => g.id === refused.id && g.status === 'submitting');
    expect(firstEnd).toBeGreaterThan(-1);
    expect(resent).toBeGreaterThan(firstEnd);
    expect(sandbox.stats.tasksByPrompt['refused once']).toBe(1);
    expect((await call<Generation>(core, 'generation:get', { id: refused.id })).retry).toBeNull();
  });

  it('counts each run’s failures on its own, and says why it waits and when it tries again', async () => {
    const { core, events, sandbox } = await studio();
    sandbox.faults.add({ endpoint: 'createTask', kind: 'status', status: 500, promptContains: 'stubborn', times: 3 });
    sandbox.faults.add({ endpoint: 'createTask', kind: 'status', status: 503, promptContains: 'unlucky', times: 1 });
    const stubborn = await create(core, 'stubborn server');
    await events.until('generation:updated', (g) => g.id === stubborn.id && g.retry?.attempt === 2);
    const unlucky = await create(core, 'unlucky once');
    await events.reach(stubborn.id, 'done');
    await events.reach(unlucky.id, 'done');

    const stubbornRetries = retriesOf(events, stubborn.id).filter((retry) => retry !== null);
    expect([...new Set(stubbornRetries.map((retry) => retry.attempt))]).toEqual([1, 2, 3]);
    expect(stubbornRetries.every((retry) => retry.reason === 'server_error')).toBe(true);
    // Another run's failures do not lengthen this one's wait.
    expect([...new Set(retriesOf(events, unlucky.id).filter((retry) => retry !== null).map((retry) => retry.attempt))]).toEqual([1]);
    expect(retriesOf(events, unlucky.id).at(-1)).toBeNull();
    expect(sandbox.stats.tasksCreated).toBe(2);
  });

  it('says why a sent generation is asked about again, and forgets it once Kinovi answers', async () => {
    const { core, events, sandbox } = await studio();
    sandbox.faults.add({ endpoint: 'recordInfo', kind: 'status', status: 502, times: 2, promptContains: 'flaky' });
    const flaky = await create(core, 'flaky polling');
    const second = await events.until('generation:updated', (g) => g.id === flaky.id && g.retry?.attempt === 2);
    expect(second.status).toBe('waiting');
    expect(second.retry).toMatchObject({ reason: 'server_error', attempt: 2 });
    expect(second.retry!.nextAttemptAt).toBeGreaterThan(second.updatedAt);
    await events.reach(flaky.id, 'done');
    const retries = retriesOf(events, flaky.id);
    // Announced with every change: two problems, then the first answer clears it for good.
    const firstProblem = retries.findIndex((retry) => retry !== null);
    expect(retries.slice(firstProblem, firstProblem + 3).map((retry) => retry?.attempt ?? null)).toEqual([1, 2, null]);
    expect(retries.slice(firstProblem + 2).every((retry) => retry === null)).toBe(true);
  });

  it('keeps a refused run waiting across a restart', async () => {
    const dir = tempDir();
    cleanups.push(() => dir.remove());
    const timing = { baseMs: 40, retryBaseMs: 60_000 };
    const first = await startTestCore(dir.path, { timing });
    first.provider.sandbox!.faults.add({ endpoint: 'createTask', kind: 'status', status: 503, times: 1 });
    const events = recordEvents(first);
    const refused = await create(first, 'refused before quitting');
    const held = await events.until('generation:updated', (g) => g.id === refused.id && g.retry !== null);
    await first.close();

    const again = await startTestCore(dir.path, { timing });
    cleanups.push(() => again.close());
    const after = recordEvents(again);
    const other = await create(again, 'created after the restart');
    expect(await call<Generation>(again, 'generation:get', { id: refused.id })).toMatchObject({ status: 'queued', retry: held.retry });
    await after.reach(other.id, 'done');
    expect(after.statuses(refused.id)).toEqual([]);
  });

  it('checks sent generations on request, leaving one still being sent in its slot', async () => {
    const { core, events, sandbox } = await studio({ closeGraceMs: 0 });
    await call(core, 'settings:update', { concurrency: 1 });
    sandbox.faults.add({ endpoint: 'createTask', kind: 'hang', promptContains: 'never answered' });
    const sending = await create(core, 'never answered');
    await call(core, 'generation:checkNow', {});
    // Timers of equal delay fire in the order they were set: any check the call scheduled has run by now.
    await new Promise((resolve) => setTimeout(resolve, 0));
    const next = await create(core, 'waiting for the slot');
    expect(events.statuses(sending.id)).toEqual(['queued', 'submitting']);
    expect(events.statuses(next.id)).toEqual(['queued']);
  });
});
