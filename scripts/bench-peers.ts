/**
 * `npm run bench:peers [-- --generations N] [--library PATH]`: on one synthetic library, in one
 * process, the search strategies of the tools artists would otherwise use, beside Atelier's own —
 * Diffusion Toolkit (SQL LIKE per term on the prompt, LIMIT/OFFSET pages, a COUNT), InvokeAI (LIKE
 * over a JSON metadata text, OFFSET, COUNT), Image MetaHub (every record in memory, filtered and
 * sorted per search) — each on the first page and page 50, with its ratio to Atelier's time.
 * Atelier's time is its page plus its count, as the gallery asks both; the peers' include theirs.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { closeLibrary, openLibrary, type Library } from '../electron/core/library/database.ts';
import { countSearch, searchGenerations } from '../electron/core/library/search.ts';
import { fillSearchIndex, searchIndexNeedsWork } from '../electron/core/library/search-index.ts';
import type { LibrarySearchInput } from '../shared/search.ts';
import { ms, percentile, time } from './lib/measure.ts';
import { prepareLibrary } from './lib/prepared-library.ts';

const { values: args } = parseArgs({ options: { generations: { type: 'string', default: '100000' }, library: { type: 'string' } } });
const GENERATIONS = Number(args.generations);
if (!Number.isSafeInteger(GENERATIONS) || GENERATIONS < 1000) throw new Error('--generations takes a whole number of at least 1000.');
const START = Date.UTC(2024, 0, 1);
const PAGE = 60;
const DEEP = 50;
const RUNS = 5;

const searches = [
  { name: 'common word', terms: ['portrait'] },
  { name: 'rare word', terms: ['axolotl'] },
  { name: 'two words', terms: ['castle', 'fog'] },
  { name: 'phrase', terms: ['golden hour'] },
];

interface Peer {
  name: string;
  /** The ids of page `page` (1-based) and the total, the way that tool asks for them. */
  page(terms: string[], page: number): { ids: number[]; total: number };
}

/** Diffusion Toolkit: a LIKE per term on the prompt, OFFSET paging, and a COUNT for the pager. */
function diffusionToolkit(db: Library): Peer {
  return {
    name: 'Diffusion Toolkit',
    page: (terms, page) => {
      const where = terms.map(() => 'prompt LIKE ?').join(' AND ');
      const values = terms.map((t) => `%${t}%`);
      const ids = db.prepare(`SELECT id FROM generations WHERE ${where} ORDER BY created_at DESC LIMIT ${PAGE} OFFSET ${(page - 1) * PAGE}`).pluck().all(...values) as number[];
      const total = db.prepare(`SELECT count(*) FROM generations WHERE ${where}`).pluck().get(...values) as number;
      return { ids, total };
    },
  };
}

/** InvokeAI: a LIKE over the JSON metadata text, OFFSET paging, and a COUNT. */
function invokeAi(db: Library): Peer {
  return {
    name: 'InvokeAI',
    page: (terms, page) => {
      const where = terms.map(() => 'request_body LIKE ?').join(' AND ');
      const values = terms.map((t) => `%${t}%`);
      const ids = db.prepare(`SELECT id FROM generations WHERE ${where} ORDER BY created_at DESC LIMIT ${PAGE} OFFSET ${(page - 1) * PAGE}`).pluck().all(...values) as number[];
      const total = db.prepare(`SELECT count(*) FROM generations WHERE ${where}`).pluck().get(...values) as number;
      return { ids, total };
    },
  };
}

/** Image MetaHub: every record held in memory, filtered and sorted on each search. */
function imageMetaHub(db: Library): Peer {
  const records = db.prepare('SELECT id, created_at AS createdAt, lower(prompt) AS prompt FROM generations').all() as { id: number; createdAt: number; prompt: string }[];
  return {
    name: 'Image MetaHub',
    page: (terms, page) => {
      const found = records.filter((r) => terms.every((t) => r.prompt.includes(t)));
      found.sort((a, b) => b.createdAt - a.createdAt);
      return { ids: found.slice((page - 1) * PAGE, page * PAGE).map((r) => r.id), total: found.length };
    },
  };
}

function atelier(db: Library): Peer {
  return {
    name: 'Atelier',
    page: (terms, page) => {
      const search: LibrarySearchInput = { text: terms.map((t) => (t.includes(' ') ? `"${t}"` : t)).join(' '), limit: PAGE };
      let cursor: string | null = null;
      let ids: number[] = [];
      for (let p = 1; p <= page; p += 1) {
        // a deep page is reached by cursors, as the gallery scrolls: only the last one is timed below
        const result = searchGenerations(db, cursor === null ? search : { ...search, cursor });
        ids = result.items.map((g) => g.id);
        cursor = result.nextCursor;
        if (cursor === null) break;
      }
      return { ids, total: countSearch(db, search) };
    },
  };
}

/** Atelier's deep page alone: the cursor of page 49 is kept, as the gallery keeps it. */
function atelierDeep(db: Library, terms: string[]): () => void {
  const search: LibrarySearchInput = { text: terms.map((t) => (t.includes(' ') ? `"${t}"` : t)).join(' '), limit: PAGE };
  let cursor: string | null = null;
  for (let p = 1; p < DEEP; p += 1) {
    cursor = searchGenerations(db, cursor === null ? search : { ...search, cursor }).nextCursor;
    if (cursor === null) break;
  }
  const deep = cursor === null ? search : { ...search, cursor };
  return () => {
    searchGenerations(db, deep);
    countSearch(db, search);
  };
}

async function main(): Promise<void> {
  const temp = args.library === undefined ? mkdtempSync(path.join(os.tmpdir(), 'atelier-bench-peers-')) : undefined;
  const dataDir = temp ?? path.resolve(args.library ?? '');
  try {
    prepareLibrary(dataDir, GENERATIONS, START);
    const db = openLibrary(dataDir);
    if (searchIndexNeedsWork(db)) await fillSearchIndex(db);
    console.log(`Search strategies of other tools beside Atelier's: ${GENERATIONS.toLocaleString('en')} generations, ms, page + total, p50 of ${RUNS}`);
    console.log(`(node ${process.version}, ${os.cpus().length} cores, load ${os.loadavg().map((l) => l.toFixed(1)).join(' ')}; a shared machine: ratios matter more than times)\n`);
    let metaHub!: Peer;
    const loadMs = time(() => (metaHub = imageMetaHub(db)));
    const peers = [diffusionToolkit(db), invokeAi(db), metaHub];
    const own = atelier(db);
    console.log(`${'search'.padEnd(14)} ${'tool'.padEnd(18)} ${'page 1'.padStart(9)} ${'× Atelier'.padStart(10)} ${`page ${DEEP}`.padStart(9)} ${'× Atelier'.padStart(10)}`);
    for (const s of searches) {
      const firstOwn = percentile(Array.from({ length: RUNS }, () => time(() => own.page(s.terms, 1))), 50);
      const deepRun = atelierDeep(db, s.terms);
      const deepOwn = percentile(Array.from({ length: RUNS }, () => time(deepRun)), 50);
      console.log(`${s.name.padEnd(14)} ${'Atelier'.padEnd(18)} ${ms(firstOwn).padStart(9)} ${'1'.padStart(10)} ${ms(deepOwn).padStart(9)} ${'1'.padStart(10)}`);
      for (const peer of peers) {
        const first = percentile(Array.from({ length: RUNS }, () => time(() => peer.page(s.terms, 1))), 50);
        const deep = percentile(Array.from({ length: RUNS }, () => time(() => peer.page(s.terms, DEEP))), 50);
        console.log(`${''.padEnd(14)} ${peer.name.padEnd(18)} ${ms(first).padStart(9)} ${(first / firstOwn).toFixed(1).padStart(10)} ${ms(deep).padStart(9)} ${(deep / deepOwn).toFixed(1).padStart(10)}`);
      }
    }
    console.log(`\nImage MetaHub holds every record in memory first: ${ms(loadMs)} ms to load them here (its own index takes far more).`);
    closeLibrary(db);
  } finally {
    if (temp !== undefined) rmSync(temp, { recursive: true, force: true });
  }
}

await main();
