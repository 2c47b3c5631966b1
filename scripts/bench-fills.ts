/**
 * `npm run bench:fills [-- --generations N]`: how long the core's own writes wait while a background
 * fill runs (issue 12: background writers commit in ~10 ms transactions "so the core's own writes
 * never wait long"). It makes a library as an Atelier of schema 6 did (N generations, 100,000 if not
 * said), opens it with this Atelier (so the search index, stack keys and value orders all have rows to
 * fill), then runs each fill on its own worker thread, as the upkeep thread does, while the core
 * writes the way an artist's session does: a rating every 20 ms and a new generation every 100 ms.
 * Each write is timed on the core's thread, waiting for the lock included; the same writes with no
 * fill running are the baseline, first with SQLite's own automatic checkpoint in the core's commits
 * (the alternative), then with the app's checkpoint thread (checkpoints.ts), which the fills run beside.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { parseArgs } from 'node:util';
import Database from 'better-sqlite3';
import type { AspectRatio, Model, Rating } from '../shared/generation.ts';
import { startCheckpoints } from '../electron/core/library/checkpoints.ts';
import { closeLibrary, libraryPath, openLibrary, type Library } from '../electron/core/library/database.ts';
import { insertGeneration } from '../electron/core/library/generations.ts';
import { migrate } from '../electron/core/library/migrations.ts';
import { curateImages } from '../electron/core/library/curation.ts';
import { LibraryWorker } from '../electron/core/library/worker.ts';
import { eventLoopWatch, ms, percentile, time } from './lib/measure.ts';
import { buildSyntheticLibrary, randomSource, syntheticRow } from './lib/synthetic-library.ts';
import { build, buildIsStale, useBuiltThreads } from './lib/build.ts';
import { runAsTheCore } from './lib/core-flags.ts';

// the core's V8 flags on this process, whose thread stands in for the core's (core-v8-flags.ts)
await runAsTheCore();

// The library's threads start from the build, as in the desktop app (electron/core/thread-script.ts).
if (buildIsStale()) await build();
useBuiltThreads();

const { values: args } = parseArgs({ options: { generations: { type: 'string', default: '100000' } } });
const GENERATIONS = Number(args.generations);
if (!Number.isSafeInteger(GENERATIONS) || GENERATIONS < 1000) throw new Error('--generations takes a whole number of at least 1000.');
const START = Date.UTC(2024, 0, 1);
/** Issue 12: the core's writes never wait more than ~50 ms. */
const TARGET_MS = 50;
const RATE_EVERY_MS = 20;
const INSERT_EVERY = 5;

type Fill = 'fillSearchIndex' | 'fillStackKeys' | 'fillValueOrder' | 'fillMemberOrder';
const fills: [Fill, string][] = [
  ['fillSearchIndex', 'search index (migration 7)'],
  ['fillStackKeys', 'stack keys (migrations 12 and 18)'],
  ['fillValueOrder', 'value orders (migrations 13 and 17)'],
  ['fillMemberOrder', 'tag/collection order (mig. 16)'],
];

/** The core's writes until `done` settles: each one's time on the core's thread, the lock's wait included. */
async function writeWhile(db: Library, done: Promise<unknown> | null, count: number): Promise<Samples> {
  const random = randomSource(11);
  const samples = Object.assign([] as number[], { slowestAt: 0 });
  const began = performance.now();
  let slowest = 0;
  const highest = (db.prepare('SELECT max(id) AS id FROM generations').get() as { id: number }).id;
  let settled = false;
  void done?.finally(() => (settled = true));
  for (let i = 0; done === null ? i < count : !settled; i += 1) {
    if (i % INSERT_EVERY === 0) {
      const r = syntheticRow(GENERATIONS + i, random, START);
      const effective = {
        model: r.model as Model, prompt: r.effectivePrompt, aspectRatio: r.aspectRatio as AspectRatio, stylize: r.stylize, chaos: r.chaos,
        weird: r.weird, quality: null, raw: false, negativePrompt: r.negativePrompt, seed: r.seed, referenceImageUrl: null,
      };
      samples.push(time(() => insertGeneration(db, { params: { model: effective.model, prompt: r.prompt }, effective, requestBody: { prompt: r.prompt } }, Date.now())));
    } else {
      const generation = 1 + Math.floor(random() * highest);
      samples.push(time(() => curateImages(db, { images: [{ generationId: generation, index: i % 4 }] }, { rating: (1 + (i % 5)) as Rating })));
    }
    const last = samples.at(-1) ?? 0;
    if (last > slowest) {
      slowest = last;
      samples.slowestAt = (performance.now() - began) / 1000;
    }
    await sleep(RATE_EVERY_MS);
  }
  return samples;
}

/** A run's write times, and when (s from its start) the slowest ended: a fill's last step stands apart. */
type Samples = number[] & { slowestAt: number };

const line = (name: string, samples: readonly number[], extra = '') =>
  console.log(
    `  ${name.padEnd(30)} ${String(samples.length).padStart(6)} ${ms(percentile(samples, 50)).padStart(7)} ${ms(percentile(samples, 95)).padStart(7)} ` +
      `${ms(percentile(samples, 99)).padStart(7)} ${ms(Math.max(...samples)).padStart(7)}  ${Math.max(...samples) <= TARGET_MS ? 'ok' : 'SLOW'}${extra}`,
  );

async function main(): Promise<void> {
  const dataDir = mkdtempSync(path.join(os.tmpdir(), 'atelier-bench-fills-'));
  try {
    console.log(`Atelier background fills vs the core's writes: ${GENERATIONS.toLocaleString('en')} generations`);
    console.log(`(node ${process.version}, ${os.cpus().length} cores, load ${os.loadavg().map((l) => l.toFixed(1)).join(' ')})\n`);
    const old = new Database(libraryPath(dataDir));
    old.pragma('journal_mode = WAL');
    migrate(old, 6);
    buildSyntheticLibrary(old, GENERATIONS, START);
    // tags and collections as artists file work (about 14 % tagged, 3 % in a collection), for migration 16's fill
    migrate(old, 15);
    old.exec(`INSERT INTO tags (name, created_at) VALUES ('keeper', 0), ('print', 0);
      INSERT INTO collections (name, created_at) VALUES ('Moodboard', 0);
      INSERT INTO generation_tags (tag_id, generation_id, added_at) SELECT 1 + id % 2, id, 0 FROM generations WHERE id % 7 = 0;
      INSERT INTO collection_members (collection_id, generation_id, images, added_at) SELECT 1, id, 15, 0 FROM generations WHERE id % 33 = 0;`);
    old.close();
    const db = openLibrary(dataDir);
    const watch = eventLoopWatch();
    console.log(`The core's writes (ms, each on the core's thread, the wait for the lock included; a rating every ${RATE_EVERY_MS} ms, every ${INSERT_EVERY}th a new generation)`);
    console.log(`  ${'while'.padEnd(30)} ${'writes'.padStart(6)} ${'p50'.padStart(7)} ${'p95'.padStart(7)} ${'p99'.padStart(7)} ${'max'.padStart(7)}  target max ≤ ${TARGET_MS} ms`);
    // both from an empty log (the migrations above wrote a long one)
    db.pragma('wal_checkpoint(TRUNCATE)');
    // the alternative: SQLite's own automatic checkpoint, run by the commit that crosses 1,000 pages of log
    line('nothing (core checkpoints)', await writeWhile(db, null, 500));
    // as the app's threads do: the core's log goes back into the file on a thread of its own
    const checkpoints = startCheckpoints(db, libraryPath(dataDir));
    line('nothing else runs', await writeWhile(db, null, 500));
    for (const [job, name] of fills) {
      const worker = new LibraryWorker(libraryPath(dataDir), { name: 'bench-fill', writable: true });
      watch.reset();
      const began = performance.now();
      const filled = worker.run(job, undefined) as Promise<{ longestStepMs: number }>;
      const samples = await writeWhile(db, filled, 0);
      const report = await filled;
      const took = (performance.now() - began) / 1000;
      await worker.close();
      line(name, samples, `   fill ${took.toFixed(1)} s (slowest write at ${samples.slowestAt.toFixed(1)} s), longest transaction ${ms(report.longestStepMs)} ms, core task ${ms(watch.longestTask())} ms`);
    }
    watch.stop();
    await checkpoints.close();
    closeLibrary(db);
    console.log(`\n(load ${os.loadavg().map((l) => l.toFixed(1)).join(' ')} — on a shared machine the maxima include the OS pausing either thread)`);
  } finally {
    rmSync(dataDir, { recursive: true, force: true });
  }
}

await main();
