import { readdirSync } from 'node:fs';
import path from 'node:path';
import type { Locator, Page } from '@playwright/test';
import { tempDir } from '../support/temp-dir.ts';
import { expect, test } from './fixtures.ts';
import { detail, generate, screenshot, search, tileFor, tiles } from './studio.ts';

const HARBOR = 'a lighthouse over a stormy harbor';
const MEADOW = 'wild poppies in a quiet meadow';
const LANTERN = 'paper lanterns on a night river';

const sidebar = (page: Page) => page.getByRole('region', { name: 'Collections' });
/** A collection in the sidebar, by name; its accessible name ends with its image count. */
const collection = (page: Page, name: string) => sidebar(page).getByRole('button', { name: new RegExp(`^${name}, `) });
const toast = (page: Page, text: string | RegExp) => page.getByTestId('toast').filter({ hasText: text });
const bar = (page: Page) => page.getByRole('toolbar', { name: 'Selection' });
const undo = (page: Page) => page.keyboard.press('ControlOrMeta+z');

async function newCollection(page: Page, name: string): Promise<Locator> {
  await sidebar(page).getByRole('button', { name: 'New collection' }).click();
  await sidebar(page).getByRole('textbox', { name: 'Collection name' }).fill(name);
  await page.keyboard.press('Enter');
  await expect(sidebar(page).getByRole('textbox', { name: 'Collection name' })).toHaveCount(0);
  return collection(page, name);
}

test('collections by menu, key and drag, and "Generate into"', async ({ page, studio: _studio }) => {
  test.setTimeout(120_000);

  await test.step('"New collection" makes one; "Generate into" files the next run as it is queued', async () => {
    await expect(await newCollection(page, 'Keepers')).toHaveAccessibleName('Keepers, 0 images');
    await page.getByRole('combobox', { name: 'Generate into' }).selectOption({ label: 'Keepers' });
    await generate(page, HARBOR, 1);
    await expect(collection(page, 'Keepers')).toHaveAccessibleName('Keepers, 4 images');
    await page.getByRole('combobox', { name: 'Generate into' }).selectOption({ label: 'No collection' });
    await generate(page, MEADOW, 2);
    await generate(page, LANTERN, 3);
    await expect(collection(page, 'Keepers')).toHaveAccessibleName('Keepers, 4 images');
  });

  await test.step('by menu: "Add to collection" on a selection, the picker filters as you type, Ctrl+Z takes it back', async () => {
    await tileFor(page, MEADOW).click({ modifiers: ['ControlOrMeta'] });
    await tileFor(page, LANTERN).click({ modifiers: ['ControlOrMeta'] });
    await bar(page).getByRole('button', { name: 'Add to collection' }).click();
    const picker = page.getByRole('dialog', { name: 'Add to collection' });
    await picker.getByRole('combobox', { name: 'Find collection' }).fill('kee');
    await expect(picker.getByRole('option')).toHaveText([/^Keepers/, 'New collection “kee”']);
    await page.keyboard.press('Enter');
    await expect(picker).toHaveCount(0);
    await expect(toast(page, 'Added 8 images to “Keepers”')).toBeVisible();
    await expect(collection(page, 'Keepers')).toHaveAccessibleName('Keepers, 12 images');
    await undo(page);
    await expect(collection(page, 'Keepers')).toHaveAccessibleName('Keepers, 4 images');
    await page.keyboard.press('Escape');
  });

  await test.step('by key: B in the detail view files the shown image, and can make the collection', async () => {
    await tileFor(page, MEADOW).click();
    await expect(detail(page)).toBeVisible();
    await page.keyboard.press('ArrowRight');
    await page.keyboard.press('b');
    const picker = page.getByRole('dialog', { name: 'Add to collection' });
    await expect(picker.getByText('Add 1 image to…')).toBeVisible();
    await picker.getByRole('combobox', { name: 'Find collection' }).fill('Print run');
    await expect(picker.getByRole('option', { name: 'New collection “Print run”' })).toHaveAttribute('aria-selected', 'true');
    await page.keyboard.press('Enter');
    await expect(toast(page, 'Added 1 image to “Print run”')).toBeVisible();
    await expect(collection(page, 'Print run')).toHaveAccessibleName('Print run, 1 image');
    // the same from the detail view's button
    await detail(page).getByRole('button', { name: 'Add to collection' }).click();
    await picker.getByRole('combobox', { name: 'Find collection' }).fill('print');
    await page.keyboard.press('Enter');
    await expect(toast(page, 'Already in “Print run”')).toBeVisible();
    await detail(page).getByRole('button', { name: 'Close' }).click();
  });

  await test.step('B waits while the artist types', async () => {
    await search(page, 'b');
    await expect(page.getByRole('dialog', { name: 'Add to collection' })).toHaveCount(0);
    // Wait for each search to be shown, not just typed: the box searches after a pause, and a search
    // landing later would reload the grid (the runs of this session leave the feed for the grid's
    // rows) under the pointer of the drag below, which then drops nothing.
    await expect(tiles(page)).toHaveCount(0);
    await search(page, '');
    await expect(tiles(page)).toHaveCount(3);
  });

  await test.step('by drag: a tile dropped on a sidebar collection files its four images', async () => {
    await tileFor(page, LANTERN).dragTo(collection(page, 'Print run'));
    await expect(toast(page, 'Added 4 images to “Print run”')).toBeVisible();
    await expect(collection(page, 'Print run')).toHaveAccessibleName('Print run, 5 images');
  });

  await test.step('clicking a collection shows it: the query is its in: term', async () => {
    await collection(page, 'Print run').click();
    await expect(page.getByLabel('Search', { exact: true })).toHaveValue('in:"Print run"');
    await expect(tiles(page)).toHaveCount(2);
    await expect(tileFor(page, HARBOR)).toHaveCount(0);
    await expect(collection(page, 'Print run')).toHaveAttribute('aria-current', 'true');
    await screenshot(page, 'collections-sidebar');
    await sidebar(page).screenshot({ path: 'test-results/screenshots/collections-sidebar-only.png' });
  });

  await test.step('"Remove from collection" takes a selection out of the shown collection, with one undo', async () => {
    await tileFor(page, MEADOW).click({ modifiers: ['ControlOrMeta'] });
    await tileFor(page, LANTERN).click({ modifiers: ['ControlOrMeta'] });
    await bar(page).getByRole('button', { name: 'Remove from collection' }).click();
    await expect(toast(page, 'Removed 5 images from “Print run”')).toBeVisible();
    await expect(collection(page, 'Print run')).toHaveAccessibleName('Print run, 0 images');
    await expect(tiles(page)).toHaveCount(0);
    await undo(page);
    await expect(collection(page, 'Print run')).toHaveAccessibleName('Print run, 5 images');
    await expect(tiles(page)).toHaveCount(2);
  });

  await test.step('"Export…" in the collection\'s menu writes every image filed in it to a new folder', async () => {
    const out = tempDir('atelier-e2e-collection-export-');
    try {
      await collection(page, 'Print run').click({ button: 'right' });
      await page.getByRole('menuitem', { name: 'Export…' }).click();
      const dialog = page.getByRole('dialog', { name: 'Export', exact: true });
      await expect(dialog.getByRole('heading')).toHaveText('Export the collection “Print run”');
      await dialog.getByRole('radio', { name: 'A new folder inside' }).check();
      await dialog.getByLabel('Folder (full path)').fill(out.path);
      await dialog.getByRole('button', { name: 'Start export', exact: true }).click();
      await expect(dialog.getByRole('status')).toContainText('Exported 5 images to', { timeout: 20_000 });
      await dialog.getByRole('button', { name: 'Close', exact: true }).click();
      await expect(dialog).toHaveCount(0);
      const [made] = readdirSync(out.path);
      expect(readdirSync(path.join(out.path, made!)).filter((name) => name.endsWith('.png'))).toHaveLength(5);
    } finally {
      out.remove();
    }
  });

  await test.step('rename and delete from the context menu; deleting keeps the images, and Ctrl+Z brings it back', async () => {
    await collection(page, 'Print run').click({ button: 'right' });
    await page.getByRole('menuitem', { name: 'Rename collection' }).click();
    const name = sidebar(page).getByRole('textbox', { name: 'Collection name' });
    await expect(name).toHaveValue('Print run');
    await name.fill('Prints');
    await page.keyboard.press('Enter');
    await expect(collection(page, 'Prints')).toHaveAccessibleName('Prints, 5 images');
    await expect(page.getByLabel('Search', { exact: true })).toHaveValue('in:"Prints"');

    // from the keyboard: Shift+F10 opens the same menu
    await collection(page, 'Prints').focus();
    await page.keyboard.press('Shift+F10');
    await expect(page.getByRole('menuitem', { name: 'Rename collection' })).toBeFocused();
    await expect(page.getByRole('menu').getByRole('menuitem')).toHaveText(['Rename collection', 'Export…', 'Delete collection']);
    await page.keyboard.press('ArrowDown');
    await page.keyboard.press('ArrowDown');
    await page.keyboard.press('Enter');
    await expect(collection(page, 'Prints')).toHaveCount(0);
    await expect(toast(page, 'Deleted collection “Prints” (its images stay in the library)')).toBeVisible();
    await search(page, '');
    await expect(tiles(page)).toHaveCount(3);
    // Ctrl+Z in the search box is the box's own undo
    await page.getByLabel('Search', { exact: true }).blur();
    await undo(page);
    await expect(collection(page, 'Prints')).toHaveAccessibleName('Prints, 5 images');
  });
});

test('tags: type to add with autocomplete, remove, and tag a selection at once with one undo', async ({ page, studio: _studio }) => {
  test.setTimeout(90_000);
  await generate(page, HARBOR, 1);
  await generate(page, MEADOW, 2);

  await test.step('"Add tag" in the detail view', async () => {
    await tileFor(page, HARBOR).click();
    const addTag = detail(page).getByRole('combobox', { name: 'Add tag' });
    await addTag.fill('portrait');
    await page.keyboard.press('Enter');
    await expect(detail(page).getByRole('list', { name: 'Tags' }).getByRole('listitem')).toHaveText(['portrait']);
    await addTag.fill('draft');
    await page.keyboard.press('Enter');
    await expect(detail(page).getByRole('list', { name: 'Tags' }).getByRole('listitem')).toHaveText(['draft', 'portrait']);
    await detail(page).getByRole('button', { name: 'Remove tag draft' }).click();
    await expect(detail(page).getByRole('list', { name: 'Tags' }).getByRole('listitem')).toHaveText(['portrait']);
    await detail(page).getByRole('button', { name: 'Close' }).click();
  });

  await test.step('bulk: the selection bar tags both, suggesting the tag already in use', async () => {
    await tileFor(page, HARBOR).click({ modifiers: ['ControlOrMeta'] });
    await tileFor(page, MEADOW).click({ modifiers: ['ControlOrMeta'] });
    await bar(page).getByRole('button', { name: 'Tag selected' }).click();
    const addTag = bar(page).getByRole('combobox', { name: 'Add tag' });
    await expect(addTag).toBeFocused();
    await addTag.fill('por');
    await expect(page.getByRole('listbox', { name: 'Tag suggestions' }).getByRole('option')).toHaveText([/^portrait/]);
    await page.keyboard.press('ArrowDown');
    await page.keyboard.press('Enter');
    await expect(toast(page, 'Tagged 1 generation “portrait”')).toBeVisible();
    await page.keyboard.press('Escape');
    await search(page, 'tag:portrait');
    await expect(tiles(page)).toHaveCount(2);
  });

  await test.step('Ctrl+Z takes the tag off only the one the bulk action tagged', async () => {
    await page.getByLabel('Search', { exact: true }).blur();
    await undo(page);
    await expect(tiles(page)).toHaveCount(1);
    await expect(tileFor(page, HARBOR)).toBeVisible();
  });

  await test.step('a tag renamed from its menu is renamed on every generation', async () => {
    await tileFor(page, HARBOR).click();
    await detail(page).getByRole('button', { name: 'portrait', exact: true }).click();
    await page.getByRole('menuitem', { name: 'Rename tag everywhere' }).click();
    await detail(page).getByRole('textbox', { name: 'Tag name' }).fill('portraits');
    await page.keyboard.press('Enter');
    await expect(detail(page).getByRole('list', { name: 'Tags' }).getByRole('listitem')).toHaveText(['portraits']);
    await detail(page).getByRole('button', { name: 'Close' }).click();
    await search(page, 'tag:portraits');
    await expect(tiles(page)).toHaveCount(1);
  });
});

test('saved searches: save the query, survive a restart, rename and delete with undo', async ({ page, studio }) => {
  test.setTimeout(90_000);
  await generate(page, LANTERN, 1);
  await search(page, 'lantern ar:1:1');
  await sidebar(page).getByRole('button', { name: 'Save search' }).click();
  await sidebar(page).getByRole('textbox', { name: 'Saved search name' }).fill('Square lanterns');
  await page.keyboard.press('Enter');
  await expect(sidebar(page).getByRole('button', { name: 'Square lanterns' })).toBeVisible();

  await studio.restart();
  await expect(page.getByLabel('Search', { exact: true })).toHaveValue('');
  await sidebar(page).getByRole('button', { name: 'Square lanterns' }).click();
  await expect(page.getByLabel('Search', { exact: true })).toHaveValue('lantern ar:1:1');

  await sidebar(page).getByRole('button', { name: 'Square lanterns' }).click({ button: 'right' });
  await page.getByRole('menuitem', { name: 'Rename saved search' }).click();
  await sidebar(page).getByRole('textbox', { name: 'Saved search name' }).fill('Lanterns');
  await page.keyboard.press('Enter');
  await expect(sidebar(page).getByRole('button', { name: 'Lanterns', exact: true })).toBeVisible();

  await sidebar(page).getByRole('button', { name: 'Lanterns', exact: true }).click({ button: 'right' });
  await page.getByRole('menuitem', { name: 'Delete saved search' }).click();
  await expect(sidebar(page).getByRole('button', { name: 'Lanterns', exact: true })).toHaveCount(0);
  await undo(page);
  await expect(sidebar(page).getByRole('button', { name: 'Lanterns', exact: true })).toBeVisible();
});

test('a collection renamed in the sidebar is renamed back by Ctrl+Z after a reload of the page', async ({ page, studio: _studio }) => {
  await newCollection(page, 'Harbour studies');
  await collection(page, 'Harbour studies').click({ button: 'right' });
  await page.getByRole('menuitem', { name: 'Rename collection' }).click();
  await sidebar(page).getByRole('textbox', { name: 'Collection name' }).fill('Storms');
  await page.keyboard.press('Enter');
  await expect(toast(page, 'Renamed to “Storms”')).toBeVisible();
  await expect(collection(page, 'Storms')).toBeVisible();

  // the page keeps no undo of its own: after a reload its stack is the library's (`undo:list`), read as it starts
  const restored = new Promise<void>((resolve) => {
    page.once('websocket', (bridge) => bridge.on('framereceived', (frame) => String(frame.payload).includes('"undoIds"') && resolve()));
  });
  await page.reload();
  await expect(page.locator('.app[data-ready="true"]')).toBeVisible();
  await restored;
  await expect(collection(page, 'Storms')).toBeVisible();
  await undo(page);
  await expect(collection(page, 'Harbour studies')).toHaveAccessibleName('Harbour studies, 0 images');
  await expect(collection(page, 'Storms')).toHaveCount(0);
  await expect(toast(page, 'Undone')).toBeVisible();
});
