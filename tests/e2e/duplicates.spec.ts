/**
 * Duplicates through the real UI (issue 13 §3): a half-size copy of a library image is imported
 * (made here with sharp from the stored file), "Find similar" on the original finds it and not the
 * other images of its run, and the "Duplicates" view groups the two, with reject working there.
 */
import path from 'node:path';
import sharp from 'sharp';
import type { SearchPage } from '../../shared/search.ts';
import { tempDir } from '../support/temp-dir.ts';
import { expect, test } from './fixtures.ts';
import { detail, importFolder, screenshot, tileFor, tiles } from './studio.ts';

const PROMPT = 'a paper lantern drifting over a dark river';

test('a resized copy imported into the library: "Find similar" finds it, and "Duplicates" groups it', async ({ page, studio }) => {
  test.setTimeout(90_000);
  await page.getByLabel('Prompt', { exact: true }).fill(PROMPT);
  await page.getByRole('button', { name: 'Generate', exact: true }).click();
  await expect(tiles(page)).toHaveCount(1, { timeout: 20_000 });
  const saved = async () => {
    const found = await studio.core.dispatch('library:search', { text: '', limit: 10 });
    return found.ok ? (found.value as SearchPage).items[0] : undefined;
  };
  await expect.poll(async () => (await saved())?.images.filter((image) => image.file !== null).length, { timeout: 20_000 }).toBe(4);
  const original = await saved();
  const file = original?.images[0]?.file;
  if (!original || !file) throw new Error('the run has no saved first image');
  const incoming = tempDir('atelier-e2e-copies-');
  try {
    const width = (await sharp(path.join(studio.dataDir, file)).metadata()).width;
    await sharp(path.join(studio.dataDir, file)).resize({ width: Math.round(width / 2) }).png().toFile(path.join(incoming.path, 'smaller-copy.png'));
    const report = await importFolder(page, incoming.path);
    await expect(report.getByTestId('import-imported')).toHaveText('1 picture');
    await report.getByRole('button', { name: 'Close' }).click();
    await expect(tiles(page)).toHaveCount(2);
  } finally {
    incoming.remove();
  }

  await test.step('"Find similar" on the original finds the copy, and none of the three other images of its run', async () => {
    await tileFor(page, PROMPT).click();
    const view = detail(page);
    await view.getByRole('button', { name: 'Find similar', exact: true }).click();
    const similar = view.getByRole('region', { name: 'Similar images' });
    await expect(similar.getByRole('listitem')).toHaveCount(1);
    await expect(similar.getByRole('button', { name: /^Open image 1 of .*Near copy/ })).toBeVisible();
    await screenshot(page, 'find-similar');
    // the second image of the run has no look-alike
    await view.getByRole('button', { name: 'Image 2', exact: true }).click();
    await view.getByRole('button', { name: 'Find similar', exact: true }).click();
    await expect(view.getByRole('region', { name: 'Similar images' })).toContainText('No similar images in the library.');
    await view.getByRole('button', { name: 'Close', exact: true }).click();
  });

  await test.step('the tile\'s context menu: "Find similar" opens the image with its look-alikes, "Use as reference" fills the field', async () => {
    await tileFor(page, PROMPT).click({ button: 'right' });
    await page.getByRole('menu').getByRole('menuitem', { name: 'Find similar' }).click();
    const view = detail(page);
    await expect(view.getByRole('region', { name: 'Similar images' }).getByRole('listitem')).toHaveCount(1);
    await view.getByRole('button', { name: 'Close', exact: true }).click();
    await tileFor(page, PROMPT).click({ button: 'right' });
    await page.getByRole('menu').getByRole('menuitem', { name: 'Use as reference' }).click();
    await expect(page.getByRole('textbox', { name: 'Reference image URL' })).not.toHaveValue('');
  });

  await test.step('"Duplicates" groups the original with its copy; reject works from there', async () => {
    await page.getByRole('button', { name: 'Settings' }).click();
    await page.getByRole('button', { name: 'Duplicates…', exact: true }).click();
    const region = page.getByRole('region', { name: 'Duplicates', exact: true });
    const group = region.getByRole('listitem', { name: 'Near duplicates 1', exact: true });
    await expect(group).toBeVisible({ timeout: 15_000 });
    await expect(region.getByRole('listitem', { name: /duplicates \d+$/ })).toHaveCount(1);
    await expect(group.locator('img')).toHaveCount(2);
    await screenshot(page, 'duplicates');
    const rejects = group.getByRole('button', { name: /^Reject image 1 of / });
    await expect(rejects).toHaveCount(2);
    await rejects.last().click();
    await expect(rejects.last()).toHaveAttribute('aria-pressed', 'true');
    await expect(rejects.first()).toHaveAttribute('aria-pressed', 'false');
    await expect(group).toContainText('rejected');
  });
});
