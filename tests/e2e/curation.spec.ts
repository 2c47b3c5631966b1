import type { Locator, Page } from '@playwright/test';
import { expect, test } from './fixtures.ts';
import { detail, screenshot, search, tileFor, tiles } from './studio.ts';

async function generate(page: Page, prompt: string): Promise<void> {
  await page.getByLabel('Prompt', { exact: true }).fill(prompt);
  await page.getByRole('button', { name: 'Generate', exact: true }).click();
  await expect(tileFor(page, prompt)).toHaveCount(1, { timeout: 20_000 });
}

/** The strip button of the image shown now ("Image 2"). */
const shownImage = (page: Page): Locator => detail(page).getByRole('group', { name: 'Images' }).locator('[aria-pressed="true"]');
const strip = (page: Page): Locator => detail(page).getByRole('group', { name: 'Images' }).getByRole('button');

test('culling four images with keys: stars, reject, favourite, auto-advance, and Ctrl+Z back step by step', async ({ page, studio: _studio }) => {
  await generate(page, 'four lanterns over a harbour');
  const tile = tileFor(page, 'four lanterns over a harbour');
  await tile.click();
  await expect(shownImage(page)).toHaveAccessibleName('Image 1');

  await detail(page).getByRole('checkbox', { name: 'Auto-advance' }).check();
  await page.keyboard.press('5');
  await expect(shownImage(page)).toHaveAccessibleName('Image 2');
  await page.keyboard.press('x');
  await expect(shownImage(page)).toHaveAccessibleName('Image 3');
  await page.keyboard.press('X');
  await expect(shownImage(page)).toHaveAccessibleName('Image 4');
  // F favourites without moving on: only ratings and rejects advance
  await page.keyboard.press('f');
  await expect(detail(page).getByRole('button', { name: 'Favorite image' })).toHaveAttribute('aria-pressed', 'true');
  await expect(shownImage(page)).toHaveAccessibleName('Image 4');
  await detail(page).getByRole('radiogroup', { name: 'Rating' }).getByRole('radio', { name: '3 stars' }).click();
  await expect(detail(page).getByRole('radio', { name: '3 stars' })).toBeChecked();
  await screenshot(page, 'culling');

  // Shift+F is the viewer's full screen, never a favourite (the Keyboard map)
  await strip(page).first().click();
  await expect(detail(page).getByRole('radio', { name: '5 stars' })).toBeChecked();
  await page.keyboard.press('Shift+F');
  await expect(detail(page).getByRole('button', { name: 'Favorite image' })).toHaveAttribute('aria-pressed', 'false');
  await strip(page).nth(1).click();
  await expect(detail(page).getByRole('button', { name: 'Reject image' })).toHaveAttribute('aria-pressed', 'true');

  // Esc leaves, in order: the full screen Shift+F entered, then the detail view
  await expect(detail(page).getByRole('button', { name: 'Full screen' })).toHaveAttribute('aria-pressed', 'true');
  await page.keyboard.press('Escape');
  await expect(detail(page).getByRole('button', { name: 'Full screen' })).toHaveAttribute('aria-pressed', 'false');
  await page.keyboard.press('Escape');
  await expect(detail(page)).toHaveCount(0);
  await expect(tile.getByTestId('tile-summary')).toHaveText(/★ 5.*2 of 4 kept/);
  await expect(tile.locator('.rejected')).toHaveCount(2);
  await expect(tile.locator('.tile-favorite')).toHaveCount(1);
  await screenshot(page, 'culling-grid');

  // back, one change at a time: the rating of image 4, its favourite, the second reject
  await page.keyboard.press('Control+z');
  await page.keyboard.press('Control+z');
  await expect(tile.locator('.tile-favorite')).toHaveCount(0);
  await page.keyboard.press('Control+z');
  await expect(tile.getByTestId('tile-summary')).toHaveText(/3 of 4 kept/);

  // 0 on the four-up tile clears the ratings of all four; the toast closes with "Close message"
  await tile.focus();
  await page.keyboard.press('0');
  await expect(tile.getByTestId('tile-summary')).toHaveText('3 of 4 kept');
  const toast = page.getByTestId('toast').filter({ hasText: 'Cleared the rating of 4 images' });
  await toast.getByRole('button', { name: 'Close message' }).click();
  await expect(toast).toHaveCount(0);
});

test('per-image delete and undo; deleting the last image deletes the generation', async ({ page, studio: _studio }) => {
  await generate(page, 'a single paper boat');
  const tile = tileFor(page, 'a single paper boat');
  await tile.click();
  await expect(strip(page)).toHaveCount(4);
  await page.keyboard.press('Delete');
  await expect(strip(page)).toHaveCount(3);
  await expect(page.getByTestId('toast').filter({ hasText: 'Deleted the image' })).toBeVisible();
  await page.keyboard.press('Control+z');
  await expect(strip(page)).toHaveCount(4);

  for (let left = 4; left > 1; left -= 1) {
    await detail(page).getByRole('button', { name: 'Delete image' }).click();
    await expect(strip(page)).toHaveCount(left - 1);
  }
  await detail(page).getByRole('button', { name: 'Delete image' }).click();
  await expect(detail(page)).toHaveCount(0);
  await expect(tiles(page)).toHaveCount(0);
  await page.keyboard.press('Control+z');
  await expect(tile).toHaveCount(1);
  await expect(tile.getByTestId('tile-summary')).toHaveText('1 of 4 kept');
});

test('Ctrl+Z after a restart: a deleted image comes back, then a tag, newest first', async ({ page, studio }) => {
  await generate(page, 'a lantern by the quay');
  const tile = tileFor(page, 'a lantern by the quay');
  await tile.click();
  await expect(strip(page)).toHaveCount(4);
  await detail(page).getByLabel('Add tag').fill('quay');
  await detail(page).getByLabel('Add tag').press('Enter');
  await expect(page.getByTestId('toast').filter({ hasText: 'Tagged “quay”' })).toBeVisible();
  await detail(page).getByLabel('Add tag').blur();
  await page.keyboard.press('Delete');
  await expect(strip(page)).toHaveCount(3);
  await page.keyboard.press('Escape');
  await expect(tile.getByTestId('tile-summary')).toHaveText('3 of 4 kept');

  // the core closes and starts again on the same library; the page is opened afresh
  await studio.restart();
  await expect(tile.getByTestId('tile-summary')).toHaveText('3 of 4 kept');
  await expect(page.getByTestId('toast')).toHaveCount(0);
  await page.keyboard.press('Control+z');
  await expect(page.getByTestId('toast').filter({ hasText: 'Undone' })).toBeVisible();
  await expect(tile.getByTestId('tile-summary')).toHaveCount(0);
  await search(page, 'tag:quay');
  await expect(tiles(page)).toHaveCount(1);
  await page.getByLabel('Search', { exact: true }).blur();
  await page.keyboard.press('Control+z');
  await expect(tiles(page)).toHaveCount(0);
});

test('"Hide rejected" is on by default, hides a generation whose images are all rejected, and gives way to is:rejected', async ({ page, studio: _studio }) => {
  await generate(page, 'rejected marsh study');
  await generate(page, 'kept marsh study');
  const hide = page.getByRole('switch', { name: 'Hide rejected' });
  await expect(hide).toBeChecked();

  // X on a four-up tile rejects all four of its images
  await tileFor(page, 'rejected marsh study').focus();
  await page.keyboard.press('x');
  await expect(tileFor(page, 'rejected marsh study').locator('.rejected')).toHaveCount(4);
  await search(page, 'marsh');
  await expect(tiles(page)).toHaveCount(1);
  await expect(tileFor(page, 'kept marsh study')).toHaveCount(1);
  await search(page, 'marsh is:rejected');
  await expect(tiles(page)).toHaveCount(1);
  await expect(tileFor(page, 'rejected marsh study')).toHaveCount(1);
  // a page of the gallery's, so drawn from the grid picture: each image's quarter masked
  await expect(tileFor(page, 'rejected marsh study').locator('.rejected')).toHaveCount(4);
  await search(page, 'marsh');
  await expect(tiles(page)).toHaveCount(1);
  await hide.uncheck();
  await expect(tiles(page)).toHaveCount(2);
});

test('the selection bar rates and rejects every image of the selected generations, says how many, with one undo', async ({ page, studio: _studio }) => {
  await generate(page, 'bulk fern one');
  await generate(page, 'bulk fern two');
  const one = tileFor(page, 'bulk fern one');
  const two = tileFor(page, 'bulk fern two');
  await one.click({ modifiers: ['ControlOrMeta'] });
  await two.click({ modifiers: ['ControlOrMeta'] });
  const bar = page.getByRole('toolbar', { name: 'Selection' });
  await expect(bar.getByTestId('selection-count')).toHaveText('2 selected');
  await expect(bar.getByTestId('selection-images')).toHaveText('8 images');

  await bar.getByRole('combobox', { name: 'Rate selected' }).selectOption('4');
  await expect(page.getByTestId('toast').filter({ hasText: 'Rated 8 images 4 stars' })).toBeVisible();
  await expect(one.getByTestId('tile-summary')).toHaveText('★ 4');
  await expect(two.getByTestId('tile-summary')).toHaveText('★ 4');
  await bar.getByRole('button', { name: 'Reject selected' }).click();
  await expect(one.locator('.rejected')).toHaveCount(4);
  await expect(two.locator('.rejected')).toHaveCount(4);

  // one Ctrl+Z per change, whatever its size
  await page.keyboard.press('Control+z');
  await expect(one.locator('.rejected')).toHaveCount(0);
  await expect(two.locator('.rejected')).toHaveCount(0);
  await page.keyboard.press('Control+z');
  await expect(one.getByTestId('tile-summary')).toHaveCount(0);
  await expect(two.getByTestId('tile-summary')).toHaveCount(0);
});
