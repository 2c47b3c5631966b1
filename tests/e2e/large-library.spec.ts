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

test('a new page paints the rows on screen first, each where its own layout puts it; the rows below follow for scrolling', async ({ page, studio: _studio }) => {
  await expect(tiles(page).first()).toBeVisible();
  const search = page.getByRole('searchbox', { name: 'Search', exact: true });
  await search.fill('');
  await expect(page.locator('.gallery-scroll[aria-busy="false"]')).toHaveCount(1);
  // Watched from inside the page, frame by frame: the rows in the first frame that shows the new page.
  await page.evaluate(() => {
    const w = window as unknown as { firstFrame?: { rows: number; below: number; gaps: number[] } };
    delete w.firstFrame;
    const before = document.querySelector('.gallery-rows .tile')?.getAttribute('data-id');
    const look = () => {
      const first = document.querySelector('.gallery-rows .tile')?.getAttribute('data-id');
      const busy = document.querySelector('.gallery-scroll')?.getAttribute('aria-busy') === 'true';
      if (first === undefined || first === before || busy) return void requestAnimationFrame(look);
      const screen = document.querySelector('.gallery-scroll')!.getBoundingClientRect();
      const rows = [...document.querySelectorAll('.gallery-row')].map((row) => row.getBoundingClientRect()).sort((a, b) => a.top - b.top);
      // each row where the new page's layout puts it, not where the last page's rows were: one 10 px gap between two
      const gaps = rows.slice(1).map((row, i) => Math.round(row.top - rows[i]!.bottom));
      w.firstFrame = { rows: rows.length, below: rows.filter((row) => row.top >= screen.bottom).length, gaps };
    };
    requestAnimationFrame(look);
  });
  // a subject the newest tile's prompt does not hold, so the first tile changes
  const newest = (await tiles(page).first().getAttribute('aria-label')) ?? '';
  const word = ['lighthouse', 'dragon', 'astronaut', 'garden', 'robot'].find((subject) => !newest.includes(subject))!;
  await search.fill(word);
  const firstFrame = await page.waitForFunction(() => (window as unknown as { firstFrame?: { rows: number; below: number; gaps: number[] } }).firstFrame).then((handle) => handle.jsonValue());
  expect(firstFrame!.rows).toBeGreaterThan(1);
  expect(firstFrame!.below).toBe(0);
  expect(firstFrame!.gaps).toEqual(firstFrame!.gaps.map(() => 10));
  // then the rows below the screen are there, before any scrolling
  await expect
    .poll(() => page.evaluate(() => {
      const screen = document.querySelector('.gallery-scroll')!.getBoundingClientRect();
      return [...document.querySelectorAll('.gallery-row')].filter((row) => row.getBoundingClientRect().top >= screen.bottom).length;
    }))
    .toBeGreaterThan(0);
});
