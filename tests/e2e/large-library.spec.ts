import { mkdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { toAbsolutePath } from '../../electron/core/media/layout.ts';
import { makeDeclaredPng } from '../support/image-server.ts';
import { expect, test } from './fixtures.ts';
import { tiles } from './studio.ts';
import { seedSyntheticGallery } from './synthetic-gallery.ts';

const GENERATIONS = 1500;
let oldestId = 0;
let finished = 0;

test.use({
  seedLibrary: {
    fill: (dataDir: string) =>
      seedSyntheticGallery(dataDir, GENERATIONS, (db) => {
        const oldest = db.prepare("SELECT id FROM generations WHERE status = 'done' ORDER BY created_at ASC, id ASC LIMIT 1").get() as { id: number };
        oldestId = oldest.id;
        finished = (db.prepare("SELECT count(*) AS n FROM generations WHERE status = 'done'").get() as { n: number }).n;
        // the newest screens' thumbnails are real pictures (small ones: Chromium reads a picture by its bytes, not its name)
        const picture = makeDeclaredPng(64, 64);
        const newest = db.prepare("SELECT thumbnail FROM images WHERE thumbnail IS NOT NULL AND generation_id IN (SELECT id FROM generations WHERE status = 'done' ORDER BY created_at DESC LIMIT 200)").all() as { thumbnail: string }[];
        for (const { thumbnail } of newest) {
          const file = toAbsolutePath(dataDir, thumbnail);
          mkdirSync(path.dirname(file), { recursive: true });
          writeFileSync(file, picture);
        }
      }),
  },
});

test('a large library: the grid stays small in the page while endless scrolling walks every keyset page', async ({ page, studio: _studio }) => {
  test.setTimeout(120_000);
  await expect(page.getByTestId('gallery-count')).toHaveText(`${finished.toLocaleString('en-US')} generations`);
  await expect(tiles(page).first()).toBeVisible();
  const firstScreen = await tiles(page).count();
  expect(firstScreen).toBeGreaterThan(4);
  expect(firstScreen).toBeLessThan(80);

  const grid = page.locator('.gallery-scroll');
  const last = page.locator(`[data-testid="gallery-tile"][data-id="${oldestId}"]`);
  for (let i = 0; i < 200 && (await last.count()) === 0; i++) {
    await grid.evaluate((element) => element.scrollTo(0, element.scrollHeight));
    await expect(page.locator('.gallery-more')).toHaveCount(0);
  }
  await expect(last).toBeVisible();
  expect(await tiles(page).count()).toBeLessThan(80);

  // Back to the top in one jump: the newest are still there, drawn again from the loaded pages.
  await grid.evaluate((element) => element.scrollTo(0, 0));
  await expect(tiles(page).first()).toBeInViewport();
});

test('a new page paints the rows on screen first, each where its own layout puts it, before its pictures are asked for; the rows below and the pictures follow', async ({ page, studio: _studio }) => {
  await expect(tiles(page).first()).toBeVisible();
  const search = page.getByRole('searchbox', { name: 'Search', exact: true });
  await search.fill('');
  await expect(page.locator('.gallery-scroll[aria-busy="false"]')).toHaveCount(1);
  // Watched from inside the page, frame by frame: the rows in the first frame that shows the new page.
  await page.evaluate(() => {
    const w = window as unknown as { firstFrame?: { rows: number; below: number; gaps: number[]; asked: number; waiting: number }; picturesTaken?: number };
    delete w.firstFrame;
    const before = document.querySelector('.gallery-rows .tile')?.getAttribute('data-id');
    const shownBefore = new Set([...document.querySelectorAll('.gallery-rows .tile')].map((tile) => tile.getAttribute('data-id')));
    // a picture shown before that loses its address would blank its tile for a frame
    w.picturesTaken = 0;
    new MutationObserver((changes) => {
      for (const change of changes) if (change.oldValue && !(change.target as HTMLImageElement).getAttribute('src')) w.picturesTaken! += 1;
    }).observe(document.querySelector('.gallery-rows')!, { subtree: true, attributeFilter: ['src'], attributeOldValue: true });
    const look = () => {
      const first = document.querySelector('.gallery-rows .tile')?.getAttribute('data-id');
      const busy = document.querySelector('.gallery-scroll')?.getAttribute('aria-busy') === 'true';
      if (first === undefined || first === before || busy) return void requestAnimationFrame(look);
      const screen = document.querySelector('.gallery-scroll')!.getBoundingClientRect();
      const rows = [...document.querySelectorAll('.gallery-row')].map((row) => row.getBoundingClientRect()).sort((a, b) => a.top - b.top);
      // each row where the new page's layout puts it, not where the last page's rows were: one 10 px gap between two
      const gaps = rows.slice(1).map((row, i) => Math.round(row.top - rows[i]!.bottom));
      // the new tiles' pictures: none asked for yet in the frame that first shows them
      const pictures = [...document.querySelectorAll('.gallery-rows .tile')].filter((tile) => !shownBefore.has(tile.getAttribute('data-id'))).flatMap((tile) => [...tile.querySelectorAll('img')]);
      const asked = pictures.filter((img) => img.hasAttribute('src')).length;
      w.firstFrame = { rows: rows.length, below: rows.filter((row) => row.top >= screen.bottom).length, gaps, asked, waiting: pictures.length - asked };
    };
    requestAnimationFrame(look);
  });
  // a subject the newest tile's prompt does not hold, so the first tile changes
  const newest = (await tiles(page).first().getAttribute('aria-label')) ?? '';
  const word = ['lighthouse', 'dragon', 'astronaut', 'garden', 'robot'].find((subject) => !newest.includes(subject))!;
  await search.fill(word);
  const firstFrame = await page.waitForFunction(() => (window as unknown as { firstFrame?: { rows: number; below: number; gaps: number[]; asked: number; waiting: number } }).firstFrame).then((handle) => handle.jsonValue());
  expect(firstFrame!.rows).toBeGreaterThan(1);
  expect(firstFrame!.below).toBe(0);
  expect(firstFrame!.gaps).toEqual(firstFrame!.gaps.map(() => 10));
  expect(firstFrame!.asked).toBe(0);
  expect(firstFrame!.waiting).toBeGreaterThan(0);
  // then every picture on screen is asked for, and none shown before was taken away meanwhile
  await expect.poll(() => page.locator('.gallery-rows .tile img:not([src])').count()).toBe(0);
  expect(await page.evaluate(() => (window as unknown as { picturesTaken: number }).picturesTaken)).toBe(0);

  // a search whose first tiles were shown before: they keep their pictures through the new list's first frame
  await search.fill('');
  await expect(page.locator('.gallery-scroll[aria-busy="false"]')).toHaveCount(1);
  await expect(page.locator('.gallery-rows .tile img:not([src])')).toHaveCount(0);
  const top = tiles(page).first();
  const kept = await top.getAttribute('data-id');
  const words = ((await top.getAttribute('aria-label')) ?? '').match(/[a-z]{5,}/g) ?? [];
  const shared = words.sort((a, b) => b.length - a.length)[0]!;
  await expect(top.locator('img[src]').first()).toBeAttached();
  await page.evaluate(() => ((window as unknown as { picturesTaken: number }).picturesTaken = 0));
  await search.fill(shared);
  await expect(page.locator('.gallery-scroll[aria-busy="false"]')).toHaveCount(1);
  await expect(tiles(page).first()).toHaveAttribute('data-id', kept!);
  await expect.poll(() => page.locator('.gallery-rows .tile img:not([src])').count()).toBe(0);
  expect(await page.evaluate(() => (window as unknown as { picturesTaken: number }).picturesTaken)).toBe(0);
  // then the rows below the screen are there, before any scrolling
  await expect
    .poll(() => page.evaluate(() => {
      const screen = document.querySelector('.gallery-scroll')!.getBoundingClientRect();
      return [...document.querySelectorAll('.gallery-row')].filter((row) => row.getBoundingClientRect().top >= screen.bottom).length;
    }))
    .toBeGreaterThan(0);
});

test('while keys come, the pages of parts of a word ask for no pictures; once the keys stop, the page shown asks for them all', async ({ page, studio: _studio }) => {
  await expect(tiles(page).first()).toBeVisible();
  const search = page.getByRole('searchbox', { name: 'Search', exact: true });
  await search.fill('');
  await expect(page.locator('.gallery-scroll[aria-busy="false"]')).toHaveCount(1);
  await expect(page.locator('.gallery-rows .tile img:not([src])')).toHaveCount(0);
  // Watched from inside the page: each key (an input event), each list the grid shows (its first
  // tile), and each picture asked for (an address given to an image), on the page's own clock.
  await page.evaluate(() => {
    const w = window as unknown as { typed: { keys: number[]; lists: number[]; asked: number[] } };
    w.typed = { keys: [], lists: [], asked: [] };
    document.addEventListener('input', () => w.typed.keys.push(performance.now()), { capture: true });
    let first = document.querySelector('.gallery-rows .tile')?.getAttribute('data-id');
    new MutationObserver((changes) => {
      const now = performance.now();
      const top = document.querySelector('.gallery-rows .tile')?.getAttribute('data-id');
      if (top !== first) {
        first = top;
        w.typed.lists.push(now);
      }
      for (const change of changes) if (change.type === 'attributes' && !change.oldValue && (change.target as HTMLImageElement).getAttribute('src')) w.typed.asked.push(now);
    }).observe(document.querySelector('.gallery-rows')!, { subtree: true, childList: true, attributeFilter: ['src'], attributeOldValue: true });
  });
  // keys 50 ms apart: longer than the typing pause (40 ms), so the parts of the word are shown as it is typed
  await search.focus();
  await page.keyboard.type('lighthouse', { delay: 50 });
  await expect(page.locator('.gallery-scroll[aria-busy="false"]')).toHaveCount(1);
  await expect.poll(() => page.locator('.gallery-rows .tile img:not([src])').count()).toBe(0);
  const { keys, lists, asked } = await page.evaluate(() => (window as unknown as { typed: { keys: number[]; lists: number[]; asked: number[] } }).typed);
  expect(keys).toHaveLength('lighthouse'.length);
  const lastKey = keys[keys.length - 1]!;
  // the grid showed other lists before the word was whole, so pictures had pages to be asked for
  expect(lists.filter((at) => at < lastKey).length).toBeGreaterThan(0);
  expect(asked.length).toBeGreaterThan(0);
  // every picture was asked for only once no key had come for 60 ms
  const sinceKey = asked.map((at) => at - Math.max(...keys.filter((key) => key <= at)));
  expect(Math.min(...sinceKey)).toBeGreaterThanOrEqual(59);
});
