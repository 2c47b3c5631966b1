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
