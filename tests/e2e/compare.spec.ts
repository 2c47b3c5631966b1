import type { Locator, Page } from '@playwright/test';
import { expect, test } from './fixtures.ts';
import { detail, expectImagesLoaded, fillDraft, screenshot, tileFor, tiles } from './studio.ts';

const compare = (page: Page) => page.getByRole('region', { name: 'Compare' });
const differences = (page: Page) => compare(page).getByRole('table', { name: 'Differences' });
const panes = (page: Page) => compare(page).getByTestId('zoomable-image');

/** Each pane's image: where it sits and its rendered width (CSS pixels). */
function placements(scope: Locator): Promise<{ left: number; top: number; width: number; boxLeft: number; boxTop: number }[]> {
  return scope.locator('.zoomable-img').evaluateAll((nodes) =>
    // Typed structurally: this file compiles without the DOM library.
    (nodes as unknown as { getBoundingClientRect(): DOMRect; parentElement: { getBoundingClientRect(): DOMRect } }[]).map((img) => {
      const rect = img.getBoundingClientRect();
      const box = img.parentElement.getBoundingClientRect();
      return { left: rect.left, top: rect.top, width: rect.width, boxLeft: box.left, boxTop: box.top };
    }),
  );
}

async function generate(page: Page, prompt: string, seed: string, count: number, stylize?: string): Promise<void> {
  await fillDraft(page, { prompt, seed, ...(stylize ? { stylize } : {}) });
  await page.getByRole('button', { name: 'Generate', exact: true }).click();
  await expect(tiles(page)).toHaveCount(count, { timeout: 20_000 });
}

test('compare with parent: lineage in words, two side by side with synchronised zoom and pan, the swipe, Tab between panes, Esc in order', async ({ page, studio: _studio }) => {
  test.setTimeout(120_000);
  const PROMPT = 'a lighthouse in neon fog';
  await generate(page, PROMPT, '42', 1, '600');

  await test.step('an edit of one setting becomes a child whose detail view says what changed', async () => {
    await tileFor(page, PROMPT).click();
    await detail(page).getByRole('button', { name: 'Edit & rerun' }).click();
    await expect(detail(page)).toHaveCount(0);
    await page.getByLabel('Stylize', { exact: true }).fill('50');
    await page.getByRole('button', { name: 'Generate', exact: true }).click();
    await expect(tiles(page)).toHaveCount(2, { timeout: 20_000 });
    await expectImagesLoaded(tiles(page).first(), 4);
    await tiles(page).first().click();
    await expect(detail(page).getByTestId('param-stylize')).toHaveText('50');
    await expect(detail(page).getByTestId('lineage-changes')).toHaveText('stylize 600 → 50, seed kept');
  });

  await test.step('C in the detail view compares with the parent; the table highlights only stylize', async () => {
    await page.keyboard.press('c');
    await expect(compare(page)).toBeVisible();
    await expect(panes(page)).toHaveCount(2);
    // Compare opens with the first pane focused, so keys act on it at once.
    await expect(compare(page).locator('[data-pane="0"]')).toBeFocused();
    await expect(differences(page).getByRole('caption')).toHaveText('1 of 11 settings differ');
    await expect(differences(page).locator('tbody tr')).toHaveCount(1);
    const stylize = differences(page).getByTestId('difference-stylize');
    await expect(stylize).toHaveAttribute('data-differs', 'true');
    await expect(stylize.getByRole('cell')).toHaveText(['600', '50']);
    // The settings that are the same wait behind a button, unhighlighted.
    await compare(page).getByRole('button', { name: 'Show the 10 settings that are the same' }).click();
    await expect(differences(page).locator('tbody tr')).toHaveCount(11);
    await expect(differences(page).locator('tr[data-differs="true"]')).toHaveCount(1);
    await expect(differences(page).getByTestId('difference-seed')).toHaveAttribute('data-differs', 'false');
    await expect(differences(page).getByTestId('difference-prompt')).toHaveAttribute('data-differs', 'false');
    await expectImagesLoaded(compare(page), 2);
  });

  await test.step('zoom and pan move both panes together', async () => {
    await page.keyboard.press('z');
    await expect(panes(page).nth(0)).toHaveAttribute('data-zoom', '1.000');
    await expect(panes(page).nth(1)).toHaveAttribute('data-zoom', '1.000');
    const before = await placements(compare(page));
    expect(before.map((p) => p.width)).toEqual([1024, 1024]);
    await page.keyboard.press('ArrowDown');
    const after = await placements(compare(page));
    for (const [i, p] of after.entries()) expect(p.top).toBe((before[i]?.top ?? 0) - 80);
    // Both show the same part of their image.
    expect((after[0]?.top ?? 0) - (after[0]?.boxTop ?? 0)).toBe((after[1]?.top ?? 0) - (after[1]?.boxTop ?? 0));
    expect((after[0]?.left ?? 0) - (after[0]?.boxLeft ?? 0)).toBe((after[1]?.left ?? 0) - (after[1]?.boxLeft ?? 0));
  });

  await test.step('Tab cycles the focused pane', async () => {
    const first = compare(page).locator('[data-pane="0"]');
    const second = compare(page).locator('[data-pane="1"]');
    await first.focus();
    await page.keyboard.press('Tab');
    await expect(second).toBeFocused();
    await expect(second).toHaveAttribute('aria-current', 'true');
    await page.keyboard.press('Tab');
    await expect(first).toBeFocused();
  });

  await test.step('the swipe lays the two over each other', async () => {
    await compare(page).getByRole('button', { name: 'Overlay' }).click();
    const swipe = compare(page).getByRole('slider', { name: 'Swipe' });
    await expect(swipe).toHaveValue('50');
    await swipe.fill('25');
    await expect(compare(page).locator('.swipe-top')).toHaveAttribute('style', /inset\(0px 0px 0px 25%\)/);
    await screenshot(page, 'compare-swipe');
    await compare(page).getByRole('button', { name: 'Side by side' }).click();
    await expect(swipe).toHaveCount(0);
  });

  await test.step('R and C do nothing in compare; Esc leaves zoom, then compare, then the detail view', async () => {
    await compare(page).locator('[data-pane="0"]').focus();
    await page.keyboard.press('r');
    await page.keyboard.press('c');
    await expect(panes(page)).toHaveCount(2);
    await page.keyboard.press('Escape');
    await expect(panes(page).nth(0)).toHaveAttribute('data-zoom', 'fit');
    await page.keyboard.press('Escape');
    await expect(compare(page)).toHaveCount(0);
    await expect(detail(page)).toBeVisible();
    // A round trip through the same connection after the R: had R rerun, its run would show by now.
    await detail(page).getByRole('button', { name: 'Favorite' }).click();
    await expect(detail(page).getByRole('button', { name: 'Favorite' })).toHaveAttribute('aria-pressed', 'true');
    await expect(page.getByTestId('toast').filter({ hasText: 'Rerun' })).toHaveCount(0);
    await page.keyboard.press('Escape');
    await expect(detail(page)).toHaveCount(0);
    await expect(tiles(page)).toHaveCount(2);
  });

  await test.step('a generation without a parent says so', async () => {
    await tileFor(page, PROMPT).last().click();
    await expect(detail(page).getByTestId('param-stylize')).toHaveText('600');
    await page.keyboard.press('c');
    await expect(page.getByTestId('toast').filter({ hasText: 'has no parent to compare with' })).toBeVisible();
    await expect(compare(page)).toHaveCount(0);
  });

  await test.step('the family view: parent, the generation among its siblings, each saying what changed', async () => {
    await detail(page).getByRole('button', { name: 'Rerun with new seed' }).click();
    const family = detail(page).getByRole('region', { name: 'Family' });
    await expect(family.getByTestId('lineage-child')).toHaveCount(2);
    await expect(tiles(page)).toHaveCount(3, { timeout: 20_000 });
    await family.getByRole('button', { name: /stylize 600 → 50, seed kept/ }).click();
    await expect(detail(page).getByTestId('param-stylize')).toHaveText('50');
    await expect(family.getByTestId('lineage-parent')).toHaveCount(1);
    await expect(family.getByTestId('lineage-self')).toHaveAttribute('aria-current', 'true');
    const sibling = family.getByTestId('lineage-sibling');
    await expect(sibling).toHaveCount(1);
    await expect(sibling).toHaveAttribute('aria-label', /^#\d+ · sibling · same settings, new seed: a lighthouse in neon fog$/);
    await expectImagesLoaded(family, 3);
    await screenshot(page, 'family');
  });
});

test('compare of four from the selection, with the prompts diffed word by word; C asks for 2 to 4', async ({ page, studio: _studio }) => {
  test.setTimeout(120_000);
  const prompts = ['a red fox in the snow', 'a red fox in deep snow at dusk', 'a grey fox in the snow', 'a red wolf in the snow'];
  for (const [i, prompt] of prompts.entries()) await generate(page, prompt, String(100 + i), i + 1);

  await test.step('C with one generation picked says how many to pick', async () => {
    await tileFor(page, prompts[0] as string).click({ modifiers: ['ControlOrMeta'] });
    await page.keyboard.press('c');
    await expect(page.getByTestId('toast').filter({ hasText: 'Select 2 to 4 to compare' })).toBeVisible();
    await expect(compare(page)).toHaveCount(0);
  });

  await test.step('"Compare" in the selection bar opens four panes and the differences', async () => {
    for (const prompt of prompts.slice(1)) await tileFor(page, prompt).click({ modifiers: ['ControlOrMeta'] });
    await expect(page.getByTestId('selection-count')).toHaveText('4 selected');
    await page.getByRole('toolbar', { name: 'Selection' }).getByRole('button', { name: 'Compare' }).click();
    await expect(panes(page)).toHaveCount(4);
    await expect(compare(page).getByRole('slider', { name: 'Swipe' })).toHaveCount(0);
    await expect(compare(page).getByRole('button', { name: 'Overlay' })).toHaveCount(0);
    const differing = differences(page).locator('tr[data-differs="true"] th');
    await expect(differing).toHaveText(['Prompt (differs)', 'Seed (differs)']);
    // Gallery order is newest first; each prompt is diffed against the first pane's.
    const promptCells = differences(page).getByTestId('difference-prompt').getByRole('cell');
    await expect(promptCells).toHaveCount(4);
    await expect(promptCells.nth(0)).toHaveText('a red wolf in the snow');
    await expect(promptCells.nth(1).locator('ins')).toHaveText(['grey', 'fox']);
    await expect(promptCells.nth(1).locator('del')).toHaveText(['red', 'wolf']);
    await expect(promptCells.nth(3).locator('ins')).toHaveText(['fox']);
    await expect(promptCells.nth(3).locator('del')).toHaveText(['wolf']);
    await expectImagesLoaded(compare(page), 4);
    await page.keyboard.press('+');
    for (const i of [0, 1, 2, 3]) await expect(panes(page).nth(i)).not.toHaveAttribute('data-zoom', 'fit');
    await screenshot(page, 'compare-with-diff');
  });

  await test.step('F acts on the focused pane, toggling from its current state', async () => {
    await compare(page).locator('[data-pane="0"]').focus();
    await page.keyboard.press('Tab');
    await expect(compare(page).locator('[data-pane="1"]')).toHaveAttribute('aria-current', 'true');
    const grey = tileFor(page, prompts[2] as string).locator('.tile-favorite');
    await page.keyboard.press('f');
    await expect(grey).toHaveCount(1);
    await page.keyboard.press('f');
    await expect(grey).toHaveCount(0);
    await expect(tileFor(page, prompts[3] as string).locator('.tile-favorite')).toHaveCount(0);
  });

  await test.step('"Close compare" goes back to the grid with the selection kept', async () => {
    await compare(page).getByRole('button', { name: 'Close compare' }).click();
    await expect(compare(page)).toHaveCount(0);
    await expect(page.getByTestId('selection-count')).toHaveText('4 selected');
  });
});

test('compare of picked generations shows the image last looked at in each, else image 1; picked single images compare as those images', async ({ page, studio: _studio }) => {
  test.setTimeout(90_000);
  await generate(page, 'an owl on a fence post', '301', 1);
  await generate(page, 'an owl in a barn', '302', 2);
  const fence = tileFor(page, 'an owl on a fence post');
  const barn = tileFor(page, 'an owl in a barn');
  const fenceId = await fence.getAttribute('data-id');
  const barnId = await barn.getAttribute('data-id');
  const paneNames = () => compare(page).locator('[data-pane]').evaluateAll((nodes) => nodes.map((node) => node.getAttribute('aria-label')));

  await test.step('four-up: the image shown last in the detail view, else image 1', async () => {
    await fence.click();
    await expect(detail(page)).toBeVisible();
    await page.keyboard.press('ArrowRight');
    await page.keyboard.press('ArrowRight');
    await page.keyboard.press('Escape');
    await expect(detail(page)).toHaveCount(0);
    await fence.click({ modifiers: ['ControlOrMeta'] });
    await barn.click({ modifiers: ['ControlOrMeta'] });
    await page.keyboard.press('c');
    // Gallery order: newest first.
    await expect.poll(paneNames).toEqual([`#${barnId} · image 1`, `#${fenceId} · image 3`]);
    await compare(page).getByRole('button', { name: 'Close compare' }).click();
    await page.keyboard.press('Escape');
  });

  await test.step('single images: the images picked', async () => {
    await page.getByRole('button', { name: 'Single images' }).click();
    await page.locator(`[data-testid="gallery-tile"][data-id="${barnId}"][data-index="1"]`).click({ modifiers: ['ControlOrMeta'] });
    await page.locator(`[data-testid="gallery-tile"][data-id="${fenceId}"][data-index="3"]`).click({ modifiers: ['ControlOrMeta'] });
    await page.keyboard.press('c');
    await expect.poll(paneNames).toEqual([`#${barnId} · image 2`, `#${fenceId} · image 4`]);
    await compare(page).getByRole('button', { name: 'Close compare' }).click();
    await page.keyboard.press('Escape');
    await expect(page.getByTestId('selection-count')).toHaveCount(0);
  });

  await test.step('single images: two images of one generation, which share every setting', async () => {
    const image = (index: number) => page.locator(`[data-testid="gallery-tile"][data-id="${fenceId}"][data-index="${index}"]`);
    await image(0).click({ modifiers: ['ControlOrMeta'] });
    await image(2).click({ modifiers: ['ControlOrMeta'] });
    // the selection is of images: two picked, of one generation
    await expect(page.getByTestId('selection-count')).toHaveText('2 selected');
    await expect(page.getByTestId('selection-images')).toHaveText('of 1 generation');
    await expect(image(0)).toHaveAccessibleName(/, selected$/);
    await expect(image(1)).not.toHaveAccessibleName(/, selected$/);
    await page.getByRole('toolbar', { name: 'Selection' }).getByRole('button', { name: 'Compare' }).click();
    await expect.poll(paneNames).toEqual([`#${fenceId} · image 1`, `#${fenceId} · image 3`]);
    await expect(differences(page).getByRole('caption')).toHaveText('Every setting is the same');
    await expect(differences(page).locator('tr[data-differs="true"]')).toHaveCount(0);
    await compare(page).getByRole('button', { name: 'Close compare' }).click();
    await page.keyboard.press('Escape');
  });

  await test.step('the detail view picks images too (Ctrl/Cmd+click in its strip), whatever the layout', async () => {
    await page.getByRole('button', { name: 'Four-up tiles' }).click();
    await fence.click();
    const strip = detail(page).getByRole('group', { name: 'Images' });
    await strip.getByRole('button', { name: 'Image 2', exact: true }).click({ modifiers: ['ControlOrMeta'] });
    await strip.getByRole('button', { name: 'Image 4', exact: true }).click({ modifiers: ['ControlOrMeta'] });
    await expect(strip.getByRole('button', { name: 'Image 2, picked' })).toBeVisible();
    await strip.getByRole('button', { name: 'Compare picked images (2)' }).click();
    await expect.poll(paneNames).toEqual([`#${fenceId} · image 2`, `#${fenceId} · image 4`]);
    await expect(differences(page).getByRole('caption')).toHaveText('Every setting is the same');
    // Esc leaves compare, then the detail view, then the selection
    await page.keyboard.press('Escape');
    await expect(compare(page)).toHaveCount(0);
    await expect(detail(page)).toBeVisible();
  });
});
