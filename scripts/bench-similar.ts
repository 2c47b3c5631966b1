/**
 * `npm run bench:similar [-- --hashes N]`: the "Find similar" lookup at a million images (issue 13).
 * Builds N random 64-bit perceptual hashes (default 1,000,000) in a temp SQLite file made by the
 * library's own migrations, plants near copies (1–7 bits away) of some, then times the lookup
 * (library/similar.ts: four 16-bit bands, 68 indexed probes) against a full scan of every hash:
 * p50/p95 time, rows examined, whether every planted copy was found, and the longest block of this
 * thread while lookups ran. Runs with foreign keys off: only `image_hashes` is filled.
 */
import Database from 'better-sqlite3';
import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { performance } from 'node:perf_hooks';
import { setTimeout as sleep } from 'node:timers/promises';
import { parseArgs } from 'node:util';
import { migrate } from '../electron/core/library/migrations.ts';
import { randomFrom } from '../electron/core/sandbox/render.ts';
import { bandsOf, hashDistance, nearHashes, SIMILAR_DISTANCE } from '../electron/core/library/similar.ts';
import { eventLoopWatch, ms, percentile } from './lib/measure.ts';
import { runAsTheCore } from './lib/core-flags.ts';

// the core's V8 flags on this process, whose thread stands in for the core's (core-v8-flags.ts)
await runAsTheCore();

const { values: args } = parseArgs({ options: { hashes: { type: 'string', default: '1000000' } } });
const HASHES = Number(args.hashes);
if (!Number.isSafeInteger(HASHES) || HASHES < 10_000) throw new Error('--hashes takes a whole number of at least 10000.');
const PLANTED = 200;
const SCANS = 5;

// mulberry32 (the Sandbox's): the same hashes on every run; a linear generator such as xorshift
// would make the two halves of a hash depend on each other and put hashes closer than chance
const next = randomFrom(0x2545f491);
const random32 = (): number => Math.floor(next() * 2 ** 32) >>> 0;
const randomHash = () => random32().toString(16).padStart(8, '0') + random32().toString(16).padStart(8, '0');
function flipBits(hash: string, count: number): string {
  let value = BigInt(`0x${hash}`);
  const bits = new Set<number>();
  while (bits.size < count) bits.add(random32() % 64);
  for (const bit of bits) value ^= 1n << BigInt(bit);
  return value.toString(16).padStart(16, '0');
}

const dir = mkdtempSync(path.join(os.tmpdir(), 'atelier-bench-similar-'));
try {
  const db = new Database(path.join(dir, 'library.sqlite'));
  db.pragma('journal_mode = WAL');
  db.pragma('foreign_keys = OFF');
  migrate(db);
  db.exec('DELETE FROM hash_backfill');
  const insert = db.prepare('INSERT INTO image_hashes (image_id, pixel_sha256, phash, band0, band1, band2, band3) VALUES (?, ?, ?, ?, ?, ?, ?)');
  const built = performance.now();
  const queries: { phash: string; planted: number[] }[] = [];
  let id = 0;
  const add = (phash: string): number => {
    id += 1;
    insert.run(id, String(id).padStart(64, '0'), phash, ...bandsOf(phash));
    return id;
  };
  const chunk = 50_000;
  for (let start = 0; start < HASHES; start += chunk) {
    db.transaction(() => {
      for (let i = start; i < Math.min(HASHES, start + chunk); i++) {
        const phash = randomHash();
        add(phash);
        // every so often a picture with copies: 1–3 near ones, 1–7 bits away
        if (queries.length < PLANTED && i % Math.floor(HASHES / PLANTED) === 7) {
          const planted = Array.from({ length: 1 + (random32() % 3) }, () => add(flipBits(phash, 1 + (random32() % SIMILAR_DISTANCE))));
          queries.push({ phash, planted });
        }
      }
    })();
  }
  db.exec('ANALYZE');
  const rows = db.prepare('SELECT count(*) FROM image_hashes').pluck().get() as number;
  console.log(`built ${rows.toLocaleString('en-US')} hashes (${PLANTED} with 1–3 planted copies 1–${SIMILAR_DISTANCE} bits away) in ${((performance.now() - built) / 1000).toFixed(1)} s`);

  const watch = eventLoopWatch();
  // warm the page cache and the statements
  for (const q of queries.slice(0, 10)) nearHashes(db, q.phash);
  watch.reset();
  const times: number[] = [];
  const examined: number[] = [];
  let missed = 0;
  let strays = 0;
  for (const q of [...queries, ...Array.from({ length: 200 }, () => ({ phash: randomHash(), planted: [] as number[] }))]) {
    const began = performance.now();
    const found = nearHashes(db, q.phash);
    times.push(performance.now() - began);
    examined.push(found.examined);
    for (const p of q.planted) if (!found.matches.has(p)) missed += 1;
    // one lookup per turn of the event loop, as the core answers one request at a time: the watch sees each as a task
    await sleep(0);
    // the base itself is found too (distance 0); anything else is a random hash within 7 bits
    strays += Math.max(0, found.matches.size - q.planted.length - (q.planted.length > 0 ? 1 : 0));
  }
  const lookupBlock = watch.longestBlock();
  const lookupTask = watch.longestTask();

  const scanTimes: number[] = [];
  const all = db.prepare('SELECT image_id, phash FROM image_hashes');
  for (const q of queries.slice(0, SCANS)) {
    const began = performance.now();
    let near = 0;
    for (const row of all.iterate() as Iterable<{ image_id: number; phash: string }>) if (hashDistance(q.phash, row.phash) <= SIMILAR_DISTANCE) near += 1;
    scanTimes.push(performance.now() - began);
    if (near < q.planted.length + 1) missed += 1;
  }
  watch.stop();
  db.close();

  console.log(`\nlookup (${times.length} queries: ${queries.length} with planted copies, 200 random)`);
  console.log(`  time        p50 ${ms(percentile(times, 50))} ms   p95 ${ms(percentile(times, 95))} ms   max ${ms(Math.max(...times))} ms`);
  console.log(`  rows read   p50 ${percentile(examined, 50)}   p95 ${percentile(examined, 95)}   (of ${rows.toLocaleString('en-US')}: ${((percentile(examined, 50) / rows) * 100).toFixed(3)} %)`);
  console.log(`  planted copies missed: ${missed}   other hashes within ${SIMILAR_DISTANCE} bits: ${strays}`);
  console.log(`full scan (${SCANS} queries): p50 ${ms(percentile(scanTimes, 50))} ms, reads every row (${rows.toLocaleString('en-US')})`);
  console.log(`speed-up at p50: ${(percentile(scanTimes, 50) / percentile(times, 50)).toFixed(0)}×`);
  console.log(`while the lookups ran (on the core's thread): longest event-loop block ${ms(lookupBlock)} ms (perf_hooks.monitorEventLoopDelay, OS scheduling included), longest task ${ms(lookupTask)} ms of CPU`);
  if (missed > 0) process.exitCode = 1;
} finally {
  rmSync(dir, { recursive: true, force: true });
}
