/**
 * Library benchmark: builds a synthetic 100,000-generation library in a temp folder and times
 * opening it, searching it (first page and ~50 pages deep) and paging through it, each search
 * beside the same question asked of SQLite by hand as the floor. `npm run bench:library`.
 */
import { mkdtempSync, rmSync, statSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { performance } from 'node:perf_hooks';
import type { LibrarySearchInput } from '../shared/search.ts';
import { checkLibrary, closeLibrary, libraryPath, openLibrary } from '../electron/core/library/database.ts';
import { backupLibrary } from '../electron/core/library/backup.ts';
import { insertGeneration } from '../electron/core/library/generations.ts';
import { countSearch, explainSearch, searchGenerations } from '../electron/core/library/search.ts';
import { buildSyntheticLibrary, randomSource, syntheticRow } from './lib/synthetic-library.ts';
import type { Model, AspectRatio } from '../shared/generation.ts';

const GENERATIONS = Number(process.env.BENCH_GENERATIONS ?? 100_000);
const RUNS = 25;
const DEEP_PAGES = 50;
const PAGE = 60;
const TARGET = { search: 20, page: 10, open: 300 };

interface Case {
  name: string;
  search: LibrarySearchInput;
  /** The floor: the same page asked directly; params are the keyset bound (created_at, id). */
  floor: string;
}

const fts = (match: string) =>
  `SELECT g.id FROM generations g WHERE g.deleted_at IS NULL AND +g.id IN (SELECT rowid FROM generations_fts WHERE generations_fts MATCH '${match}')`;
const keyset = ` AND (g.created_at, g.id) < (?, ?) ORDER BY g.created_at DESC, g.id DESC LIMIT ${PAGE + 1}`;

const cases: Case[] = [
  { name: 'common word', search: { text: 'portrait' }, floor: fts('portrait') + keyset },
  { name: 'rare word', search: { text: 'axolotl' }, floor: fts('axolotl') + keyset },
  { name: 'prefix', search: { text: 'neo*' }, floor: fts('neo*') + keyset },
  { name: 'phrase', search: { text: '"golden hour"' }, floor: fts('"golden hour"') + keyset },
  { name: 'two words', search: { text: 'castle fog' }, floor: fts('castle fog') + keyset },
  {
    name: 'exclusion only',
    search: { text: '-portrait' },
    floor: `SELECT g.id FROM generations g WHERE g.deleted_at IS NULL AND g.id NOT IN (SELECT rowid FROM generations_fts WHERE generations_fts MATCH 'portrait')${keyset}`,
  },
  {
    name: 'word + exclusion',
    search: { text: 'castle -blurry' },
    floor: fts('castle NOT blurry') + keyset,
  },
  {
    name: 'filters only',
    search: { models: ['midjourney-v7-niji'], stylize: { min: 500 } },
    floor: `SELECT g.id FROM generations g WHERE g.deleted_at IS NULL AND g.effective_model = 'midjourney-v7-niji' AND g.effective_stylize >= 500${keyset}`,
  },
  {
    name: 'favourites 16:9',
    search: { favorite: true, aspectRatios: ['16:9'] },
    floor: `SELECT g.id FROM generations g WHERE g.deleted_at IS NULL AND g.favorite = 1 AND g.effective_aspect_ratio = '16:9'${keyset}`,
  },
  {
    name: 'filters + words',
    search: { text: 'castle', models: ['midjourney-v8'], aspectRatios: ['16:9', '1:1'] },
    floor: `${fts('castle')} AND g.effective_model = 'midjourney-v8' AND g.effective_aspect_ratio IN ('16:9', '1:1')${keyset}`,
  },
  { name: 'browse all', search: {}, floor: `SELECT g.id FROM generations g WHERE g.deleted_at IS NULL${keyset}` },
];

function time(run: () => unknown): number {
  const start = performance.now();
  run();
  return performance.now() - start;
}

function percentile(samples: number[], p: number): number {
  const sorted = [...samples].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))] ?? Number.NaN;
}

const ms = (value: number) => value.toFixed(value < 10 ? 2 : 1);
const pad = (text: string, width: number) => text.padStart(width);
const mark = (value: number, target: number) => (value <= target ? 'ok' : 'SLOW');

/** The keyset bound a cursor stands for, to ask the floor query for the same page. */
function boundOf(cursor: string | null): [number, number] {
  if (cursor === null) return [Number.MAX_SAFE_INTEGER, Number.MAX_SAFE_INTEGER];
  const [, createdAt, id] = JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8')) as [string, number, number];
  return [createdAt, id];
}

async function main(): Promise<void> {
  const dir = mkdtempSync(path.join(os.tmpdir(), 'atelier-bench-library-'));
  try {
    await run(dir);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

async function run(dir: string): Promise<void> {
  console.log(`Atelier library benchmark: ${GENERATIONS.toLocaleString('en')} generations, ${(GENERATIONS * 4).toLocaleString('en')} image rows`);
  console.log(`(node ${process.version}, ${os.cpus().length} cores, temp folder ${dir})\n`);
  const start = Date.UTC(2024, 0, 1);
  let db = openLibrary(dir);
  const buildMs = time(() => buildSyntheticLibrary(db, GENERATIONS, start));
  const random = randomSource(7);
  const singles = 1000;
  const singleMs = time(() => {
    for (let i = 0; i < singles; i += 1) {
      const r = syntheticRow(GENERATIONS + i, random, start);
      const effective = {
        model: r.model as Model, prompt: r.prompt, aspectRatio: r.aspectRatio as AspectRatio, stylize: r.stylize, chaos: r.chaos,
        weird: r.weird, quality: null, raw: false, negativePrompt: r.negativePrompt, seed: r.seed, referenceImageUrl: null,
      };
      insertGeneration(db, { params: { model: effective.model, prompt: r.prompt }, effective, requestBody: { prompt: r.prompt } }, r.createdAt);
    }
  });
  db.pragma('wal_checkpoint(TRUNCATE)');
  closeLibrary(db);
  const bytes = statSync(libraryPath(dir)).size;

  const openSamples: number[] = [];
  for (let i = 0; i < 5; i += 1) {
    openSamples.push(time(() => (db = openLibrary(dir))));
    if (i < 4) closeLibrary(db);
  }

  console.log('Build');
  console.log(`  bulk build          ${ms(buildMs / 1000)} s  = ${Math.round(GENERATIONS / (buildMs / 1000)).toLocaleString('en')} generations/s (with 4 image rows each, FTS triggers on)`);
  console.log(`  insertGeneration    ${Math.round(singles / (singleMs / 1000)).toLocaleString('en')} generations/s one by one (autocommit, returns the Generation)`);
  console.log(`  library file        ${(bytes / 1e6).toFixed(1)} MB`);
  const openP50 = percentile(openSamples, 50);
  const openMax = Math.max(...openSamples);
  console.log(`  open + check + migrate (reopen)  p50 ${ms(openP50)} ms, max ${ms(openMax)} ms   target ≤ ${TARGET.open} ms  ${mark(openMax, TARGET.open)}\n`);

  const pageSamples: number[] = [];
  const header = ['search', 'matches', 'count ms', 'p1 p50', 'p1 p95', 'floor p50', `p${DEEP_PAGES} p50`, `p${DEEP_PAGES} p95`, 'floor p50', 'plan', 'target'];
  const widths = [18, 8, 9, 8, 8, 10, 8, 8, 10, 6, 7];
  const line = (cells: string[]) => console.log(cells.map((c, i) => (i === 0 ? c.padEnd(widths[0] ?? 0) : pad(c, widths[i] ?? 0))).join(' '));
  console.log(`Searches (ms; ${PAGE} per page with images; p1 = first page, p${DEEP_PAGES} = page ${DEEP_PAGES} reached by following cursors, or the last page when fewer; ${RUNS} runs each)`);
  line(header);
  let worstSearch = 0;
  for (const c of cases) {
    let total = 0;
    const countMs = time(() => (total = countSearch(db, c.search)));
    // follow the cursors down, timing each page fetch, and keep the cursor of the deep page
    let cursor: string | null = null;
    let deepCursor: string | null = null;
    for (let page = 1; page < DEEP_PAGES; page += 1) {
      const asked: LibrarySearchInput = cursor === null ? c.search : { ...c.search, cursor };
      let next: string | null = null;
      pageSamples.push(time(() => (next = searchGenerations(db, asked).nextCursor)));
      if (next === null) break;
      cursor = next;
      deepCursor = next;
    }
    const first: number[] = [];
    const deep: number[] = [];
    const floorFirst: number[] = [];
    const floorDeep: number[] = [];
    const floor = db.prepare(c.floor);
    const firstBound = boundOf(null);
    const deepBound = boundOf(deepCursor);
    for (let i = 0; i < RUNS; i += 1) {
      first.push(time(() => searchGenerations(db, c.search)));
      floorFirst.push(time(() => floor.all(...firstBound)));
      if (deepCursor !== null) {
        const deepSearch = { ...c.search, cursor: deepCursor };
        deep.push(time(() => searchGenerations(db, deepSearch)));
        floorDeep.push(time(() => floor.all(...deepBound)));
      }
    }
    const worst = Math.max(percentile(first, 95), deep.length > 0 ? percentile(deep, 95) : 0);
    worstSearch = Math.max(worstSearch, worst);
    const deepCell = (samples: number[], p: number) => (samples.length === 0 ? '(short)' : ms(percentile(samples, p)));
    line([
      c.name, total.toLocaleString('en'), ms(countMs), ms(percentile(first, 50)), ms(percentile(first, 95)), ms(percentile(floorFirst, 50)),
      deepCell(deep, 50), deepCell(deep, 95), deepCell(floorDeep, 50),
      explainSearch(db, c.search).some((step) => step.includes('TEMP B-TREE')) ? 'sort' : 'walk', mark(worst, TARGET.search),
    ]);
  }
  const checkMs = time(() => checkLibrary(db));
  const backupStart = performance.now();
  await backupLibrary(db, dir);
  const backupMs = performance.now() - backupStart;
  const pageP95 = percentile(pageSamples, 95);
  console.log('plan: "walk" = the page is read in order from an index; "sort" = every match is sorted first');
  console.log('floor = the same page asked of SQLite by hand, ids only, no images; count = countSearch (no target)');
  console.log('\nSummary');
  console.log(`  search p95 (worst search, first or deep page)  ${pad(ms(worstSearch), 7)} ms   target ≤ ${TARGET.search} ms  ${mark(worstSearch, TARGET.search)}`);
  console.log(`  page fetch p95 (${pageSamples.length} cursor pages)            ${pad(ms(pageP95), 7)} ms   target ≤ ${TARGET.page} ms  ${mark(pageP95, TARGET.page)}`);
  console.log(`  open p50 / max                                 ${pad(ms(openP50), 7)} / ${ms(openMax)} ms   target ≤ ${TARGET.open} ms  ${mark(openMax, TARGET.open)}`);
  console.log(`\n  full integrity check (on open after a crash or under 32 MB)  ${ms(checkMs)} ms`);
  console.log(`  daily backup (online copy + check of the copy)              ${ms(backupMs)} ms`);
  closeLibrary(db);
}

await main();
