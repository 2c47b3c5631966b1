import type { Page } from '@playwright/test';
import { expect, test } from './fixtures.ts';
import { detail, screenshot, tileFor, tiles } from './studio.ts';

async function generate(page: Page, prompt: string): Promise<void> {
  await page.getByLabel('Prompt', { exact: true }).fill(prompt);
  await page.getByRole('button', { name: 'Generate', exact: true }).click();
}

test('keyboard: shortcuts listed, / searches, arrows and Enter open, F favorites, R reruns; typing is left alone', async ({ page, studio: _studio }) => {
  await generate(page, 'first fern in morning light');
  await expect(tiles(page)).toHaveCount(1, { timeout: 20_000 });
  await generate(page, 'second fern under rain');
  await expect(tiles(page)).toHaveCount(2, { timeout: 20_000 });

  await page.locator('body').click({ position: { x: 700, y: 880 } });
  await page.keyboard.press('?');
  const help = page.getByRole('dialog', { name: 'Keyboard shortcuts' });
  await expect(help).toContainText('Favorite / unfavorite');
  await screenshot(page, 'shortcuts');
  await page.keyboard.press('Escape');
  await expect(help).toHaveCount(0);

  await page.keyboard.press('/');
  await expect(page.getByLabel('Search', { exact: true })).toBeFocused();
  await page.keyboard.type('f');
  await expect(page.getByLabel('Search', { exact: true })).toHaveValue('f');
  await page.keyboard.press('Escape');
  await expect(page.getByLabel('Search', { exact: true })).toHaveValue('');

  // Typing F and R into the prompt writes letters; nothing is favorited or rerun.
  await page.getByLabel('Prompt', { exact: true }).fill('');
  await page.getByLabel('Prompt', { exact: true }).pressSequentially('fr ');
  await expect(page.getByLabel('Prompt', { exact: true })).toHaveValue('fr ');
  await expect(page.locator('.tile-favorite')).toHaveCount(0);
  await expect(page.getByTestId('feed-tile')).toHaveCount(0);

  await tiles(page).first().focus();
  await page.keyboard.press('ArrowRight');
  const older = tileFor(page, 'first fern in morning light');
  await expect(older).toHaveAttribute('aria-current', 'true');
  await expect(older).toBeFocused();

  await page.getByRole('button', { name: 'Use seed of selected' }).click();
  const seed = await page.getByLabel('Seed', { exact: true }).inputValue();
  expect(seed).toMatch(/^\d+$/);

  await older.focus();
  await page.keyboard.press('Enter');
  await expect(detail(page).getByTestId('detail-prompt')).toHaveText('first fern in morning light');
  await expect(detail(page).getByTestId('param-seed')).toHaveText(seed);
  await page.keyboard.press('f');
  await expect(detail(page).getByRole('button', { name: 'Favorite image' })).toHaveAttribute('aria-pressed', 'true');
  await page.keyboard.press('ArrowUp');
  await expect(detail(page).getByTestId('detail-prompt')).toHaveText('second fern under rain');
  await page.keyboard.press('Escape');
  await expect(detail(page)).toHaveCount(0);
  await expect(older.locator('.tile-favorite')).toHaveCount(1);

  await page.keyboard.press('r');
  await expect(page.getByTestId('toast').filter({ hasText: 'Rerun queued with the same seed' })).toBeVisible();
  // the rerun stacks onto the run it repeats ("Stack reruns" is on by default): still two tiles, one of them two runs
  await expect(page.getByTestId('tile-stack')).toHaveText('2 reruns', { timeout: 20_000 });
  await expect(tiles(page)).toHaveCount(2);
});

test('detail actions: copy as a Midjourney prompt, and "Rerun with new seed" gives a new seed', async ({ page, context, studio: _studio }) => {
  await context.grantPermissions(['clipboard-read', 'clipboard-write']);
  await page.getByLabel('Prompt', { exact: true }).fill('a paper crane');
  await page.getByRole('group', { name: 'Aspect ratio' }).getByText('2:3', { exact: true }).click();
  await page.getByLabel('Seed', { exact: true }).fill('7');
  await page.getByLabel('Negative prompt', { exact: true }).fill('blur');
  await page.getByRole('button', { name: 'Generate', exact: true }).click();
  await expect(tiles(page)).toHaveCount(1, { timeout: 20_000 });

  await tiles(page).first().click();
  await detail(page).getByRole('button', { name: 'Copy as Midjourney prompt' }).click();
  await expect(page.getByTestId('toast').filter({ hasText: 'Midjourney prompt copied' })).toBeVisible();
  expect(await page.evaluate(() => navigator.clipboard.readText())).toBe('a paper crane --v 7 --ar 2:3 --seed 7 --no blur');
  await detail(page).getByRole('button', { name: 'Copy prompt' }).click();
  expect(await page.evaluate(() => navigator.clipboard.readText())).toBe('a paper crane');

  await detail(page).getByRole('button', { name: 'Rerun with new seed' }).click();
  await expect(page.getByTestId('toast').filter({ hasText: 'Rerun queued with a new seed' })).toBeVisible();
  await page.keyboard.press('Escape');
  await expect(tiles(page)).toHaveCount(2, { timeout: 20_000 });
  await tiles(page).first().click();
  await expect(detail(page).getByTestId('param-aspect-ratio')).toHaveText('2:3');
  await expect(detail(page).getByTestId('param-seed')).not.toHaveText('7');
});

test('settings: the API key is write-only; saving one switches to Kinovi, "Remove key" goes back to the Sandbox', async ({ page, studio: _studio }) => {
  await page.getByRole('button', { name: 'Settings' }).click();
  const settings = page.getByRole('dialog', { name: 'Settings' });
  await expect(settings.getByTestId('api-key-state')).toContainText('No key stored');

  await settings.getByLabel('API key', { exact: true }).fill('short');
  await settings.getByRole('button', { name: 'Save key' }).click();
  await expect(settings.getByText('That does not look like an API key.')).toBeVisible();

  await settings.getByLabel('API key', { exact: true }).fill('kv-test-0123456789abcdef');
  await settings.getByRole('button', { name: 'Save key' }).click();
  await expect(settings.getByTestId('api-key-state')).toContainText('A key is stored');
  await expect(settings.getByLabel('Replace API key', { exact: true })).toHaveValue('');
  await expect(page.getByTestId('run-provider')).toHaveText('Kinovi');

  await settings.getByRole('button', { name: 'Remove key' }).click();
  await expect(settings.getByTestId('api-key-state')).toContainText('No key stored');
  await expect(page.getByTestId('run-provider')).toHaveText('Sandbox');

  await settings.getByLabel('Runs at once', { exact: true }).fill('0');
  await settings.getByRole('button', { name: 'Save runs at once' }).click();
  await expect(settings.getByText('At least 1.')).toBeVisible();
  await settings.getByLabel('Runs at once', { exact: true }).fill('2');
  await settings.getByRole('button', { name: 'Save runs at once' }).click();
  await expect(page.getByTestId('toast').filter({ hasText: 'Settings saved' })).toBeVisible();
  await expect(settings.getByLabel('Runs at once', { exact: true })).toHaveValue('2');
  await expect(settings.getByText('At least 1.')).toHaveCount(0);
});
