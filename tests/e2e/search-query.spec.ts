/**
 * The search language through the real UI: each family of terms typed into the search box finds
 * exactly its generations, a bad term is explained under the box, the chips and the text write one
 * query both ways, and the "Search syntax" popover lists the syntax (screenshot).
 */
import { closeLibrary, openLibrary } from '../../electron/core/library/database.ts';
import { curateImages } from '../../electron/core/library/curation.ts';
import { createImages, markImageExpired } from '../../electron/core/library/images.ts';
import { addGeneration } from '../support/library.ts';
import { expect, test } from './fixtures.ts';
import { screenshot, search, tiles } from './studio.ts';
import type { Page } from '@playwright/test';

const DAY = 86_400_000;
const id: Record<string, number> = {};

test.use({
  seedLibrary: {
    fill(dataDir: string) {
      const db = openLibrary(dataDir);
      const now = Date.now();
      const add = (name: string, createdAt: number, params: Parameters<typeof addGeneration>[2], status = 'done') => {
        id[name] = addGeneration(db, createdAt, params).id;
        db.prepare('UPDATE generations SET status = ?, dismissed = 1 WHERE id = ?').run(status, id[name]);
      };
      // noon UTC in a past month is that month's day in every time zone
      add('fisherman', Date.UTC(2025, 2, 10, 12), { prompt: 'an old fisherman mending nets', aspectRatio: '16:9', stylize: 600, seed: 111, negativePrompt: 'watermark' });
      add('fisher', Date.UTC(2025, 5, 10, 12), { prompt: 'a fisher cat in the snow', aspectRatio: '1:1', stylize: 100, seed: 222, model: 'midjourney-v8' });
      add('sandbox', now - 3 * DAY, { prompt: 'kids in a sandbox at noon', model: 'midjourney-v7-niji', aspectRatio: '9:16', chaos: 40, seed: 333 });
      add('city', now - 60_000, { prompt: 'neon city at night, rain', aspectRatio: '16:9', stylize: 250, seed: 444, raw: true });
      add('failed', now - 120_000, { prompt: 'a lighthouse that never came' }, 'failed');
      // one rated image each (links that expired, so nothing is ever fetched): city 5, fisher 4, sandbox 2 stars
      for (const [name, rating] of [['city', 5], ['fisher', 4], ['sandbox', 2]] as const) {
        const generationId = id[name] ?? 0;
        createImages(db, generationId, [0, 1, 2, 3].map((i) => ({ remoteUrl: `http://127.0.0.1:9/${generationId}/${i}.png` })));
        for (const i of [0, 1, 2, 3]) markImageExpired(db, generationId, i, 'expired');
        curateImages(db, { images: [{ generationId, index: 0 }] }, { rating });
      }
      // favourites are images' now (the generation's flag is derived from them)
      curateImages(db, { images: [{ generationId: id.sandbox ?? 0, index: 1 }] }, { favorite: true });
      closeLibrary(db);
    },
  },
});

/** The generations the grid shows, by name, in its order. */
async function expectShown(page: Page, names: string[]): Promise<void> {
  const wanted = names.map((name) => String(id[name]));
  await expect.poll(() => tiles(page).evaluateAll((all) => all.map((t) => (t as unknown as { dataset: { id: string } }).dataset.id))).toEqual(wanted);
}

async function expectSearch(page: Page, text: string, names: string[]): Promise<void> {
  await search(page, text);
  await expectShown(page, names);
  await expect(page.locator('#search-problem')).toHaveCount(0);
}

test.beforeEach(async ({ page, studio: _studio }) => {
  await expectShown(page, ['city', 'sandbox', 'fisher', 'fisherman']);
});

test('words: word starts, "exact" words, phrases, exclusions; a bare word is always a prompt word', async ({ page }) => {
  await expectSearch(page, 'fisher', ['fisher', 'fisherman']);
  await expectSearch(page, '"fisher"', ['fisher']);
  await expectSearch(page, '"old fisherman"', ['fisherman']);
  await expectSearch(page, 'fisher -cat', ['fisherman']);
  await expectSearch(page, 'kids in a sandbox', ['sandbox']);
  await expectSearch(page, 'watermark', []);
  await expectSearch(page, 'no:watermark', ['fisherman']);
});

test('OR and brackets, with - before AND before OR', async ({ page }) => {
  await expectSearch(page, 'neon OR kids', ['city', 'sandbox']);
  await expectSearch(page, 'neon OR fisher cat', ['city', 'fisher']);
  await expectSearch(page, '(neon OR fisher) -cat', ['city', 'fisherman']);
});

test('number fields: seed, ranges and comparisons', async ({ page }) => {
  await expectSearch(page, 'seed:222', ['fisher']);
  await expectSearch(page, 'seed:200..444', ['city', 'sandbox', 'fisher']);
  await expectSearch(page, 'seed:200..443', ['sandbox', 'fisher']);
  await expectSearch(page, 'stylize:>500', ['fisherman']);
  // a setting left unset is Midjourney's default: the sandbox run's stylize 100, the others' chaos 0
  await expectSearch(page, 's:<=250', ['city', 'sandbox', 'fisher']);
  await expectSearch(page, 'chaos:40', ['sandbox']);
  await expectSearch(page, 'chaos:..10', ['city', 'fisher', 'fisherman']);
});

test('ar:, model:, is: and status: terms', async ({ page }) => {
  await expectSearch(page, 'ar:16:9', ['city', 'fisherman']);
  await expectSearch(page, 'model:niji', ['sandbox']);
  await expectSearch(page, 'model:v8', ['fisher']);
  await expectSearch(page, 'is:raw', ['city']);
  await expectSearch(page, 'is:fav', ['sandbox']);
  await expectSearch(page, 'status:failed', ['failed']);
});

test('dates are local days: date:, after:, before:, last:', async ({ page }) => {
  await expectSearch(page, 'date:2025-03', ['fisherman']);
  await expectSearch(page, 'after:2025-04-01 before:2025-07', ['fisher']);
  await expectSearch(page, 'last:7d', ['city', 'sandbox']);
  await expectSearch(page, 'date:2025', ['fisher', 'fisherman']);
});

test('a pasted Midjourney prompt searches its words and its parameters', async ({ page }) => {
  await expectSearch(page, 'neon city --ar 16:9 --s 250', ['city']);
  await expectSearch(page, 'neon city --ar 1:1', []);
});

test('a bad term is explained under the box, and the grid keeps the last results', async ({ page }) => {
  await expectSearch(page, 'fisher', ['fisher', 'fisherman']);
  await search(page, 'fisher color:red');
  const problem = page.getByRole('alert').filter({ hasText: '"color:" is not something the search knows' });
  await expect(problem).toContainText('Fields are seed:, ar:, model:');
  await expect(page.getByLabel('Search', { exact: true })).toHaveAttribute('aria-invalid', 'true');
  await expectShown(page, ['fisher', 'fisherman']);
  await search(page, '(fisher');
  await expect(page.locator('#search-problem')).toHaveText(/never closed/);
  await expectSearch(page, '(fisher)', ['fisher', 'fisherman']);
});

test('chips and text are one query, both ways', async ({ page }) => {
  const chips = page.getByRole('group', { name: 'Filters' });
  const box = page.getByLabel('Search', { exact: true });
  for (const ratio of ['1:1', '16:9', '9:16', '3:4', '4:3', '21:9', '3:2', '2:3', '4:5', '5:4']) {
    await expect(chips.getByRole('button', { name: ratio, exact: true })).toBeVisible();
  }
  await search(page, 'neon OR fisher');
  await chips.getByRole('button', { name: '16:9', exact: true }).click();
  await expect(box).toHaveValue('(neon OR fisher) ar:16:9');
  await expectShown(page, ['city', 'fisherman']);
  await chips.getByRole('button', { name: '1:1', exact: true }).click();
  await expect(box).toHaveValue('(neon OR fisher) (ar:16:9 OR ar:1:1)');
  await expectShown(page, ['city', 'fisher', 'fisherman']);
  await chips.getByRole('button', { name: 'Favorites' }).click();
  await expect(box).toHaveValue('(neon OR fisher) (ar:16:9 OR ar:1:1) is:fav');
  await expectShown(page, []);

  // editing the text moves the chips
  await search(page, 'model:niji is:fav');
  await expect(chips.getByRole('button', { name: 'Niji' })).toHaveAttribute('aria-pressed', 'true');
  await expect(chips.getByRole('button', { name: 'Favorites' })).toHaveAttribute('aria-pressed', 'true');
  await expect(chips.getByRole('button', { name: '16:9', exact: true })).toHaveAttribute('aria-pressed', 'false');
  await expectShown(page, ['sandbox']);
  await chips.getByRole('button', { name: 'Clear filters' }).click();
  await expect(box).toHaveValue('');
  await expectShown(page, ['city', 'sandbox', 'fisher', 'fisherman']);
});

test('"Clear filters" clears the chips and the More filters terms, and chips and text still write one query after', async ({ page }) => {
  const chips = page.getByRole('group', { name: 'Filters' });
  const box = page.getByLabel('Search', { exact: true });
  const clear = chips.getByRole('button', { name: 'Clear filters' });
  await search(page, 'fisher');
  await chips.getByRole('button', { name: '16:9', exact: true }).click();
  await page.getByRole('button', { name: 'More filters' }).click();
  const dialog = page.getByRole('dialog', { name: 'More filters' });
  await dialog.getByLabel('Stylize min').fill('500');
  await dialog.getByLabel('Seed filter').fill('100..200');
  await dialog.getByRole('button', { name: 'Apply filters' }).click();
  await expect(dialog).toHaveCount(0);
  await expect(box).toHaveValue('fisher ar:16:9 seed:100..200 stylize:>=500');
  await expectShown(page, ['fisherman']);

  await clear.click();
  await expect(box).toHaveValue('fisher');
  await expectShown(page, ['fisher', 'fisherman']);
  await expect(clear).toHaveCount(0);
  await page.getByRole('button', { name: 'More filters' }).click();
  for (const label of ['Seed filter', 'Stylize min', 'Stylize max']) await expect(dialog.getByLabel(label)).toHaveValue('');
  await page.keyboard.press('Escape');
  await expect(dialog).toHaveCount(0);

  // only a term of the dialog, typed: "Clear filters" is offered and takes it out
  await search(page, 'fisher seed:222');
  await expectShown(page, ['fisher']);
  await clear.click();
  await expect(box).toHaveValue('fisher');
  await expectShown(page, ['fisher', 'fisherman']);

  // after clearing, the round trip holds both ways
  await chips.getByRole('button', { name: '1:1', exact: true }).click();
  await expect(box).toHaveValue('fisher ar:1:1');
  await expectShown(page, ['fisher']);
  await search(page, 'fisher ar:16:9 stylize:>500');
  await expect(chips.getByRole('button', { name: '16:9', exact: true })).toHaveAttribute('aria-pressed', 'true');
  await expect(chips.getByRole('button', { name: '1:1', exact: true })).toHaveAttribute('aria-pressed', 'false');
  await expectShown(page, ['fisherman']);
  await clear.click();
  await expect(box).toHaveValue('fisher');
  await expect(chips.getByRole('button', { name: '16:9', exact: true })).toHaveAttribute('aria-pressed', 'false');
});

test('rating chips (one at a time) and the Failed chip write their terms, and the text moves them', async ({ page }) => {
  const chips = page.getByRole('group', { name: 'Filters' });
  const box = page.getByLabel('Search', { exact: true });
  const rated = (label: string) => chips.getByRole('button', { name: label, exact: true });
  for (const label of ['Rated 1+', 'Rated 2+', 'Rated 3+', 'Rated 4+', 'Rated 5']) await expect(rated(label)).toHaveAttribute('aria-pressed', 'false');
  await rated('Rated 4+').click();
  await expect(box).toHaveValue('rating:>=4');
  await expectShown(page, ['city', 'fisher']);
  await rated('Rated 5').click();
  await expect(box).toHaveValue('rating:5');
  await expect(rated('Rated 4+')).toHaveAttribute('aria-pressed', 'false');
  await expectShown(page, ['city']);
  await rated('Rated 5').click();
  await expect(box).toHaveValue('');
  await expectShown(page, ['city', 'sandbox', 'fisher', 'fisherman']);
  await search(page, 'rating:>=2');
  await expect(rated('Rated 2+')).toHaveAttribute('aria-pressed', 'true');
  await expectShown(page, ['city', 'sandbox', 'fisher']);

  await search(page, 'lighthouse');
  await expectShown(page, []);
  await chips.getByRole('button', { name: 'Failed', exact: true }).click();
  await expect(box).toHaveValue('lighthouse status:failed');
  await expectShown(page, ['failed']);
  await search(page, 'status:failed');
  await expect(chips.getByRole('button', { name: 'Failed', exact: true })).toHaveAttribute('aria-pressed', 'true');
  await chips.getByRole('button', { name: 'Failed', exact: true }).click();
  await expect(box).toHaveValue('');
  await expectShown(page, ['city', 'sandbox', 'fisher', 'fisherman']);
});

test('the Sort menu orders by newest, oldest, highest rated, stylize and chaos', async ({ page }) => {
  const sortBy = async (name: string) => {
    await page.getByRole('button', { name: 'Sort', exact: true }).click();
    const menu = page.getByRole('menu', { name: 'Sort' });
    await expect(menu.getByRole('menuitemradio')).toHaveText(['Newest', 'Oldest', 'Highest rated', 'Stylize', 'Chaos']);
    await menu.getByRole('menuitemradio', { name }).click();
    await expect(menu).toHaveCount(0);
  };
  await sortBy('Oldest');
  await expectShown(page, ['fisherman', 'fisher', 'sandbox', 'city']);
  await sortBy('Highest rated');
  await expectShown(page, ['city', 'fisher', 'sandbox', 'fisherman']);
  // the sandbox run's unset stylize sorts as the default, 100: beside fisher's 100, newest first
  await sortBy('Stylize');
  await expectShown(page, ['fisherman', 'city', 'sandbox', 'fisher']);
  await sortBy('Chaos');
  await expectShown(page, ['sandbox', 'city', 'fisher', 'fisherman']);
  // the order holds beside a query, and the menu shows which one is on
  await search(page, 'fisher');
  await expectShown(page, ['fisher', 'fisherman']);
  await page.getByRole('button', { name: 'Sort', exact: true }).click();
  await expect(page.getByRole('menuitemradio', { name: 'Chaos' })).toHaveAttribute('aria-checked', 'true');
  await page.keyboard.press('Escape');
  await expect(page.getByRole('menu', { name: 'Sort' })).toHaveCount(0);
  await sortBy('Newest');
  await expectShown(page, ['fisher', 'fisherman']);
});

test('the Search syntax popover lists the syntax with examples', async ({ page }) => {
  await page.getByRole('button', { name: 'Search syntax' }).click();
  const popover = page.getByRole('dialog', { name: 'Search syntax' });
  await expect(popover).toContainText('castle OR tower');
  await expect(popover).toContainText('seed:100..200');
  await expect(popover).toContainText('last:7d');
  await screenshot(page, 'search-syntax-popover');
  await page.keyboard.press('Escape');
  await expect(popover).toHaveCount(0);
});
