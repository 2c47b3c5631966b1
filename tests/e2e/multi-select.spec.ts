import type { Page } from '@playwright/test';
import { closeLibrary, openLibrary } from '../../electron/core/library/database.ts';
import { buildSyntheticLibrary } from '../../scripts/lib/synthetic-library.ts';
import { expect, test } from './fixtures.ts';
import { generate, screenshot, search, tileFor, tiles } from './studio.ts';

const FIRST = 'a paper boat on a still canal';
const SECOND = 'a paper crane over rooftops';
const THIRD = 'a paper lantern at dusk';

const bar = (page: Page) => page.getByTestId('selection-bar');
const selectedTiles = (page: Page) => page.locator('[data-testid="gallery-tile"][aria-label$=", selected"]');

test('multi-select: Ctrl+click, Shift+click, Shift+arrows and Ctrl+A; favorite, delete and undo them together', async ({ page, studio: _studio }) => {
  test.setTimeout(120_000);
  await generate(page, FIRST, 1);
  await generate(page, SECOND, 2);
  await generate(page, THIRD, 3);

  await test.step('Ctrl/Cmd+click picks two generations and the bar counts them', async () => {
    await expect(bar(page)).toHaveCount(0);
    await tileFor(page, FIRST).click({ modifiers: ['ControlOrMeta'] });
    // One picked tile shows its checkmark and becomes the current one; nothing opens, the bar waits for two.
    await expect(tileFor(page, FIRST)).toHaveAttribute('aria-current', 'true');
    await expect(tileFor(page, FIRST)).toHaveAttribute('aria-label', /, selected$/);
    await expect(bar(page)).toHaveCount(0);
    await expect(page.getByRole('dialog', { name: 'Generation details' })).toHaveCount(0);
    await tileFor(page, THIRD).click({ modifiers: ['ControlOrMeta'] });
    await expect(page.getByTestId('selection-count')).toHaveText('2 selected');
    await expect(selectedTiles(page)).toHaveCount(2);
    await expect(tileFor(page, SECOND)).not.toHaveAttribute('aria-label', /, selected$/);
    await expect(page.getByText('2 generations selected')).toBeAttached();
    await screenshot(page, 'multi-select');
    await page.locator('.gallery-toolbar').screenshot({ path: '/tmp/multi-select-bar.png' });
  });

  await test.step('"Favorite selected" favorites exactly those two', async () => {
    await page.getByRole('button', { name: 'Favorite selected', exact: true }).click();
    await expect(tileFor(page, FIRST).locator('.tile-favorite')).toHaveCount(1);
    await expect(tileFor(page, THIRD).locator('.tile-favorite')).toHaveCount(1);
    await page.getByRole('button', { name: 'Clear selection' }).click();
    await expect(bar(page)).toHaveCount(0);
    await expect(selectedTiles(page)).toHaveCount(0);
    await page.getByRole('button', { name: 'Favorites' }).click();
    await expect(tiles(page)).toHaveCount(2);
    await expect(tileFor(page, FIRST)).toBeVisible();
    await expect(tileFor(page, THIRD)).toBeVisible();
    await page.getByRole('button', { name: 'Favorites' }).click();
    await expect(tiles(page)).toHaveCount(3);
  });

  await test.step('a new search clears the selection, so nothing unseen is acted on', async () => {
    await tileFor(page, FIRST).click({ modifiers: ['ControlOrMeta'] });
    await tileFor(page, SECOND).click({ modifiers: ['ControlOrMeta'] });
    await expect(page.getByTestId('selection-count')).toHaveText('2 selected');
    await search(page, 'crane');
    await expect(tiles(page)).toHaveCount(1);
    await expect(bar(page)).toHaveCount(0);
    await search(page, '');
    await expect(tiles(page)).toHaveCount(3);
    await expect(selectedTiles(page)).toHaveCount(0);
  });

  await test.step('Shift+click selects the range; Delete deletes all three with one undo', async () => {
    await tileFor(page, THIRD).focus();
    await tileFor(page, FIRST).click({ modifiers: ['Shift'] });
    await expect(page.getByTestId('selection-count')).toHaveText('3 selected');
    await expect(selectedTiles(page)).toHaveCount(3);
    await page.keyboard.press('Delete');
    await expect(tiles(page)).toHaveCount(0);
    await expect(page.getByTestId('gallery-empty')).toBeVisible();
    await expect(page.getByTestId('toast').filter({ hasText: 'Deleted 3 generations' })).toBeVisible();
    await expect(bar(page)).toHaveCount(0);
    await page.keyboard.press('Control+z');
    await expect(tiles(page)).toHaveCount(3);
    await expect(page.getByTestId('gallery-count')).toHaveText('3 generations');
    // They come back selected together, ready for another go.
    await expect(page.getByTestId('selection-count')).toHaveText('3 selected');
    await page.keyboard.press('Escape');
    await expect(bar(page)).toHaveCount(0);
  });

  await test.step('Ctrl/Cmd+A selects every loaded generation; Esc clears', async () => {
    await page.locator('body').click({ position: { x: 700, y: 880 } });
    await page.keyboard.press('ControlOrMeta+a');
    await expect(page.getByTestId('selection-count')).toHaveText('3 selected');
    await page.keyboard.press('Escape');
    await expect(bar(page)).toHaveCount(0);
    await expect(selectedTiles(page)).toHaveCount(0);
    // In a text field Ctrl/Cmd+A is the field's own.
    await page.getByLabel('Prompt', { exact: true }).fill('some words');
    await page.getByLabel('Prompt', { exact: true }).press('ControlOrMeta+a');
    await expect(bar(page)).toHaveCount(0);
  });

  await test.step('Shift+arrows grow the selection, F favorites it all, a bare arrow goes back to one', async () => {
    await tiles(page).first().focus();
    await page.keyboard.press('Shift+ArrowRight');
    await page.keyboard.press('Shift+ArrowRight');
    await expect(page.getByTestId('selection-count')).toHaveText('3 selected');
    // Two of three are favorites: F makes all three favorites, then F again none.
    await page.keyboard.press('f');
    await expect(page.locator('.tile-favorite')).toHaveCount(3);
    await page.keyboard.press('f');
    await expect(page.locator('.tile-favorite')).toHaveCount(0);
    await page.keyboard.press('Shift+ArrowLeft');
    await expect(page.getByTestId('selection-count')).toHaveText('2 selected');
    await page.keyboard.press('ArrowLeft');
    await expect(bar(page)).toHaveCount(0);
    await expect(tiles(page).first()).toHaveAttribute('aria-current', 'true');
  });
});

test.describe('in a library larger than one page', () => {
  test.use({
    seedLibrary: {
      fill(dataDir: string) {
        const db = openLibrary(dataDir);
        buildSyntheticLibrary(db, 400, Date.UTC(2025, 0, 1));
        db.prepare("UPDATE generations SET dismissed = 1 WHERE status <> 'done'").run();
        closeLibrary(db);
      },
    },
  });

  test('the selection is kept by id while endless scrolling loads more pages', async ({ page, studio: _studio }) => {
    test.setTimeout(90_000);
    const first = tiles(page).nth(0);
    const second = tiles(page).nth(1);
    const ids = [await first.getAttribute('data-id'), await second.getAttribute('data-id')];
    await first.click({ modifiers: ['ControlOrMeta'] });
    await second.click({ modifiers: ['ControlOrMeta'] });
    await expect(page.getByTestId('selection-count')).toHaveText('2 selected');

    // Walk down far enough for more keyset pages to arrive; the picked tiles leave the page.
    const grid = page.locator('.gallery-scroll');
    const loaded = () => page.evaluate(() => document.querySelector('.gallery-rows')?.getBoundingClientRect().height ?? 0);
    const before = await loaded();
    for (let i = 0; i < 3; i++) {
      await grid.evaluate((element) => element.scrollTo(0, element.scrollHeight));
      await expect(page.locator('.gallery-more')).toHaveCount(0);
    }
    await expect.poll(loaded).toBeGreaterThan(before);
    await expect(page.locator(`[data-testid="gallery-tile"][data-id="${ids[0]}"]`)).toHaveCount(0);
    await expect(page.getByTestId('selection-count')).toHaveText('2 selected');

    await grid.evaluate((element) => element.scrollTo(0, 0));
    for (const id of ids) await expect(page.locator(`[data-testid="gallery-tile"][data-id="${id}"]`)).toHaveAttribute('aria-label', /, selected$/);
  });
});
