/**
 * Stacks of reruns through the real UI, on a seeded library: reruns show as one tile with a count,
 * "Stack reruns" turns stacking off (and stays as set after a reload), opening a stack shows its
 * members, a key on a collapsed stack acts on its newest member only, a selection of stacks acts on
 * every member and says how many, and every tile's context menu offers "Show family" (screenshot).
 */
import type { Locator, Page } from '@playwright/test';
import { closeLibrary, openLibrary } from '../../electron/core/library/database.ts';
import { createImages, markImageExpired } from '../../electron/core/library/images.ts';
import { addGeneration } from '../support/library.ts';
import { expect, test } from './fixtures.ts';
import { detail, screenshot, search, tiles } from './studio.ts';

/** The generations seeded, by name: a castle run with two reruns, a harbour run with one, two runs alone. */
const id: Record<string, number> = {};

test.use({
  seedLibrary: {
    fill(dataDir: string) {
      const db = openLibrary(dataDir);
      const start = Date.now() - 3_600_000;
      const add = (name: string, minutes: number, params: Parameters<typeof addGeneration>[2], parent?: string) => {
        const generationId = addGeneration(db, start + minutes * 60_000, params, parent === undefined ? {} : { parentId: id[parent] ?? null }).id;
        id[name] = generationId;
        // finished, with four images whose links expired (nothing is ever fetched)
        createImages(db, generationId, [0, 1, 2, 3].map((i) => ({ remoteUrl: `http://127.0.0.1:9/${generationId}/${i}.png` })));
        for (const i of [0, 1, 2, 3]) markImageExpired(db, generationId, i, 'expired');
        db.prepare("UPDATE generations SET status = 'done' WHERE id = ?").run(generationId);
      };
      const castle = { prompt: 'a castle in fog above a frozen lake', seed: 1234, stylize: 250 };
      const harbour = { prompt: 'lanterns over a quiet harbour', seed: 77, aspectRatio: '16:9' as const };
      add('castle', 1, castle);
      add('alone', 2, { prompt: 'a fox in tall grass', seed: 5 });
      add('harbour', 3, harbour);
      // the reruns were made from the first castle run: its family
      add('castle2', 4, castle, 'castle');
      // same prompt, another seed: not a rerun
      add('otherSeed', 5, { ...castle, seed: 4321 });
      add('harbour2', 6, harbour);
      add('castle3', 7, castle, 'castle');
      closeLibrary(db);
    },
  },
});

const tile = (page: Page, name: string): Locator => page.locator(`[data-testid="gallery-tile"][data-id="${id[name]}"]`);
const shownIds = async (page: Page): Promise<number[]> => (await tiles(page).evaluateAll((all) => all.map((t) => Number(t.getAttribute('data-id')))));
const stackToggle = (page: Page): Locator => page.getByRole('button', { name: 'Stack reruns' });

test('reruns stack into one tile with a count; Stack reruns turns it off; a stack opens to its members', async ({ page, studio: _studio }) => {
  await expect(stackToggle(page)).toHaveAttribute('aria-pressed', 'true');
  await expect.poll(() => shownIds(page)).toEqual([id.castle3, id.harbour2, id.otherSeed, id.alone]);
  // the count is of generations, every rerun included, and says how many tiles show them
  await expect(page.getByTestId('gallery-count')).toHaveText('7 generations in 4 tiles');
  await expect(tile(page, 'castle3').getByTestId('tile-stack')).toHaveText('3 reruns');
  await expect(tile(page, 'harbour2').getByTestId('tile-stack')).toHaveText('2 reruns');
  await expect(tile(page, 'otherSeed').getByTestId('tile-stack')).toHaveCount(0);
  await expect(tile(page, 'castle3')).toHaveAccessibleName(/^Open the stack of 3 reruns of “a castle in fog/);
  await screenshot(page, 'stack');

  // off: every generation, no badges; the choice is kept in this browser profile
  await stackToggle(page).click();
  await expect(stackToggle(page)).toHaveAttribute('aria-pressed', 'false');
  await expect.poll(() => shownIds(page)).toEqual([id.castle3, id.harbour2, id.otherSeed, id.castle2, id.harbour, id.alone, id.castle]);
  await expect(page.getByTestId('tile-stack')).toHaveCount(0);
  await page.reload();
  await expect(stackToggle(page)).toHaveAttribute('aria-pressed', 'false');
  await expect(tiles(page)).toHaveCount(7);
  await stackToggle(page).click();
  await expect(tiles(page)).toHaveCount(4);

  // Enter on the stack's tile opens it: its members, newest first, as the query stack:<id>
  await tile(page, 'castle3').focus();
  await page.keyboard.press('Enter');
  await expect(page.getByLabel('Search', { exact: true })).toHaveValue(`stack:${id.castle3}`);
  await expect.poll(() => shownIds(page)).toEqual([id.castle3, id.castle2, id.castle]);
  await expect(page.getByTestId('tile-stack')).toHaveCount(0);
  // a click on a member opens it as usual
  await tile(page, 'castle2').click();
  await expect(detail(page)).toBeVisible();
  await page.keyboard.press('Escape');
  // clearing the search is the way back; a click on the badge's tile opens a stack too
  await search(page, '');
  await expect(tiles(page)).toHaveCount(4);
  await tile(page, 'harbour2').getByTestId('tile-stack').click({ force: true });
  await expect.poll(() => shownIds(page)).toEqual([id.harbour2, id.harbour]);
});

test('a key on a collapsed stack acts on its newest member; a selection of stacks acts on every member and says how many', async ({ page, studio: _studio }) => {
  await expect(tiles(page)).toHaveCount(4);
  // F on the castle stack's tile: the newest rerun only
  await tile(page, 'castle3').focus();
  await page.keyboard.press('f');
  await expect(tile(page, 'castle3').locator('.tile-favorite')).toHaveCount(1);
  await search(page, `stack:${id.castle}`);
  await expect.poll(() => shownIds(page)).toEqual([id.castle3, id.castle2, id.castle]);
  await expect(page.locator('.tile-favorite')).toHaveCount(1);
  await expect(tile(page, 'castle3').locator('.tile-favorite')).toHaveCount(1);

  // both stacks and the lone fox picked: the bar counts their members, and Reject reaches all of them
  await search(page, '');
  await expect(tiles(page)).toHaveCount(4);
  await tile(page, 'castle3').click({ modifiers: ['Control'] });
  await tile(page, 'harbour2').click({ modifiers: ['Control'] });
  await tile(page, 'alone').click({ modifiers: ['Control'] });
  await expect(page.getByTestId('selection-count')).toHaveText('3 selected');
  await expect(page.getByTestId('selection-images')).toHaveText('6 generations in 2 stacks');
  await page.getByRole('button', { name: 'Reject selected' }).click();
  await expect(page.getByText('Rejected 24 images')).toBeVisible();
  // every member rejected: hidden, and is:rejected finds all six, unstacked
  await search(page, 'is:rejected');
  await expect(tiles(page)).toHaveCount(6);
});

test('every tile has a context menu (right-click, Shift+F10) whose "Show family" opens the family view', async ({ page, studio: _studio }) => {
  await expect(tiles(page)).toHaveCount(4);
  await tile(page, 'alone').click({ button: 'right' });
  const menu = page.getByRole('menu');
  await expect(menu.getByRole('menuitem')).toHaveText(['Show family']);
  await page.keyboard.press('Escape');
  await expect(menu).toHaveCount(0);

  await tile(page, 'castle3').focus();
  await page.keyboard.press('Shift+F10');
  await expect(menu.getByRole('menuitem')).toHaveText(['Open stack (3 reruns)', 'Show family']);
  await expect(menu.getByRole('menuitem', { name: 'Open stack (3 reruns)' })).toBeFocused();
  await page.keyboard.press('ArrowDown');
  await page.keyboard.press('Enter');
  await expect(detail(page)).toBeVisible();
  const family = detail(page).getByRole('region', { name: 'Family' });
  await expect(family).toBeInViewport();
  await expect(family.getByRole('listitem', { name: 'Parent' })).toContainText(`#${id.castle}`);
});

test('Compare, Export and a drag onto a collection take every member of the picked stacks, and say how many', async ({ page, studio: _studio }) => {
  await expect(tiles(page)).toHaveCount(4);
  const bar = page.getByRole('toolbar', { name: 'Selection' });
  const compare = page.getByRole('region', { name: 'Compare' });

  // one stack of two picked: C compares its two reruns
  await tile(page, 'harbour2').click({ modifiers: ['ControlOrMeta'] });
  await page.keyboard.press('c');
  await expect(compare.locator('[data-pane]')).toHaveCount(2);
  await compare.getByRole('button', { name: 'Close compare' }).click();

  // two stacks are five reruns: too many, and the toast says why
  await tile(page, 'castle3').click({ modifiers: ['ControlOrMeta'] });
  await page.keyboard.press('c');
  await expect(page.getByTestId('toast').filter({ hasText: 'Select 2 to 4 to compare (the 2 tiles picked hold 5 generations)' })).toBeVisible();
  await expect(compare).toHaveCount(0);

  // Export… of the castle stack and the fox: four generations
  await tile(page, 'harbour2').click({ modifiers: ['ControlOrMeta'] });
  await tile(page, 'alone').click({ modifiers: ['ControlOrMeta'] });
  await expect(bar.getByTestId('selection-images')).toHaveText('4 generations in 1 stack');
  await bar.getByRole('button', { name: 'Export…' }).click();
  const exporting = page.getByRole('dialog', { name: 'Export' });
  await expect(exporting.getByRole('heading')).toHaveText('Export 4 generations');
  await exporting.getByRole('button', { name: 'Close' }).click();

  // dragged onto a sidebar collection: every image of every member is filed
  const sidebar = page.getByRole('region', { name: 'Collections' });
  await sidebar.getByRole('button', { name: 'New collection' }).click();
  await sidebar.getByRole('textbox', { name: 'Collection name' }).fill('Keepers');
  await page.keyboard.press('Enter');
  const keepers = sidebar.getByRole('button', { name: /^Keepers, / });
  await expect(keepers).toHaveAccessibleName('Keepers, 0 images');
  await tile(page, 'castle3').dragTo(keepers);
  await expect(page.getByTestId('toast').filter({ hasText: 'Added 16 images to “Keepers”' })).toBeVisible();
  await expect(keepers).toHaveAccessibleName('Keepers, 16 images');
});
