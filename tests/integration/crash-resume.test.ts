import { spawn } from 'node:child_process';
import { existsSync, readdirSync } from 'node:fs';
import path from 'node:path';
import { createInterface } from 'node:readline';
import { afterAll, describe, expect, it, vi } from 'vitest';
import { startCore } from '../../electron/core/app.ts';
import { startSandbox } from '../../electron/core/sandbox/index.ts';
import type { Generation, GenerationStatus } from '../../shared/generation.ts';
import { sandboxClock } from '../support/sandbox-clock.ts';
import { explainIfStuck, UNTIL_IT_HAPPENS } from '../support/stuck-wait.ts';
import { tempDir } from '../support/temp-dir.ts';
import { call, recordEvents } from '../support/test-core.ts';

const child = path.resolve(import.meta.dirname, '../support/crash-child.ts');

/** Every file under a folder, relative to it. */
function filesUnder(dir: string): string[] {
  if (!existsSync(dir)) return [];
  return readdirSync(dir, { recursive: true, withFileTypes: true })
    .filter((entry) => entry.isFile())
    .map((entry) => path.relative(dir, path.join(entry.parentPath, entry.name)));
}

describe('a crash at every stage', () => {
  const dir = tempDir();
  afterAll(() => dir.remove());

  it('resumes every generation from the library: each finishes once, none lost, none submitted twice', async () => {
    // Held, the Sandbox's clock moves tasks on only when the test says, so each run is caught in
    // its stage however slow the machine; released after the crash, they finish at real pace.
    const clock = sandboxClock({ held: true });
    const sandbox = await startSandbox({ waitingMs: 1_000, generatingMs: 2_000, concurrencyLimit: 10, now: clock.now });
    try {
      // One submission and one download that never answer, so the crash finds them in flight.
      sandbox.faults.add({ endpoint: 'createTask', kind: 'hang', promptContains: 'crash-submitting', times: 1 });
      sandbox.faults.add({ endpoint: 'image', kind: 'hang', promptContains: 'crash-downloading' });

      const proc = spawn(process.execPath, [child], {
        env: { ...process.env, ATELIER_DATA_DIR: dir.path, ATELIER_API_BASE_URL: sandbox.baseUrl, ATELIER_API_KEY: sandbox.apiKey },
        stdio: ['pipe', 'pipe', 'inherit'],
      });
      const latest = new Map<string, GenerationStatus>();
      const create = (prompt: string) => proc.stdin.write(`create ${prompt}\n`);
      const killed = new Promise<void>((resolve) => {
        const explain = explainIfStuck('every stage', () => JSON.stringify([...latest]));
        const stages = { 'crash-downloading': 'downloading', 'crash-generating': 'generating', 'crash-waiting': 'waiting', 'crash-submitting': 'submitting', 'crash-queued': 'queued' };
        const once = new Set<string>();
        const first = (step: string, ready: boolean, run: () => void) => {
          if (ready && !once.has(step)) {
            once.add(step);
            run();
          }
        };
        createInterface({ input: proc.stdout }).on('line', (line) => {
          const g = JSON.parse(line) as Generation;
          latest.set(g.params.prompt, g.status);
          first('to generating', latest.get('crash-downloading') === 'waiting', () => clock.advance(1_000));
          first('second run', latest.get('crash-downloading') === 'generating', () => create('crash-generating'));
          // the first run's task ends (its download hangs) while the second's is half done
          first('to downloading', latest.get('crash-generating') === 'waiting', () => clock.advance(2_000));
          first('the rest', latest.get('crash-downloading') === 'downloading' && latest.get('crash-generating') === 'generating', () => {
            // three slots: the second run, 'waiting' and 'submitting' fill them, so 'queued' waits
            create('crash-waiting');
            create('crash-submitting');
            create('crash-queued');
          });
          if (Object.entries(stages).every(([prompt, status]) => latest.get(prompt) === status)) {
            explain.settled();
            proc.kill('SIGKILL');
            resolve();
          }
        });
      });
      create('crash-downloading');
      await killed;
      await new Promise((resolve) => proc.once('exit', resolve));
      sandbox.faults.clear();
      clock.release();

      const core = await startCore({
        dataDir: dir.path,
        version: '0.0.0-after-crash',
        shell: 'preview',
        apiBaseUrl: sandbox.baseUrl,
        apiKey: sandbox.apiKey,
        timing: { baseMs: 60 },
      });
      try {
        const events = recordEvents(core);
        const queue = await call<{ items: Generation[] }>(core, 'queue:get');
        const byPrompt = new Map(queue.items.map((g) => [g.params.prompt, g]));
        expect([...byPrompt.keys()].sort()).toEqual(['crash-downloading', 'crash-generating', 'crash-queued', 'crash-submitting', 'crash-waiting']);
        const id = (prompt: string) => byPrompt.get(prompt)!.id;

        // A submission cut off mid-way may have been charged: the artist decides, the queue never resends it.
        expect(byPrompt.get('crash-submitting')?.status).toBe('unknown');
        for (const prompt of ['crash-downloading', 'crash-generating', 'crash-waiting', 'crash-queued']) {
          await events.reach(id(prompt), 'done');
        }
        const done = await call<Generation>(core, 'generation:get', { id: id('crash-downloading') });
        expect(done.images.every((image) => image.state === 'done' && image.file !== null)).toBe(true);

        // Each run was sent once: the one cut off mid-way (its request hung, or never left: the row
        // says "submitting" before the request goes) was never sent again, which would have created
        // its task now that the fault is cleared.
        for (const prompt of byPrompt.keys()) expect(sandbox.stats.tasksByPrompt[prompt] ?? 0, prompt).toBeLessThanOrEqual(1);
        expect(sandbox.stats.tasksByPrompt['crash-submitting']).toBeUndefined();
        expect(sandbox.stats.tasksCreated).toBe(4);
        expect((await call<Generation>(core, 'generation:get', { id: id('crash-submitting') })).status).toBe('unknown');

        // No half-written file is visible anywhere in the library.
        const files = filesUnder(path.join(dir.path, 'images'));
        expect(files.filter((file) => !file.endsWith('.png'))).toEqual([]);
        expect(files).toHaveLength(16);
      } finally {
        await core.close();
      }
    } finally {
      await sandbox.close();
    }
  });

  it('ends runs that met an unexpected answer once, before or after a crash, and never lets them hold the queue', async () => {
    const crashDir = tempDir();
    // The Sandbox's clock stands still: no task ends until the test moves it, so every stage is held structurally.
    let clock = 0;
    const sandbox = await startSandbox({ waitingMs: 1_000, generatingMs: 1_000, concurrencyLimit: 10, now: () => clock });
    try {
      const success = (count: number) => ({
        taskId: 'task_odd', status: 'success', creditsUsed: 12, error: null,
        output: Array.from({ length: count }, (_, i) => ({ url: `${sandbox.baseUrl}/odd-${i}.png`, width: 1024, height: 1024 })),
      });
      const proc = spawn(process.execPath, [child], {
        env: { ...process.env, ATELIER_DATA_DIR: crashDir.path, ATELIER_API_BASE_URL: sandbox.baseUrl, ATELIER_API_KEY: sandbox.apiKey },
        stdio: ['pipe', 'pipe', 'inherit'],
      });
      const latest = new Map<string, Generation>();
      createInterface({ input: proc.stdout }).on('line', (line) => {
        const g = JSON.parse(line) as Generation;
        latest.set(g.params.prompt, g);
      });
      const create = (prompt: string) => proc.stdin.write(`create ${prompt}\n`);
      const statusOf = (prompt: string) => latest.get(prompt)?.status;

      create('crash-first');
      await vi.waitFor(() => expect(statusOf('crash-first')).toBe('waiting'), UNTIL_IT_HAPPENS);
      sandbox.faults.add({ endpoint: 'createTask', kind: 'status', status: 200, body: { taskId: latest.get('crash-first')?.taskId }, promptContains: 'odd-taken' });
      sandbox.faults.add({ endpoint: 'recordInfo', kind: 'status', status: 200, body: success(5), promptContains: 'odd-five' });
      sandbox.faults.add({ endpoint: 'recordInfo', kind: 'status', status: 200, body: success(0), promptContains: 'odd-empty' });
      // odd-late's first question hangs, so the crash comes while its unusable answer is still on its way.
      const hang = sandbox.faults.add({ endpoint: 'recordInfo', kind: 'hang', promptContains: 'odd-late', times: 1 });
      sandbox.faults.add({ endpoint: 'recordInfo', kind: 'status', status: 200, body: success(5), promptContains: 'odd-late' });
      for (const prompt of ['odd-taken', 'odd-five', 'odd-empty', 'odd-late', 'crash-after']) create(prompt);

      // Three slots: only if each odd run ends and gives its slot back can crash-after be sent.
      const stages = { 'crash-first': 'waiting', 'odd-taken': 'unknown', 'odd-five': 'failed', 'odd-empty': 'failed', 'odd-late': 'waiting', 'crash-after': 'waiting' };
      await vi.waitFor(() => {
        expect(Object.fromEntries(Object.keys(stages).map((prompt) => [prompt, statusOf(prompt)]))).toEqual(stages);
        expect(sandbox.faults.list().map((fault) => fault.id)).not.toContain(hang.id); // odd-late's question is out
      }, UNTIL_IT_HAPPENS);
      proc.kill('SIGKILL');
      await new Promise((resolve) => proc.once('exit', resolve));
      clock += 10_000;

      const core = await startCore({
        dataDir: crashDir.path, version: '0.0.0-after-crash', shell: 'preview', apiBaseUrl: sandbox.baseUrl, apiKey: sandbox.apiKey, timing: { baseMs: 60 },
      });
      try {
        const events = recordEvents(core);
        const byPrompt = new Map((await call<{ items: Generation[] }>(core, 'queue:get')).items.map((g) => [g.params.prompt, g]));
        const id = (prompt: string) => byPrompt.get(prompt)!.id;
        const late = await events.reach(id('odd-late'), 'failed');
        expect(late).toMatchObject({ errorCode: 'api_unexpected_response', retry: null });
        expect(late.errorMessage).toMatch(/5 images/);
        await events.reach(id('crash-first'), 'done');
        await events.reach(id('crash-after'), 'done');
        for (const [prompt, status] of [['odd-taken', 'unknown'], ['odd-five', 'failed'], ['odd-empty', 'failed']]) {
          expect((await call<Generation>(core, 'generation:get', { id: id(prompt!) })).status, prompt).toBe(status);
        }
        // Each sent once; the answer that named another generation's task created none.
        expect(sandbox.stats.tasksByPrompt).toEqual({ 'crash-first': 1, 'odd-five': 1, 'odd-empty': 1, 'odd-late': 1, 'crash-after': 1 });
      } finally {
        await core.close();
      }
    } finally {
      await sandbox.close();
      crashDir.remove();
    }
  });
});
