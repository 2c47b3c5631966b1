import type { Page } from '@playwright/test';
import { expect, test } from './fixtures.ts';
import { detail, tiles } from './studio.ts';

const prompt = (page: Page) => page.getByLabel('Prompt', { exact: true });
const aspect = (page: Page) => page.getByRole('group', { name: /Aspect ratio/ });
const summary = (page: Page) => page.getByTestId('settings-summary');

test('a flag in the prompt lights its control, marked "from prompt"', async ({ page, studio: _studio }) => {
  await prompt(page).fill('a fox in the snow --ar 16:9 --s 600 --v 8');
  await expect(aspect(page).getByRole('radio', { name: '16:9' })).toBeChecked();
  await expect(aspect(page).getByRole('radio', { name: '1:1' })).not.toBeChecked();
  await expect(aspect(page)).toContainText('from prompt');
  await expect(page.getByLabel('Stylize', { exact: true })).toHaveValue('600');
  await expect(page.getByRole('group', { name: /Model/ }).getByRole('radio', { name: 'v8' })).toBeChecked();

  // the flag gone, the control is the artist's again
  await prompt(page).fill('a fox in the snow');
  await expect(aspect(page).getByRole('radio', { name: '1:1' })).toBeChecked();
  await expect(aspect(page)).not.toContainText('from prompt');
  await expect(page.getByLabel('Stylize', { exact: true })).toHaveValue('');
});

test('non-default settings are summarised next to Generate, and Reset to defaults clears them', async ({ page, studio: _studio }) => {
  await expect(summary(page)).toHaveCount(0);
  await prompt(page).fill('a fox in the snow --s 600');
  await page.getByRole('switch', { name: /Raw style/ }).check();
  await page.getByLabel('Negative prompt', { exact: true }).fill('text, watermark');
  await expect(summary(page)).toHaveText('raw · no: text, watermark · s 600');

  await page.getByRole('button', { name: 'Reset to defaults' }).click();
  await expect(page.getByRole('switch', { name: /Raw style/ })).not.toBeChecked();
  await expect(page.getByLabel('Negative prompt', { exact: true })).toHaveValue('');
  await expect(prompt(page)).toHaveValue('a fox in the snow --s 600');
  // what the prompt itself sets stays summarised: it will be sent
  await expect(summary(page)).toHaveText('s 600');
});

test('the seed lock and the seed field never disagree', async ({ page, studio: _studio }) => {
  const seed = page.getByLabel('Seed', { exact: true });
  const lock = page.getByRole('button', { name: 'Keep this seed' });
  await expect(lock).toBeDisabled();
  await expect(lock).toHaveAttribute('aria-pressed', 'false');
  await seed.fill('42');
  await lock.click();
  await expect(lock).toHaveAttribute('aria-pressed', 'true');
  await seed.fill('');
  await expect(lock).toHaveAttribute('aria-pressed', 'false');
  await expect(lock).toBeDisabled();

  await prompt(page).fill('a fox --seed 77');
  await expect(seed).toHaveValue('77');
  await expect(lock).toHaveAttribute('aria-pressed', 'true');
});

test('Generate with an invalid field moves focus to it', async ({ page, studio: _studio }) => {
  await prompt(page).fill('a fox in the snow');
  await page.getByLabel('Chaos', { exact: true }).fill('500');
  await prompt(page).focus();
  await page.getByRole('button', { name: 'Generate', exact: true }).click();
  await expect(page.getByLabel('Chaos', { exact: true })).toBeFocused();
  await expect(page.getByText('Chaos must be a whole number from 0 to 100')).toBeVisible();
});

test('"Editing a rerun of #1" stays in view while the settings are edited', async ({ page, studio: _studio }) => {
  test.setTimeout(90_000);
  await prompt(page).fill('a heron at the river');
  await page.getByRole('button', { name: 'Generate', exact: true }).click();
  await expect(tiles(page)).toHaveCount(1, { timeout: 30_000 });
  await tiles(page).first().click();
  await detail(page).getByRole('button', { name: 'Edit & rerun' }).click();
  const banner = page.getByText('Editing a rerun of #1');
  await expect(banner).toBeInViewport();
  await page.setViewportSize({ width: 1440, height: 560 });
  // the fields scrolled to their end, as when editing the last of them
  const fields = page.locator('.generate-scroll');
  await fields.evaluate((element) => element.scrollTo({ top: element.scrollHeight }));
  await expect.poll(() => fields.evaluate((element) => element.scrollTop)).toBeGreaterThan(0);
  await expect(banner).toBeInViewport();
});
