import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import type { Generation } from '../../shared/generation.ts';
import { expect, test } from './fixtures.ts';
import { detail, fillDraft, tileFor, tiles } from './studio.ts';

const PROMPT = 'a paper boat on a still pond';

test('the detail view tells the served image and the saved file apart, each with its own hash', async ({ page, studio }) => {
  test.setTimeout(60_000);
  await fillDraft(page, { prompt: PROMPT });
  await page.getByRole('button', { name: 'Generate', exact: true }).click();
  await expect(tiles(page)).toHaveCount(1, { timeout: 20_000 });
  await tileFor(page, PROMPT).click();
  const view = detail(page);

  const result = await studio.core.dispatch('library:search', {});
  expect(result.ok).toBe(true);
  const generation = (result.ok ? (result.value as { items: Generation[] }).items : [])[0];
  if (!generation) throw new Error('no generation in the library');
  const sha = (file: string) => createHash('sha256').update(readFileSync(path.join(studio.dataDir, file))).digest('hex');

  await expect(view.getByText('Original file (as served)')).toHaveCount(4);
  await expect(view.getByText('Saved file (with Atelier’s metadata)')).toHaveCount(4);
  const original = view.getByTestId('image-sha');
  const saved = view.getByTestId('image-file-sha');
  for (const image of generation.images) {
    // What sha256sum says of the file on disk is the "saved file" hash; the served one differs (metadata).
    const onDisk = sha(image.file ?? '');
    await expect(saved.nth(image.index)).toHaveAttribute('title', onDisk);
    await expect(saved.nth(image.index)).toHaveText(`SHA-256 ${onDisk.slice(0, 16)}`);
    await expect(original.nth(image.index)).toHaveAttribute('title', image.sha256 ?? '');
    expect(image.sha256).not.toBe(onDisk);
  }
});
