import { afterEach, describe, expect, it } from 'vitest';
import type { Core } from '../../electron/core/app.ts';
import type { Generation } from '../../shared/generation.ts';
import { stubKinovi } from '../support/stub-kinovi.ts';
import { tempDir } from '../support/temp-dir.ts';
import { call, recordEvents, startTestCore } from '../support/test-core.ts';

const create = (core: Core, prompt: string) => call<Generation>(core, 'generation:create', { params: { model: 'midjourney-v7', prompt } });

describe('stopping the queue (quit, Ctrl+C, SIGTERM all close the core)', () => {
  const cleanups: Array<() => Promise<void> | void> = [];
  afterEach(async () => {
    for (const cleanup of cleanups.splice(0).reverse()) await cleanup();
  });

  /** A library folder and a Kinovi stand-in that both outlive the cores started on them. */
  async function setUp() {
    const kinovi = await stubKinovi();
    const dir = tempDir();
    cleanups.push(() => dir.remove(), () => kinovi.close());
    const start = async (extra: Parameters<typeof startTestCore>[1] = {}) => {
      const core = await startTestCore(dir.path, { apiKey: kinovi.apiKey, apiBaseUrl: kinovi.baseUrl, ...extra });
      cleanups.push(() => core.close());
      return core;
    };
    return { kinovi, start };
  }

  it('waits for a createTask already sent to answer, so the run is recorded instead of left "outcome unknown"', async () => {
    const { kinovi, start } = await setUp();
    const core = await start();
    const g = await create(core, 'sent at closing time');
    const request = await kinovi.received();
    const closed = core.close();
    request.answer(); // the answer arrives only after closing began
    await closed;

    const after = await start();
    expect(await call<Generation>(after, 'generation:get', { id: g.id })).toMatchObject({ status: 'waiting', taskId: 'task_stub1' });
  });

  it('cuts off a createTask that does not answer within the grace period and leaves the artist to decide', async () => {
    const { kinovi, start } = await setUp();
    const core = await start({ closeGraceMs: 100 });
    const events = recordEvents(core);
    const g = await create(core, 'never answered');
    await kinovi.received();
    await core.close();
    expect(events.statuses(g.id)).toEqual(['queued', 'submitting']);

    const after = await start();
    const unknown = await call<Generation>(after, 'generation:get', { id: g.id });
    expect(unknown.status).toBe('unknown');
    expect(unknown.errorMessage).toMatch(/may have been charged/);
  });

  it('sends nothing new once closing has begun, and sends it next start', async () => {
    const { kinovi, start } = await setUp();
    const core = await start();
    const events = recordEvents(core);
    const first = await create(core, 'the last one sent');
    const request = await kinovi.received();
    const closed = core.close();
    const late = await create(core, 'created while closing');
    request.answer();
    await closed;
    expect(events.statuses(first.id)).toEqual(['queued', 'submitting', 'waiting']);
    expect(events.statuses(late.id)).toEqual(['queued']);

    const after = await start();
    const resumed = recordEvents(after);
    const sent = await kinovi.received();
    expect(JSON.parse(sent.body)).toMatchObject({ inputs: { prompt: 'created while closing' } });
    sent.answer();
    await resumed.reach(late.id, 'waiting');
  });
});
