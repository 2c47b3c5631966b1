/**
 * `npm run bench:ui`: opens the browser preview on a synthetic library of 100,000
 * generations in real Chromium and prints: navigation → first thumbnails painted, typing
 * a search → updated grid, DOM nodes in the grid, and the renderer's JS heap after
 * scrolling 2,000 rows. Targets: ≤ 1.5 s, ≤ 150 ms, bounded by what is visible, ≤ 200 MB.
 */
import { mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { chromium } from 'playwright-core';
import sharp from 'sharp';
import { startCore } from '../electron/core/app.ts';
import { closeLibrary, openLibrary } from '../electron/core/library/database.ts';
import { imagePath, thumbnailPathFor, toAbsolutePath } from '../electron/core/media/layout.ts';
import { startPreviewHost } from '../electron/preview/host.ts';
import { chromiumPath } from '../tests/support/chromium.ts';
import { build, buildIsStale } from './lib/build.ts';
import { root } from './lib/run.ts';
import { buildSyntheticLibrary } from './lib/synthetic-library.ts';

const GENERATIONS = 100_000;
/** Distinct thumbnail files; rows share them (the first screens show distinct ones). */
const THUMBNAILS = 400;
const ROWS_TO_SCROLL = Number(process.env.BENCH_ROWS ?? 2_000);

const executablePath = chromiumPath();
if (!executablePath) throw new Error('bench:ui needs Chromium: apt-get install chromium, or set CHROMIUM_PATH.');
if (buildIsStale()) await build();

const dataDir = mkdtempSync(path.join(os.tmpdir(), 'atelier-bench-ui-'));
console.log(`Building a synthetic library of ${GENERATIONS.toLocaleString('en')} generations…`);
const db = openLibrary(dataDir);
buildSyntheticLibrary(db, GENERATIONS, Date.UTC(2024, 0, 1));
const setThumbnail = db.prepare('UPDATE images SET thumbnail = ? WHERE (generation_id * 4 + idx) % ? = ?');
db.transaction(() => {
  for (let i = 0; i < THUMBNAILS; i++) setThumbnail.run(thumbnailPathFor(imagePath({ generationId: i + 1, index: 0, createdAt: Date.UTC(2024, 0, 1) })), THUMBNAILS, i);
})();
closeLibrary(db);
for (let i = 0; i < THUMBNAILS; i++) {
  const file = toAbsolutePath(dataDir, thumbnailPathFor(imagePath({ generationId: i + 1, index: 0, createdAt: Date.UTC(2024, 0, 1) })));
  mkdirSync(path.dirname(file), { recursive: true });
  const hue = (i * 137) % 360;
  await sharp({ create: { width: 400, height: 400, channels: 3, background: `hsl(${hue}, 45%, 40%)` } }).webp({ quality: 70 }).toFile(file);
}

const core = await startCore({ dataDir, version: 'bench', shell: 'preview' });
const host = await startPreviewHost({ core, rendererDir: path.join(root, 'out', 'renderer') });
const browser = await chromium.launch({
  executablePath,
  args: ['--disable-gpu', '--disable-background-networking', '--disable-component-update', '--disable-sync', '--no-first-run', '--enable-precise-memory-info'],
});
try {
  const page = await browser.newPage({ viewport: { width: 1440, height: 900 } });
  const cdp = await page.context().newCDPSession(page);

  await page.goto(host.url);
  const firstPaintMs = await page.waitForFunction(
    () => [...document.querySelectorAll<HTMLImageElement>('.gallery-rows img.thumb')].some((img) => img.complete && img.naturalWidth > 0) && performance.now(),
    undefined,
    { timeout: 30_000, polling: 'raf' },
  ).then((handle) => handle.jsonValue() as Promise<number>);

  const gridNodes = () => page.evaluate(() => document.querySelectorAll('.gallery-scroll *').length);
  const nodesAtStart = await gridNodes();

  // Typing a search: from the last keystroke to the grid showing other generations.
  const searchTimes: number[] = [];
  for (const word of ['lighthouse', 'neon', 'portrait', 'forest', 'cyberpunk']) {
    const search = page.getByRole('searchbox', { name: 'Search' }).or(page.getByLabel('Search')).first();
    await search.fill('');
    await page.waitForTimeout(400);
    const before = await page.evaluate(() => document.querySelector('.gallery-rows .tile')?.getAttribute('aria-label') ?? '');
    await search.focus();
    await page.evaluate(() => {
      const w = window as unknown as { lastKey: number };
      document.addEventListener('input', () => (w.lastKey = performance.now()), { capture: true });
    });
    await page.keyboard.type(word, { delay: 30 });
    const updatedAt = await page.waitForFunction(
      (previous) => {
        const first = document.querySelector('.gallery-rows .tile')?.getAttribute('aria-label') ?? '';
        return first !== previous && first !== '' && performance.now();
      },
      before,
      { timeout: 10_000, polling: 'raf' },
    ).then((handle) => handle.jsonValue() as Promise<number>);
    const lastKey = await page.evaluate(() => (window as unknown as { lastKey: number }).lastKey);
    searchTimes.push(updatedAt - lastKey);
  }
  await page.getByLabel('Search').first().fill('');
  await page.waitForTimeout(500);

  // Scroll 2,000 rows of the grid, letting endless scrolling fetch pages as an artist would.
  const rowHeight = await page.evaluate(() => {
    const rows = [...document.querySelectorAll<HTMLElement>('.gallery-row')];
    return rows.length > 1 ? Math.abs(rows[1]!.getBoundingClientRect().top - rows[0]!.getBoundingClientRect().top) : 200;
  });
  const scrollStarted = Date.now();
  let nodesMax = 0;
  const target = ROWS_TO_SCROLL * rowHeight;
  for (;;) {
    const position = await page.evaluate((px) => {
      const grid = document.querySelector('.gallery-scroll');
      if (!grid) return { top: 0, height: 0 };
      grid.scrollBy(0, px);
      return { top: grid.scrollTop, height: grid.scrollHeight - grid.clientHeight };
    }, rowHeight * 10);
    nodesMax = Math.max(nodesMax, await gridNodes());
    if (position.top >= target) break;
    if (position.top >= position.height - 1) {
      // At the bottom of what is loaded: endless scrolling must fetch the next page.
      await page.waitForFunction((h) => {
        const grid = document.querySelector('.gallery-scroll');
        return grid !== null && grid.scrollHeight - grid.clientHeight > h + 1;
      }, position.height, { timeout: 15_000, polling: 50 });
    }
  }
  const scrollSeconds = (Date.now() - scrollStarted) / 1000;
  const scrolledRows = await page.evaluate((h) => Math.round((document.querySelector('.gallery-scroll')?.scrollTop ?? 0) / h), rowHeight);
  const loadedTiles = await page.evaluate(() => document.querySelectorAll('.gallery-rows .tile').length);
  await cdp.send('HeapProfiler.collectGarbage');
  const heap = (await cdp.send('Runtime.getHeapUsage')) as { usedSize: number };

  const sorted = [...searchTimes].sort((a, b) => a - b);
  const p = (q: number) => sorted[Math.min(sorted.length - 1, Math.floor(q * sorted.length))]!;
  const row = (label: string, value: string, target: string) => console.log(`${label.padEnd(46)} ${value.padStart(12)}  ${target}`);
  console.log(`\nbench:ui — ${GENERATIONS.toLocaleString('en')} generations, Chromium ${browser.version()}, 1440×900`);
  row('navigation → first thumbnails painted', `${firstPaintMs.toFixed(0)} ms`, `target ≤ 1500 ms ${firstPaintMs <= 1500 ? '✓' : '✗'}`);
  row('typing a search → updated grid (median)', `${p(0.5).toFixed(0)} ms`, `target ≤ 150 ms ${p(0.5) <= 150 ? '✓' : '✗'}`);
  row('typing a search → updated grid (worst of 5)', `${sorted.at(-1)!.toFixed(0)} ms`, '');
  row('DOM nodes in the grid (first screen)', String(nodesAtStart), 'bounded by what is visible');
  row(`DOM nodes in the grid (most, scrolling ${ROWS_TO_SCROLL} rows)`, String(nodesMax), nodesMax < nodesAtStart * 3 ? 'bounded ✓' : 'grows ✗');
  row(`JS heap after scrolling ${ROWS_TO_SCROLL} rows (after GC)`, `${(heap.usedSize / 1048576).toFixed(1)} MB`, `target ≤ 200 MB ${heap.usedSize <= 200 * 1048576 ? '✓' : '✗'}`);
  row('scrolling took', `${scrollSeconds.toFixed(1)} s`, `${scrolledRows} rows scrolled; ${loadedTiles} tiles in the page at the end`);
} finally {
  await browser.close();
  await host.close();
  await core.close();
  rmSync(dataDir, { recursive: true, force: true });
}
