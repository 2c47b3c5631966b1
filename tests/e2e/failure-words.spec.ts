import type { Page } from '@playwright/test';
import type { Studio } from './fixtures.ts';
import { expect, test } from './fixtures.ts';
import { feedTile, openQueue, screenshot, tileFor, tiles } from './studio.ts';

async function generate(page: Page, prompt: string): Promise<void> {
  await page.getByLabel('Prompt', { exact: true }).fill(prompt);
  await page.getByRole('button', { name: 'Generate', exact: true }).click();
}

function sandboxOf(studio: Studio) {
  const sandbox = studio.sandbox;
  if (!sandbox) throw new Error('these tests need the built-in Sandbox');
  return sandbox;
}

const banner = (page: Page) => page.getByRole('alert').filter({ hasText: 'Queue paused' });

test('402: the queue pauses and says the credits ran out; Resume sends it once topped up', async ({ page, studio }) => {
  const sandbox = sandboxOf(studio);
  sandbox.faults.add({ endpoint: 'createTask', kind: 'status', status: 402 });
  await generate(page, 'a costly cathedral');
  await expect(banner(page)).toContainText('Not enough Kinovi credits: this run needs 12 credits and the account has 0');
  await expect(feedTile(page, 'a costly cathedral').getByTestId('feed-state')).toHaveText('Queued');
  // A pause opens the Queue popover by itself: it lies over the gallery, and says what to do.
  const queue = page.getByRole('dialog', { name: 'Queue' });
  await expect(queue).toBeVisible();
  await screenshot(page, 'queue-paused');
  // Ctrl/Cmd+J folds it away; the run keeps its tile, and the button opens it again.
  await page.keyboard.press('Control+j');
  await expect(queue).toHaveCount(0);
  await expect(feedTile(page, 'a costly cathedral')).toBeVisible();
  await page.getByRole('button', { name: 'Queue', exact: true }).click();
  await expect(banner(page)).toBeVisible();

  sandbox.faults.clear();
  await banner(page).getByRole('button', { name: 'Resume' }).click();
  await expect(banner(page)).toHaveCount(0);
  await expect(tileFor(page, 'a costly cathedral')).toBeVisible({ timeout: 20_000 });
});

test('401: the queue pauses, says the key was refused and points to Settings', async ({ page, studio }) => {
  const sandbox = sandboxOf(studio);
  sandbox.faults.add({ endpoint: 'createTask', kind: 'status', status: 401 });
  await generate(page, 'a locked garden');
  await expect(banner(page)).toContainText('Kinovi did not accept the API key');
  await banner(page).getByRole('button', { name: 'Settings' }).click();
  await expect(page.getByRole('dialog', { name: 'Settings' }).getByLabel('API key', { exact: true })).toBeVisible();
  await page.keyboard.press('Escape');

  sandbox.faults.clear();
  await banner(page).getByRole('button', { name: 'Resume' }).click();
  await expect(tileFor(page, 'a locked garden')).toBeVisible({ timeout: 20_000 });
});

test('429: a busy account makes the run wait its turn, then it goes through', async ({ page, studio }) => {
  const sandbox = sandboxOf(studio);
  sandbox.faults.add({ endpoint: 'createTask', kind: 'status', status: 429, times: 1 });
  await generate(page, 'a crowded market');
  await expect((await openQueue(page)).getByTestId('queue-summary')).toContainText('up to 3 at once');
  await expect(tileFor(page, 'a crowded market')).toBeVisible({ timeout: 20_000 });
  await expect(banner(page)).toHaveCount(0);
  expect(sandbox.stats.createTaskCalls).toBe(2);
  expect(sandbox.stats.tasksCreated).toBe(1);
});

test('500 and failed runs: a server error is retried quietly; a failed run says why, Retry runs it again, Dismiss leaves it', async ({ page, studio }) => {
  const sandbox = sandboxOf(studio);
  sandbox.faults.add({ endpoint: 'createTask', kind: 'status', status: 500, times: 1 });
  await generate(page, 'a calm lake');
  await expect(tileFor(page, 'a calm lake')).toBeVisible({ timeout: 20_000 });

  sandbox.faults.add({ endpoint: 'createTask', kind: 'taskFails', code: '500', message: 'The render node crashed', promptContains: 'doomed' });
  await generate(page, 'a doomed castle');
  const failed = feedTile(page, 'a doomed castle');
  await expect(failed.getByTestId('feed-state')).toHaveText('Failed', { timeout: 20_000 });
  await expect(failed).toContainText('The render node crashed');
  await screenshot(page, 'failed');

  sandbox.faults.clear();
  await failed.getByRole('button', { name: 'Retry' }).click();
  await expect(tileFor(page, 'a doomed castle')).toBeVisible({ timeout: 20_000 });
  await expect(page.getByTestId('feed-tile')).toHaveCount(0);

  sandbox.faults.add({ endpoint: 'createTask', kind: 'taskFails', code: '500', message: 'The render node crashed', promptContains: 'doomed' });
  await generate(page, 'another doomed tower');
  const second = feedTile(page, 'another doomed tower');
  await expect(second.getByTestId('feed-state')).toHaveText('Failed', { timeout: 20_000 });
  await second.getByRole('button', { name: 'Dismiss' }).click();
  await expect(second).toHaveCount(0);
  await expect(tiles(page)).toHaveCount(2);
});

test('outcome unknown: explained in plain words, with Retry (send again) and Dismiss (leave it)', async ({ page, studio }) => {
  const sandbox = sandboxOf(studio);
  sandbox.faults.add({ endpoint: 'createTask', kind: 'reset', when: 'after', times: 1 });
  await generate(page, 'an uncertain harbor');
  const unknown = feedTile(page, 'an uncertain harbor');
  await expect(unknown.getByTestId('feed-state')).toHaveText('Outcome unknown', { timeout: 20_000 });
  await expect(unknown).toContainText('Atelier sent this but never heard back; it may have been charged');
  await expect(unknown.getByRole('button', { name: 'Retry' })).toBeVisible();
  await expect(unknown.getByRole('button', { name: 'Dismiss' })).toBeVisible();
  await screenshot(page, 'outcome-unknown');
  await unknown.getByRole('button', { name: 'Retry' }).click();
  await expect(tileFor(page, 'an uncertain harbor')).toBeVisible({ timeout: 20_000 });

  sandbox.faults.add({ endpoint: 'createTask', kind: 'reset', when: 'after', times: 1 });
  await generate(page, 'a second uncertain pier');
  const again = feedTile(page, 'a second uncertain pier');
  await expect(again.getByTestId('feed-state')).toHaveText('Outcome unknown', { timeout: 20_000 });
  await again.getByRole('button', { name: 'Dismiss' }).click();
  await expect(again).toHaveCount(0);
  await expect(tileFor(page, 'a second uncertain pier')).toHaveCount(0);
});

test('a queued run can be cancelled before it is sent', async ({ page, studio }) => {
  const sandbox = sandboxOf(studio);
  sandbox.faults.add({ endpoint: 'createTask', kind: 'status', status: 402 });
  await generate(page, 'a run I change my mind about');
  const item = feedTile(page, 'a run I change my mind about');
  await expect(banner(page)).toBeVisible();
  await item.getByRole('button', { name: 'Cancel' }).click();
  await expect(item).toHaveCount(0);
});
