/**
 * Open formats through the real UI: import a folder of Midjourney-style downloads (made here with
 * their Description), import it again for no duplicates; simulated work marked, removed and
 * brought back; a backup restored from Settings; an import cut off by a clean quit, and one cut off
 * by killing the host process (SIGKILL), each goes on at the next start.
 */
import { randomUUID } from 'node:crypto';
import { existsSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import Database from 'better-sqlite3';
import sharp from 'sharp';
import { backupLibrary } from '../../electron/core/library/backup.ts';
import { libraryPath } from '../../electron/core/library/files.ts';
import { LOCK_FILE } from '../../electron/core/library/lock.ts';
import { writePngText } from '../../electron/core/media/png-metadata.ts';
import { tempDir } from '../support/temp-dir.ts';
import { expect, openStudio, prepareStudioPage, test } from './fixtures.ts';
import { generate, importFolder, screenshot, search, startImport, tileFor, tiles } from './studio.ts';

test('imports Midjourney downloads found by prompt and by a flag, and a second import adds nothing', async ({ page, studio: _studio }) => {
  test.setTimeout(90_000);
  const downloads = tempDir('atelier-e2e-downloads-');
  try {
    for (const [i, prompt] of ['a copper owl at dusk --ar 3:2 --s 420 --v 6.1', 'a glass whale in fog --chaos 15'].entries()) {
      const job = randomUUID();
      for (const index of [0, 1]) {
        const png = await sharp({ create: { width: 90, height: 60, channels: 3, background: { r: 40 * i + index * 90, g: 80, b: 120 } } }).png().toBuffer();
        writeFileSync(path.join(downloads.path, `artist_${job}_${index}.png`), writePngText(png, [{ keyword: 'Description', text: `${prompt} Job ID: ${job}` }]));
      }
    }
    const report = await importFolder(page, downloads.path);
    await expect(report.getByTestId('import-imported')).toHaveText('4 pictures');
    await expect(report.getByTestId('import-duplicates')).toHaveText('0 pictures');
    await screenshot(page, 'import-report');
    await report.getByRole('button', { name: 'Close' }).click();
    await expect(tiles(page)).toHaveCount(2);

    await search(page, 'owl');
    await expect(tiles(page)).toHaveCount(1);
    await expect(tileFor(page, 'a copper owl at dusk')).toBeVisible();
    await search(page, 'stylize:420');
    await expect(tiles(page)).toHaveCount(1);
    await search(page, 'chaos:15');
    await expect(tileFor(page, 'a glass whale in fog')).toBeVisible();
    await search(page, '');

    const again = await importFolder(page, downloads.path);
    await expect(again.getByTestId('import-imported')).toHaveText('0 pictures');
    await expect(again.getByTestId('import-duplicates')).toHaveText('4 pictures');
    await again.getByRole('button', { name: 'Close' }).click();
    await expect(tiles(page)).toHaveCount(2);
  } finally {
    downloads.remove();
  }
});

test('an import cut off by quitting goes on at the next start and its report opens', async ({ page, studio }) => {
  test.setTimeout(120_000);
  const downloads = tempDir('atelier-e2e-downloads-');
  try {
    // 400 files: the quit lands within the first few, seconds before the last could be in
    const files = 400;
    for (let i = 0; i < files; i += 1) {
      await sharp({ create: { width: 64, height: 64, channels: 3, background: { r: i % 256, g: Math.floor(i / 256), b: 60 } } }).png().toFile(path.join(downloads.path, `p${i}.png`));
    }
    const dialog = await startImport(page, downloads.path);
    await expect(dialog.getByRole('progressbar', { name: 'Import progress', exact: true })).toBeVisible();
    await expect(dialog.getByTestId('import-status')).toContainText(`of ${files} files`);
    await studio.restart();
    const report = page.getByRole('dialog', { name: 'Import report', exact: true });
    await expect(report).toBeVisible({ timeout: 60_000 });
    await expect(report.getByTestId('import-imported')).toHaveText(/pictures$/);
    await report.getByRole('button', { name: 'Close' }).click();
    await expect(page.getByText(`${files} generations`, { exact: true })).toBeVisible();
  } finally {
    downloads.remove();
  }
});

test('an import cut off by killing the host (SIGKILL) goes on in a new host: every picture in once', async ({ page, hostProcesses }) => {
  test.setTimeout(240_000);
  const downloads = tempDir('atelier-e2e-downloads-');
  const library = tempDir('atelier-e2e-');
  try {
    // 300 pictures, each its own Midjourney job with a word of its own ("w007"): the kill lands
    // at the first one in, and the rest take seconds more than a kill takes to land
    const files = 300;
    const word = (i: number) => `w${String(i).padStart(3, '0')}`;
    for (let i = 0; i < files; i += 1) {
      const png = await sharp({ create: { width: 96, height: 96, channels: 3, background: { r: i % 256, g: 40 + Math.floor(i / 256) * 90, b: 150 } } }).png().toBuffer();
      writeFileSync(path.join(downloads.path, `${word(i)}.png`), writePngText(png, [{ keyword: 'Description', text: `a paper lantern ${word(i)} --ar 1:1 Job ID: ${randomUUID()}` }]));
    }
    await prepareStudioPage(page);
    const first = await hostProcesses.start(library.path);
    await openStudio(page, first.url);
    const dialog = await startImport(page, downloads.path);
    await expect(dialog.getByRole('progressbar', { name: 'Import progress', exact: true })).toBeVisible();
    await expect(dialog.getByTestId('import-status')).toContainText(new RegExp(`of ${files} files · [1-9][\\d,]* imported`));
    await first.kill();

    // a real crash: the lock was not given back, and the library holds part of the folder
    expect(existsSync(path.join(library.path, LOCK_FILE))).toBe(true);
    const cutAt = generationsIn(library.path);
    expect(cutAt).toBeGreaterThan(0);
    expect(cutAt).toBeLessThan(files);
    test.info().annotations.push({ type: 'killed at', description: `${cutAt} of ${files} pictures in the library` });

    const second = await hostProcesses.start(library.path);
    await openStudio(page, second.url);
    // nothing to click: the import goes on by itself, and its report opens when it is done
    const report = page.getByRole('dialog', { name: 'Import report', exact: true });
    await expect(report).toBeVisible({ timeout: 180_000 });
    await expect(report).toContainText(downloads.path);
    await expect(report.getByTestId('import-imported')).toHaveText(`${files} pictures`);
    await expect(report.getByTestId('import-duplicates')).toHaveText('0 pictures');
    await expect(report.getByTestId('import-unreadable')).toHaveText('0 files');
    await screenshot(page, 'import-after-kill');
    await report.getByRole('button', { name: 'Close' }).click();

    await search(page, 'lantern');
    await expect(page.getByText(`${files} generations`, { exact: true })).toBeVisible();
    // the pictures in before the kill, the ones in flight around it, and the last: each exactly once
    for (const i of new Set([0, cutAt - 1, cutAt, cutAt + 1, files - 1])) {
      await search(page, word(i));
      await expect(page.getByText('1 generation', { exact: true })).toBeVisible();
      await expect(tiles(page)).toHaveCount(1);
      await expect(tileFor(page, `a paper lantern ${word(i)}`)).toBeVisible();
    }
  } finally {
    // a host still running has the library open: gone first, then its folder
    await hostProcesses.killAll();
    downloads.remove();
    library.remove();
  }
});

/** Generations in a library a killed host left behind, read without writing (its write-ahead log included). */
function generationsIn(dataDir: string): number {
  const connection = new Database(libraryPath(dataDir), { readonly: true, fileMustExist: true });
  try {
    return (connection.prepare('SELECT count(*) AS n FROM generations').get() as { n: number }).n;
  } finally {
    connection.close();
  }
}

test('simulated generations carry their badge, are removed in one step, and come back with undo', async ({ page, studio: _studio }) => {
  test.setTimeout(60_000);
  await generate(page, 'a simulated lighthouse', 1);
  await expect(tiles(page).first().getByTitle('Simulated generation')).toBeVisible();
  await page.getByRole('button', { name: 'Simulated', exact: true }).click();
  await expect(page.getByRole('searchbox')).toHaveValue('is:simulated');
  await expect(tiles(page)).toHaveCount(1);
  await screenshot(page, 'simulated-tile');
  await tiles(page).first().click();
  await expect(page.getByRole('dialog', { name: 'Generation details' }).getByText('Simulated generation', { exact: true })).toBeVisible();
  await page.keyboard.press('Escape');

  await page.getByRole('button', { name: 'Settings' }).click();
  await page.getByRole('button', { name: 'Remove simulated generations…', exact: true }).click();
  await page.getByRole('alertdialog').getByRole('button', { name: 'Remove simulated generations' }).click();
  await expect(tiles(page)).toHaveCount(0);
  await page.getByRole('button', { name: 'Undo' }).click();
  await expect(tiles(page)).toHaveCount(1);
});

test('the balance a simulated 402 reported leaves the Settings once a Kinovi key is saved', async ({ page, studio }) => {
  test.setTimeout(60_000);
  studio.sandbox!.faults.add({ endpoint: 'createTask', kind: 'status', status: 402, body: { message: 'Insufficient credits', required: 12, available: 3 }, times: 1 });
  await page.getByLabel('Prompt', { exact: true }).fill('a poor simulated painter');
  await page.getByRole('button', { name: 'Generate', exact: true }).click();
  await page.getByRole('button', { name: 'Settings' }).click();
  const settings = page.getByRole('dialog', { name: 'Settings' });
  const balance = settings.getByRole('region', { name: 'Credits' }).getByText(/credits \(|Not reported yet/);
  await expect(balance).toContainText('3 credits');
  await settings.getByLabel('API key', { exact: true }).fill('kv-test-0123456789abcdef');
  await settings.getByRole('button', { name: 'Save key' }).click();
  await expect(page.getByTestId('run-provider')).toHaveText('Kinovi');
  await expect(balance).toHaveText('Not reported yet');
});

test('restores a backup from Settings, keeping the library as it was as a backup', async ({ page, studio }) => {
  test.setTimeout(90_000);
  await generate(page, 'kept by the backup', 1);
  const connection = new Database(libraryPath(studio.dataDir));
  try {
    await backupLibrary(connection, studio.dataDir);
  } finally {
    connection.close();
  }
  await generate(page, 'made after the backup', 2);
  await page.getByRole('button', { name: 'Settings' }).click();
  const table = page.getByRole('table', { name: 'Backups' });
  await expect(table.getByRole('row')).toHaveCount(2);
  await expect(table.getByRole('row').nth(1)).toContainText('Yes');
  await table.getByRole('button', { name: 'Restore' }).click();
  await page.getByRole('alertdialog').getByRole('button', { name: 'Restore' }).click();
  await expect(table.getByRole('row')).toHaveCount(3, { timeout: 20_000 });
  await expect(table).toContainText('before a restore');
  await screenshot(page, 'backups-table');
  await page.keyboard.press('Escape');
  await expect(tiles(page)).toHaveCount(1);
  await expect(tileFor(page, 'kept by the backup')).toBeVisible();
});
