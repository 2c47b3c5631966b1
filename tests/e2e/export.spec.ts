import { execFileSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { mkdirSync, readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import type { Locator, Page } from '@playwright/test';
import sharp from 'sharp';
import type { Core } from '../../electron/core/app.ts';
import type { Collection } from '../../shared/curation.ts';
import type { SearchPage } from '../../shared/search.ts';
import { libraryFacts } from '../support/library-facts.ts';
import { tempDir } from '../support/temp-dir.ts';
import { expect, test } from './fixtures.ts';
import { generate, importFolder, tileFor, tiles } from './studio.ts';

const FIRST = 'a paper boat on a still canal';
const SECOND = 'a paper crane over rooftops';

/** Opens the Export dialog from Settings (the whole library). */
async function openExport(page: Page): Promise<Locator> {
  await page.getByRole('button', { name: 'Settings' }).click();
  await page.getByRole('button', { name: 'Export…', exact: true }).click();
  return page.getByRole('dialog', { name: 'Export', exact: true });
}

test('export a selection to a ZIP through the dialog: progress, done, and a ZIP whose files match the manifest', async ({ page, studio: _studio }) => {
  test.setTimeout(120_000);
  const out = tempDir('atelier-e2e-export-');
  try {
    await generate(page, FIRST, 1);
    await generate(page, SECOND, 2);
    await tileFor(page, FIRST).click({ modifiers: ['ControlOrMeta'] });
    await tileFor(page, SECOND).click({ modifiers: ['ControlOrMeta'] });
    await page.getByTestId('selection-bar').getByRole('button', { name: 'Export…', exact: true }).click();
    const dialog = page.getByRole('dialog', { name: 'Export', exact: true });
    await expect(dialog).toBeVisible();
    const file = path.join(out.path, 'paper things.zip');
    await dialog.getByLabel('ZIP file (full path)').fill(file);
    // every fact comes back only with the rejected image too: exports leave rejected images out unless asked
    await dialog.getByRole('checkbox', { name: 'Include rejected' }).check();
    await dialog.getByRole('button', { name: 'Start export', exact: true }).click();
    await expect(dialog.getByRole('status')).toHaveText(`Exported 8 images to ${file}`, { timeout: 20_000 });
    await expect(dialog.getByRole('progressbar', { name: 'Export progress', exact: true })).toHaveAttribute('aria-valuenow', '100');
    expect(readdirSync(out.path)).toEqual(['paper things.zip']);
    execFileSync('python3', ['-m', 'zipfile', '-t', file]);
    const unpacked = path.join(out.path, 'unpacked');
    execFileSync('python3', ['-m', 'zipfile', '-e', file, unpacked]);
    const rows = readFileSync(path.join(unpacked, 'manifest.jsonl'), 'utf8').trim().split('\n').map((line) => JSON.parse(line) as { file: string; prompt: string; fileSha256: string });
    expect(new Set(rows.map((row) => row.prompt))).toEqual(new Set([FIRST, SECOND]));
    for (const row of rows) expect(createHash('sha256').update(readFileSync(path.join(unpacked, row.file))).digest('hex')).toBe(row.fileSha256);
  } finally {
    out.remove();
  }
});

test('two images picked of one generation in the single-image layout export as exactly those two', async ({ page, studio: _studio }) => {
  test.setTimeout(120_000);
  const out = tempDir('atelier-e2e-export-');
  try {
    await generate(page, FIRST, 1);
    const id = await tileFor(page, FIRST).getAttribute('data-id');
    await page.getByRole('button', { name: 'Single images' }).click();
    const image = (index: number) => page.locator(`[data-testid="gallery-tile"][data-id="${id}"][data-index="${index}"]`);
    await image(1).click({ modifiers: ['ControlOrMeta'] });
    await image(3).click({ modifiers: ['ControlOrMeta'] });
    await expect(page.getByTestId('selection-count')).toHaveText('2 selected');
    await page.getByTestId('selection-bar').getByRole('button', { name: 'Export…', exact: true }).click();
    const dialog = page.getByRole('dialog', { name: 'Export', exact: true });
    await expect(dialog.getByRole('heading')).toHaveText('Export 2 images');
    const file = path.join(out.path, 'two of four.zip');
    await dialog.getByLabel('ZIP file (full path)').fill(file);
    await dialog.getByRole('button', { name: 'Start export', exact: true }).click();
    await expect(dialog.getByRole('status')).toHaveText(`Exported 2 images to ${file}`, { timeout: 20_000 });
    const unpacked = path.join(out.path, 'unpacked');
    execFileSync('python3', ['-m', 'zipfile', '-e', file, unpacked]);
    const rows = readFileSync(path.join(unpacked, 'manifest.jsonl'), 'utf8').trim().split('\n').map((line) => JSON.parse(line) as { file: string; imageIndex: number; fileSha256: string });
    expect(rows.map((row) => row.imageIndex)).toEqual([1, 3]);
    expect(readdirSync(unpacked).sort()).toEqual([...rows.map((row) => row.file), 'manifest.csv', 'manifest.jsonl'].sort());
    for (const row of rows) expect(createHash('sha256').update(readFileSync(path.join(unpacked, row.file))).digest('hex')).toBe(row.fileSha256);
  } finally {
    out.remove();
  }
});

async function call<T>(core: Core, channel: string, input?: unknown): Promise<T> {
  const result = await core.dispatch(channel, input);
  if (!result.ok) throw new Error(`${channel} failed: ${result.error.message}`);
  return result.value as T;
}

test('a curated selection exported to a ZIP, and a collection to a folder, come back whole in empty libraries: every field, curation fact and file hash', async ({ page, studio }) => {
  test.setTimeout(240_000);
  const out = tempDir('atelier-e2e-export-');
  const empty = tempDir('atelier-e2e-empty-');
  const other = tempDir('atelier-e2e-empty-');
  try {
    await generate(page, FIRST, 1);
    await generate(page, SECOND, 2);
    // the curation the round trip must keep (set through the core: curating in the UI has its own tests)
    const [first, second] = (await call<SearchPage>(studio.core, 'library:search', { text: '', limit: 10 })).items.sort((a, b) => a.createdAt - b.createdAt);
    await call(studio.core, 'image:favorite', { target: { images: [{ generationId: first!.id, index: 1 }] }, favorite: true });
    await call(studio.core, 'image:rate', { target: { images: [{ generationId: second!.id, index: 0 }] }, rating: 3 });
    await call(studio.core, 'image:reject', { target: { images: [{ generationId: second!.id, index: 2 }] }, rejected: true });
    await call(studio.core, 'tags:add', { ids: [first!.id, second!.id], name: 'paper' });
    const folds = await call<Collection>(studio.core, 'collections:create', { name: 'Folds' });
    await call(studio.core, 'collections:add', { id: folds.id, images: [{ generationId: first!.id, index: 3 }, { generationId: second!.id, index: 0 }] });
    const before = await libraryFacts(studio.core);

    await tileFor(page, FIRST).click({ modifiers: ['ControlOrMeta'] });
    await tileFor(page, SECOND).click({ modifiers: ['ControlOrMeta'] });
    await page.getByTestId('selection-bar').getByRole('button', { name: 'Export…', exact: true }).click();
    const dialog = page.getByRole('dialog', { name: 'Export', exact: true });
    const file = path.join(out.path, 'curated.zip');
    await dialog.getByLabel('ZIP file (full path)').fill(file);
    // every fact comes back only with the rejected image too: exports leave rejected images out unless asked
    await dialog.getByRole('checkbox', { name: 'Include rejected' }).check();
    await dialog.getByRole('button', { name: 'Start export', exact: true }).click();
    await expect(dialog.getByRole('status')).toHaveText(`Exported 8 images to ${file}`, { timeout: 20_000 });
    await page.keyboard.press('Escape');

    // the same app on an empty library: the ZIP imported through the Import dialog
    await studio.restart({ dataDir: empty.path });
    await expect(tiles(page)).toHaveCount(0);
    const report = await importFolder(page, file, 30_000);
    await expect(report.getByTestId('import-imported')).toHaveText('8 pictures');
    await report.getByRole('button', { name: 'Close' }).click();
    await expect(tiles(page)).toHaveCount(2);
    await expect(tileFor(page, FIRST)).toBeVisible();

    expect(await libraryFacts(studio.core)).toEqual(before);
    const back = (await call<SearchPage>(studio.core, 'library:search', { text: '', limit: 10 })).items;
    for (const g of back) {
      for (const image of g.images) expect(createHash('sha256').update(readFileSync(path.join(empty.path, image.file!))).digest('hex')).toBe(image.fileSha256);
    }
    await studio.restart(); // back on the fixture's library, so the empty one can go

    // the collection "Folds" to a folder through its menu, into another empty library: only its two
    // filed images come back, each with every fact and its file hash
    const folder = path.join(out.path, 'folds');
    mkdirSync(folder);
    await page.getByRole('region', { name: 'Collections' }).getByRole('button', { name: /^Folds, / }).click({ button: 'right' });
    await page.getByRole('menuitem', { name: 'Export…' }).click();
    await expect(dialog.getByRole('heading')).toHaveText('Export the collection “Folds”');
    await dialog.getByRole('radio', { name: 'A new folder inside' }).check();
    await dialog.getByLabel('Folder (full path)').fill(folder);
    await dialog.getByRole('button', { name: 'Start export', exact: true }).click();
    await expect(dialog.getByRole('status')).toContainText('Exported 2 images to', { timeout: 20_000 });
    await page.keyboard.press('Escape');
    const [written] = readdirSync(folder);
    await studio.restart({ dataDir: other.path });
    const filed = await importFolder(page, path.join(folder, written!), 30_000);
    await expect(filed.getByTestId('import-imported')).toHaveText('2 pictures');
    await filed.getByRole('button', { name: 'Close' }).click();
    await expect(tiles(page)).toHaveCount(2);
    // a generation's favourite and best rating follow from the images it holds, so they are compared per image
    const perImage = (facts: Awaited<ReturnType<typeof libraryFacts>>) =>
      facts.flatMap(({ favorite: _f, bestRating: _b, culledImages: _c, images, ...generation }) =>
        images.filter((image) => image.collections?.includes('Folds')).map((image) => ({ ...generation, image })));
    expect(perImage(await libraryFacts(studio.core))).toEqual(perImage(before));
    for (const g of (await call<SearchPage>(studio.core, 'library:search', { text: '', limit: 10 })).items) {
      for (const image of g.images) expect(createHash('sha256').update(readFileSync(path.join(other.path, image.file!))).digest('hex')).toBe(image.fileSha256);
    }
    await studio.restart();
  } finally {
    out.remove();
    empty.remove();
    other.remove();
  }
});

test('the export dialog writes JPEGs at the chosen quality and longest side', async ({ page, studio: _studio }) => {
  test.setTimeout(90_000);
  const out = tempDir('atelier-e2e-export-');
  try {
    await generate(page, FIRST, 1);
    const dialog = await openExport(page);
    await dialog.getByRole('radio', { name: 'A new folder inside' }).check();
    await dialog.getByLabel('Folder (full path)').fill(out.path);
    await dialog.getByLabel('Image format').selectOption('jpeg');
    await dialog.getByLabel('Quality (1–100)').fill('60');
    await dialog.getByLabel('Longest side in pixels (empty: full size)').fill('100');
    await dialog.getByRole('button', { name: 'Start export', exact: true }).click();
    await expect(dialog.getByRole('status')).toContainText('Exported 4 images to', { timeout: 20_000 });
    const [made] = readdirSync(out.path);
    const pictures = readdirSync(path.join(out.path, made!)).filter((name) => !name.startsWith('manifest.'));
    expect(pictures).toHaveLength(4);
    for (const name of pictures) {
      expect(name).toMatch(/\.jpg$/);
      const metadata = await sharp(path.join(out.path, made!, name)).metadata();
      expect([metadata.format, Math.max(metadata.width, metadata.height)]).toEqual(['jpeg', 100]);
    }
  } finally {
    out.remove();
  }
});

test('in the preview, the ZIP downloads through the browser and holds every image the manifest names', async ({ page, studio: _studio }) => {
  test.setTimeout(90_000);
  const out = tempDir('atelier-e2e-download-');
  try {
    await generate(page, FIRST, 1);
    const dialog = await openExport(page);
    await dialog.getByRole('radio', { name: 'A ZIP downloaded by this browser' }).check();
    await expect(dialog.getByLabel('ZIP file (full path)')).toHaveCount(0);
    const downloading = page.waitForEvent('download');
    await dialog.getByRole('button', { name: 'Start export', exact: true }).click();
    const download = await downloading;
    expect(download.suggestedFilename()).toMatch(/^Atelier export .+\.zip$/);
    const file = path.join(out.path, download.suggestedFilename());
    await download.saveAs(file);
    expect(await download.failure()).toBeNull();
    await expect(dialog.getByRole('status')).toHaveText('Sent 4 images to this browser’s downloads');
    execFileSync('python3', ['-m', 'zipfile', '-t', file]);
    const unpacked = path.join(out.path, 'unpacked');
    execFileSync('python3', ['-m', 'zipfile', '-e', file, unpacked]);
    const rows = readFileSync(path.join(unpacked, 'manifest.jsonl'), 'utf8').trim().split('\n').map((line) => JSON.parse(line) as { file: string; fileSha256: string });
    expect(rows).toHaveLength(4);
    for (const row of rows) expect(createHash('sha256').update(readFileSync(path.join(unpacked, row.file))).digest('hex')).toBe(row.fileSha256);
  } finally {
    out.remove();
  }
});

test('the export dialog refuses a path inside the library in words and writes nothing', async ({ page, studio }) => {
  test.setTimeout(60_000);
  await generate(page, FIRST, 1);
  const dialog = await openExport(page);
  await dialog.getByRole('radio', { name: 'A new folder inside' }).check();
  await dialog.getByLabel('Folder (full path)').fill(path.join(studio.dataDir, 'images'));
  await dialog.getByRole('button', { name: 'Start export', exact: true }).click();
  await expect(dialog.getByRole('alert')).toHaveText('An export cannot go inside the library folder: choose a folder outside it.');
  expect(readdirSync(path.join(studio.dataDir, 'images')).filter((name) => name.includes('Atelier export'))).toEqual([]);
});
