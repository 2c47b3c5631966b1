import { describe, expect, it } from 'vitest';
import { startSandbox } from '../../electron/core/sandbox/index.ts';
import type { QueuePause } from '../../shared/contract.ts';
import type { Generation } from '../../shared/generation.ts';
import { cuttableProxy } from '../support/cuttable-proxy.ts';
import { sandboxClock } from '../support/sandbox-clock.ts';
import { tempDir } from '../support/temp-dir.ts';
import { call, recordEvents, startTestCore } from '../support/test-core.ts';

describe('the network going away', () => {
  it('keeps every generation, says Atelier is offline, and finishes each once when the network returns', async () => {
    // Held, the Sandbox's clock keeps the first run "waiting" through the outage however slow the
    // machine; released when the network returns, both runs go on at real pace.
    const clock = sandboxClock({ held: true });
    const sandbox = await startSandbox({ waitingMs: 400, generatingMs: 400, now: clock.now });
    const proxy = await cuttableProxy(Number(new URL(sandbox.baseUrl).port));
    const dir = tempDir();
    const core = await startTestCore(dir.path, { apiKey: sandbox.apiKey, apiBaseUrl: `http://127.0.0.1:${proxy.port}/api/v1` });
    try {
      const events = recordEvents(core);
      const create = (prompt: string) => call<Generation>(core, 'generation:create', { params: { model: 'midjourney-v7', prompt } });

      const sent = await create('sent before the outage');
      await events.reach(sent.id, 'waiting');
      await proxy.cut();
      const unsent = await create('written during the outage');

      const offline = await events.until('queue:changed', (q: { paused: QueuePause | null }) => q.paused?.reason === 'offline');
      expect(offline.paused?.message).toMatch(/\S/);
      expect((await call<Generation>(core, 'generation:get', { id: unsent.id })).status).toBe('queued');
      expect((await call<Generation>(core, 'generation:get', { id: sent.id })).status).toBe('waiting');

      await proxy.restore();
      clock.release();
      await events.reach(sent.id, 'done');
      await events.reach(unsent.id, 'done');
      expect(sandbox.stats.tasksCreated).toBe(2);
      expect((await call<{ paused: QueuePause | null }>(core, 'queue:get')).paused).toBeNull();
    } finally {
      await core.close();
      await proxy.close();
      await sandbox.close();
      dir.remove();
    }
  }, 40_000);
});
