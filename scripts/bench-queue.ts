/**
 * `npm run bench:queue`: pushes 50 generations through the built-in Sandbox with the real
 * queue, client, library and downloads at the real poll timing, and prints wall time,
 * requests per generation, the most requests in flight, and TCP connections opened.
 * Targets: no more than one recordInfo per task every 3 s; no more than 8 connections.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { startCore } from '../electron/core/app.ts';
import type { Generation } from '../shared/generation.ts';
import { build, buildIsStale, useBuiltThreads } from './lib/build.ts';

// The library's threads start from the build, as in the desktop app (electron/core/thread-script.ts).
if (buildIsStale()) await build();
useBuiltThreads();

const GENERATIONS = Number(process.env.BENCH_GENERATIONS ?? 50);
const dataDir = mkdtempSync(path.join(os.tmpdir(), 'atelier-bench-queue-'));
const core = await startCore({
  dataDir,
  version: 'bench',
  shell: 'preview',
  sandbox: { waitingMs: 1_500, generatingMs: 3_000, concurrencyLimit: 10 },
});
await core.dispatch('settings:update', { concurrency: 10 });

// Watch every recordInfo the queue makes, per task, to check the polling interval.
const api = core.provider.api;
const polls = new Map<string, number[]>();
const recordInfo = api.recordInfo.bind(api);
api.recordInfo = (taskId, signal) => {
  polls.set(taskId, [...(polls.get(taskId) ?? []), performance.now()]);
  return recordInfo(taskId, signal);
};

const finished = new Set<number>();
const allDone = new Promise<void>((resolve) => {
  core.subscribe((event, payload) => {
    if (event !== 'generation:updated') return;
    const g = payload as Generation;
    if (g.status === 'done' || g.status === 'failed' || g.status === 'unknown') finished.add(g.id);
    if (finished.size === GENERATIONS) resolve();
  });
});

const started = performance.now();
for (let i = 0; i < GENERATIONS; i++) {
  const result = await core.dispatch('generation:create', { params: { model: 'midjourney-v7', prompt: `bench ${i} a quiet harbour at dawn`, seed: i } });
  if (!result.ok) throw new Error(result.error.message);
}
const progress = setInterval(() => console.log(`  … ${finished.size}/${GENERATIONS} finished`), 10_000);
await allDone;
clearInterval(progress);
const wallMs = performance.now() - started;
const stats = core.provider.sandbox!.stats;
const queue = await core.dispatch('queue:get', undefined);
await core.close();
rmSync(dataDir, { recursive: true, force: true });

const gaps = [...polls.values()].flatMap((times) => times.slice(1).map((t, i) => t - times[i]!));
const minGap = gaps.length ? Math.min(...gaps) : Infinity;
const failed = queue.ok ? (queue.value as { items: Generation[] }).items.filter((g) => g.status !== 'done').length : -1;
const row = (label: string, value: string, target = '') => console.log(`${label.padEnd(44)} ${value.padStart(12)}  ${target}`);

console.log(`\nbench:queue — ${GENERATIONS} generations through the Sandbox (waiting 1.5 s + generating 3 s each, account limit 10)`);
row('wall time', `${(wallMs / 1000).toFixed(1)} s`);
row('generations not done', String(failed), 'target 0');
row('createTask requests per generation', (stats.createTaskCalls / GENERATIONS).toFixed(2), 'target 1.00 (no duplicates)');
row('tasks created', String(stats.tasksCreated), `target ${GENERATIONS}`);
row('recordInfo requests per generation', (stats.recordInfoCalls / GENERATIONS).toFixed(2));
row('image requests per generation', (stats.imageFetches / GENERATIONS).toFixed(2), 'target 4.00');
row('shortest gap between polls of one task', `${(minGap / 1000).toFixed(2)} s`, `target ≥ 3.00 s ${minGap >= 3000 ? '✓' : '✗'}`);
row('most requests in flight at once', String(stats.maxRequestsInFlight));
row('TCP connections opened', String(stats.connectionsOpened), `target ≤ 8 ${stats.connectionsOpened <= 8 ? '✓' : '✗'}`);
