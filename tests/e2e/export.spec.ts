import { execFileSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import type { Page } from '@playwright/test';
import { tempDir } from '../support/temp-dir.ts';
import { expect, test } from './fixtures.ts';
import { tileFor, tiles } from './studio.ts';

const FIRST = 'a paper boat on a still canal';
const SECOND = 'a paper crane over rooftops';

async function generate(page: Page, prompt: string, expected: number): Promise<void> {
  await page.getByLabel('Prompt', { exact: true }).fill(prompt);
  await page.getByRole('button', { name: 'Generate', exact: true }).click();
  await expect(tiles(page)).toHaveCount(expected, { timeout: 20_000 });
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

test('the export dialog refuses a path inside the library in words and writes nothing', async ({ page, studio }) => {
  test.setTimeout(60_000);
  await generate(page, FIRST, 1);
  await page.getByRole('button', { name: 'Settings' }).click();
  await page.getByRole('button', { name: 'Export…', exact: true }).click();
  const dialog = page.getByRole('dialog', { name: 'Export', exact: true });
  await dialog.getByRole('radio', { name: 'A new folder inside' }).check();
  await dialog.getByLabel('Folder (full path)').fill(path.join(studio.dataDir, 'images'));
  await dialog.getByRole('button', { name: 'Start export', exact: true }).click();
  await expect(dialog.getByRole('alert')).toHaveText('An export cannot go inside the library folder: choose a folder outside it.');
  expect(readdirSync(path.join(studio.dataDir, 'images')).filter((name) => name.includes('Atelier export'))).toEqual([]);
  await dialog.screenshot({ path: '/tmp/export-dialog.png' });
});
