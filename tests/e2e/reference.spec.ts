import type { Page } from '@playwright/test';
import { expect, test } from './fixtures.ts';
import { detail, fillDraft, tileFor, tiles } from './studio.ts';
import type { Generation } from '../../shared/generation.ts';
import type { Studio } from './fixtures.ts';

const PROMPT = 'a paper lantern over still water';

const referenceField = (page: Page) => page.getByLabel('Reference image URL');

/** Runs one generation to the end and answers it as the library holds it. */
async function finishedRun(page: Page, studio: Studio, prompt = PROMPT): Promise<Generation> {
  await fillDraft(page, { prompt });
  await page.getByRole('button', { name: 'Generate', exact: true }).click();
  await expect(tiles(page)).toHaveCount(1, { timeout: 20_000 });
  await expect(tileFor(page, prompt).locator('img')).toHaveCount(4, { timeout: 20_000 });
  const result = await studio.core.dispatch('library:search', { text: prompt });
  const page1 = (result as { ok: true; value: { items: Generation[] } }).value;
  const generation = page1.items[0];
  if (!generation) throw new Error('the run is not in the library');
  return generation;
}

async function useShownImage(page: Page, prompt = PROMPT): Promise<void> {
  await tileFor(page, prompt).click();
  await detail(page).getByRole('button', { name: 'Use as reference' }).click();
  await expect(detail(page)).toHaveCount(0);
}

test('Use as reference keeps a Kinovi address that is still alive', async ({ page, studio }) => {
  const generation = await finishedRun(page, studio);
  await useShownImage(page);
  await expect(referenceField(page)).toHaveValue(generation.images[0]?.remoteUrl ?? 'missing');
  await expect(page.getByTestId('reference-expiry')).toHaveText('The image’s Kinovi address, checked just now');
  expect(studio.sandbox?.stats.uploadCalls).toBe(0);
});

test('Use as reference uploads the saved file when the Kinovi address has expired, shows its expiry, and notices when the upload expires', async ({ page, studio }) => {
  const generation = await finishedRun(page, studio);
  studio.sandbox?.faults.add({ endpoint: 'image', kind: 'expired' });
  await useShownImage(page);
  await expect(referenceField(page)).toHaveValue(/\/uploads\/upl_[0-9a-f]+\/reference-\d+-0\.png$/);
  expect(await referenceField(page).inputValue()).not.toBe(generation.images[0]?.remoteUrl);
  await expect(page.getByTestId('reference-expiry')).toHaveText('Uploaded · expires in 23 h');
  await expect(page.getByRole('img', { name: 'Reference image preview' })).toHaveJSProperty('complete', true);
  expect(studio.sandbox?.stats).toMatchObject({ uploadCalls: 1, uploadPuts: 1, uploadPutsWithKey: 0 });

  // A day later the upload is gone: Generate says so instead of sending a run without its reference.
  await page.clock.setFixedTime(Date.now() + 25 * 60 * 60_000);
  const created = studio.sandbox?.stats.tasksCreated;
  await page.getByLabel('Prompt', { exact: true }).fill('after the lantern');
  await page.getByRole('button', { name: 'Generate', exact: true }).click();
  await expect(page.getByRole('alert').filter({ hasText: 'The uploaded reference image has expired' })).toBeVisible();
  await expect(referenceField(page)).toBeFocused();
  expect(studio.sandbox?.stats.tasksCreated).toBe(created);
});

test('an upload under way shows its progress beside the field', async ({ page, studio }) => {
  await finishedRun(page, studio);
  studio.sandbox?.faults.add({ endpoint: 'image', kind: 'expired' });
  // The upload address never answers: the upload stays under way for as long as the test looks.
  studio.sandbox?.faults.add({ endpoint: 'uploadPut', kind: 'hang' });
  await useShownImage(page);
  const status = page.getByRole('status', { name: 'Reference progress' });
  await expect(status).toContainText('Uploading');
  await expect(status.getByRole('progressbar', { name: 'Uploading' })).toBeVisible();
  await expect(referenceField(page)).toHaveValue('');
});

test('dragging a gallery image onto the reference field fills it', async ({ page, studio }) => {
  const generation = await finishedRun(page, studio);
  await tileFor(page, PROMPT).dragTo(page.getByTestId('reference-drop'));
  await expect(referenceField(page)).toHaveValue(generation.images[0]?.remoteUrl ?? 'missing');
});

test('an image file dropped from the desktop is uploaded and sent as the reference', async ({ page, studio }) => {
  // A real PNG built in the page, carried by a DataTransfer as a drop from outside the window would.
  const drop = await page.evaluateHandle(async () => {
    const canvas = new OffscreenCanvas(64, 48);
    const context = canvas.getContext('2d');
    if (context) {
      context.fillStyle = '#3a7bd5';
      context.fillRect(0, 0, 64, 48);
    }
    const blob = await canvas.convertToBlob({ type: 'image/png' });
    const transfer = new DataTransfer();
    transfer.items.add(new File([blob], 'lantern sketch.png', { type: 'image/png' }));
    return transfer;
  });
  const zone = page.getByTestId('reference-drop');
  await zone.dispatchEvent('dragover', { dataTransfer: drop });
  await zone.dispatchEvent('drop', { dataTransfer: drop });
  await expect(referenceField(page)).toHaveValue(/\/uploads\/upl_[0-9a-f]+\/reference\.png$/);
  await expect(page.getByTestId('reference-expiry')).toHaveText('Uploaded · expires in 23 h');

  // Generate sends it: the run records the uploaded URL as its reference.
  const url = await referenceField(page).inputValue();
  await fillDraft(page, { prompt: 'lantern from a sketch' });
  await page.getByRole('button', { name: 'Generate', exact: true }).click();
  await expect(tiles(page)).toHaveCount(1, { timeout: 20_000 });
  const result = await studio.core.dispatch('library:search', { text: 'lantern from a sketch' });
  const made = (result as { ok: true; value: { items: Generation[] } }).value.items[0];
  expect(made?.params.referenceImageUrl).toBe(url);
});

test('a file that is not an image is refused in words, and nothing is uploaded', async ({ page, studio }) => {
  const drop = await page.evaluateHandle(() => {
    const transfer = new DataTransfer();
    transfer.items.add(new File(['just some notes'], 'notes.txt', { type: 'text/plain' }));
    return transfer;
  });
  await page.getByTestId('reference-drop').dispatchEvent('drop', { dataTransfer: drop });
  await expect(page.locator('#reference-image-error')).toHaveText('“notes.txt” is not a PNG, JPEG or WebP image, so it cannot be a reference.');
  await expect(referenceField(page)).toHaveValue('');
  expect(studio.sandbox?.stats.uploadCalls).toBe(0);
});
