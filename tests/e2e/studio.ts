/** Steps of the artist's loop, shared by the end-to-end specs: what a person would click and read. */
import path from 'node:path';
import { expect, type Locator, type Page } from '@playwright/test';

const screenshots = path.resolve(import.meta.dirname, '../../test-results/screenshots');

/** Saves a screenshot of the whole window for people to look at (not compared). */
export async function screenshot(page: Page, name: string): Promise<void> {
  // Entrance animations are run to their end, so the picture shows the resting screen (no sleep).
  await page.screenshot({ path: path.join(screenshots, `${name}.png`), animations: 'disabled' });
}

export interface RunSettings {
  prompt: string;
  aspectRatio?: string;
  stylize?: string;
  chaos?: string;
  seed?: string;
  raw?: boolean;
  negativePrompt?: string;
  model?: 'v7' | 'v8' | 'Niji';
}

export async function fillDraft(page: Page, settings: RunSettings): Promise<void> {
  await page.getByLabel('Prompt', { exact: true }).fill(settings.prompt);
  if (settings.model) await page.getByRole('group', { name: 'Model' }).getByText(settings.model, { exact: true }).click();
  if (settings.aspectRatio) await page.getByRole('group', { name: 'Aspect ratio' }).getByText(settings.aspectRatio, { exact: true }).click();
  if (settings.stylize !== undefined) await page.getByLabel('Stylize', { exact: true }).fill(settings.stylize);
  if (settings.chaos !== undefined) await page.getByLabel('Chaos', { exact: true }).fill(settings.chaos);
  if (settings.seed !== undefined) await page.getByLabel('Seed', { exact: true }).fill(settings.seed);
  if (settings.raw) await page.getByRole('switch', { name: 'Raw style' }).check();
  if (settings.negativePrompt !== undefined) await page.getByLabel('Negative prompt', { exact: true }).fill(settings.negativePrompt);
}

/** A run's tile in the feed while it is not in the library yet (queued, running, failed, outcome unknown). */
export function feedTile(page: Page, promptText: string): Locator {
  return page.getByTestId('feed-tile').filter({ hasText: promptText });
}

/** Opens the Queue popover (counts, pauses) if it is closed. */
export async function openQueue(page: Page): Promise<Locator> {
  const button = page.getByRole('button', { name: 'Queue', exact: true });
  if ((await button.getAttribute('aria-expanded')) !== 'true') await button.click();
  return page.getByRole('dialog', { name: 'Queue' });
}

export function tiles(page: Page): Locator {
  return page.getByTestId('gallery-tile');
}

export function tileFor(page: Page, promptText: string): Locator {
  return page.locator(`[data-testid="gallery-tile"][aria-label*="${promptText.replaceAll('"', '\\"')}"]`);
}

/** Every <img> inside has loaded real pixels (thumbnails served from the library). */
export async function expectImagesLoaded(scope: Locator, count: number): Promise<void> {
  await expect
    .poll(
      () =>
        // Typed structurally: this file compiles without the DOM library.
        scope.locator('img').evaluateAll((images) => (images as unknown as { complete: boolean; naturalWidth: number }[]).filter((img) => img.complete && img.naturalWidth > 0).length),
      { timeout: 15_000 },
    )
    .toBe(count);
}

export function detail(page: Page): Locator {
  return page.getByRole('dialog', { name: 'Generation details' });
}

/** The SHA-256 prefixes the detail view shows for the four files. */
export async function shownHashes(page: Page): Promise<string[]> {
  const hashes = detail(page).getByTestId('image-sha');
  await expect(hashes).toHaveCount(4);
  await expect(hashes.filter({ hasText: 'SHA-256' })).toHaveCount(4);
  return hashes.allTextContents();
}

export async function search(page: Page, text: string): Promise<void> {
  await page.getByLabel('Search', { exact: true }).fill(text);
}

/** Starts importing a folder (or a ZIP) through Settings → Import…; returns the Import dialog. */
export async function startImport(page: Page, folder: string): Promise<Locator> {
  await page.getByRole('button', { name: 'Settings' }).click();
  await page.getByRole('button', { name: 'Import…', exact: true }).click();
  const dialog = page.getByRole('dialog', { name: 'Import', exact: true });
  await dialog.getByLabel('Folder (full path)').fill(folder);
  await dialog.getByRole('button', { name: 'Start import', exact: true }).click();
  return dialog;
}

/** Imports a folder (or a ZIP) and returns the report dialog once shown; `timeout` is how long the import may take. */
export async function importFolder(page: Page, folder: string, timeout = 20_000): Promise<Locator> {
  await startImport(page, folder);
  const report = page.getByRole('dialog', { name: 'Import report', exact: true });
  await expect(report).toBeVisible({ timeout });
  return report;
}

/** Generates `prompt` and waits until the gallery shows `expected` tiles. */
export async function generate(page: Page, prompt: string, expected: number): Promise<void> {
  await page.getByLabel('Prompt', { exact: true }).fill(prompt);
  await page.getByRole('button', { name: 'Generate', exact: true }).click();
  await expect(tiles(page)).toHaveCount(expected, { timeout: 20_000 });
}
