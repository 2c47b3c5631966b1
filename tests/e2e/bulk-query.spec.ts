import type { Page } from '@playwright/test';
import type { LibrarySearchInput } from '../../shared/search.ts';
import { expect, test, type Studio } from './fixtures.ts';
import { screenshot, search, tiles } from './studio.ts';
import { seedSyntheticGallery } from './synthetic-gallery.ts';

const GENERATIONS = 1_400;

test.use({
  seedLibrary: {
    fill: (dataDir: string) => seedSyntheticGallery(dataDir, GENERATIONS),
  },
});

const bar = (page: Page) => page.getByTestId('selection-bar');
const toast = (page: Page, text: string | RegExp) => page.getByTestId('toast').filter({ hasText: text });

/** How many generations the library holds for a query, asked of the core itself (what the grid's pages would add up to). */
async function counted(studio: Studio, text: string): Promise<number> {
  const search: LibrarySearchInput = { text, statuses: ['done'] };
  const result = await studio.core.dispatch('library:count', search);
  if (!result.ok) throw new Error(result.error.message);
  return (result.value as { total: number }).total;
}

test('Ctrl+A selects everything the query matches, not just the loaded tiles; rate and tag it all, each undone by one Ctrl+Z', async ({ page, studio }) => {
  test.setTimeout(180_000);
  const QUERY = '-dragon';
  const matching = await counted(studio, QUERY);
  expect(matching).toBeGreaterThan(1_000);
  await search(page, QUERY);
  await expect(page.getByTestId('gallery-count')).toHaveText(`${matching.toLocaleString('en-US')} generations`);
  const loaded = await tiles(page).count();
  expect(loaded).toBeLessThan(200);

  await test.step('Ctrl+A: the bar counts every match from the core; an unticked tile leaves it', async () => {
    await tiles(page).first().focus();
    await page.keyboard.press('ControlOrMeta+a');
    await expect(page.getByTestId('selection-count')).toHaveText(`${matching.toLocaleString()} selected`);
    await expect(page.getByTestId('selection-images')).toHaveText('all matches');
    const left = tiles(page).first();
    await left.click({ modifiers: ['ControlOrMeta'] });
    await expect(left).not.toHaveAttribute('aria-label', /, selected$/);
    await expect(page.getByTestId('selection-count')).toHaveText(`${(matching - 1).toLocaleString()} selected`);
    await screenshot(page, 'bulk-query-selection');
  });

  await test.step('rate every selected generation 4 stars, far past what is loaded', async () => {
    await bar(page).getByRole('combobox', { name: 'Rate selected' }).selectOption('4');
    await expect(toast(page, `Rated ${(matching - 1).toLocaleString()} generations 4 stars`)).toBeVisible({ timeout: 60_000 });
    expect(await counted(studio, `${QUERY} rating:4`)).toBe(matching - 1);
  });

  await test.step('tag them all with one tag', async () => {
    await bar(page).getByRole('button', { name: 'Tag selected' }).click();
    const addTag = bar(page).getByRole('combobox', { name: 'Add tag' });
    await addTag.fill('whole query');
    await addTag.press('Enter');
    await expect(toast(page, `Tagged ${(matching - 1).toLocaleString()} generations “whole query”`)).toBeVisible({ timeout: 60_000 });
    expect(await counted(studio, 'tag:"whole query"')).toBe(matching - 1);
  });

  await test.step('one Ctrl+Z takes the tag off all of them, the next puts every rating back', async () => {
    await page.keyboard.press('Escape');
    await expect(bar(page)).toHaveCount(0);
    await tiles(page).first().focus();
    await page.keyboard.press('ControlOrMeta+z');
    await expect.poll(() => counted(studio, 'tag:"whole query"'), { timeout: 60_000 }).toBe(0);
    expect(await counted(studio, `${QUERY} rating:4`)).toBe(matching - 1);
    await page.keyboard.press('ControlOrMeta+z');
    await expect.poll(() => counted(studio, 'rating:>=1'), { timeout: 60_000 }).toBe(0);
  });
});

test('"More filters" writes number ranges into the search, explains a bad box, and the "Search syntax" popover lists the language', async ({ page, studio: _studio }) => {
  test.setTimeout(90_000);
  await expect(tiles(page).first()).toBeVisible();
  await search(page, 'castle');

  await page.getByRole('button', { name: 'More filters' }).click();
  const dialog = page.getByRole('dialog', { name: 'More filters' });
  await dialog.getByLabel('Stylize min').fill('900');
  await dialog.getByLabel('Stylize max').fill('100');
  await dialog.getByLabel('Seed filter').fill('abc');
  await dialog.getByRole('button', { name: 'Apply filters' }).click();
  await expect(dialog.getByText('Stylize min is above Stylize max: write the lower number first.')).toBeVisible();
  await expect(dialog.getByText(/^Seed filter: type one seed/)).toBeVisible();
  await screenshot(page, 'more-filters');
  await dialog.getByLabel('Stylize min').fill('100');
  await dialog.getByLabel('Stylize max').fill('900');
  await dialog.getByLabel('Seed filter').fill('');
  await dialog.getByLabel('Chaos min').fill('10');
  await dialog.getByRole('button', { name: 'Apply filters' }).click();
  await expect(dialog).toHaveCount(0);
  await expect(page.getByLabel('Search', { exact: true })).toHaveValue('castle stylize:100..900 chaos:>=10');

  // two-way: the typed text fills the boxes
  await search(page, 'castle s:>500 q:0.5');
  await page.getByRole('button', { name: 'More filters' }).click();
  await expect(dialog.getByLabel('Stylize min')).toHaveValue('501');
  await expect(dialog.getByLabel('Quality min')).toHaveValue('0.5');
  await page.keyboard.press('Escape');
  await expect(dialog).toHaveCount(0);

  await page.getByRole('button', { name: 'Search syntax' }).click();
  await expect(page.getByRole('dialog', { name: 'Search syntax' })).toBeVisible();
  await screenshot(page, 'search-syntax');
});
