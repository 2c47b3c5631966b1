import type { BatchView, QueueView } from '../../shared/contract.ts';
import { sandboxClock } from '../support/sandbox-clock.ts';
import { expect, test, type Studio } from './fixtures.ts';
import { expectImagesLoaded, screenshot, tiles } from './studio.ts';
import type { Page } from '@playwright/test';

const batchRegion = (page: Page) => page.getByRole('region', { name: 'Batch' });
const runsOfBatch = (page: Page) => batchRegion(page).getByRole('list', { name: 'Runs of the batch' }).getByRole('listitem');
const confirmRuns = (page: Page) => page.getByRole('alertdialog', { name: 'Confirm runs' });
const compare = (page: Page) => page.getByRole('region', { name: 'Compare' });
const sweepGrid = (page: Page) => compare(page).getByRole('table', { name: 'Sweep grid' });

/** The batch the panel shows, as the core has it (seeds are not on screen). */
async function shownBatch(page: Page, studio: Studio): Promise<BatchView> {
  const summary = await batchRegion(page).getByTestId('batch-summary').textContent();
  const id = Number(/Batch (\d+)/.exec(summary ?? '')?.[1]);
  const result = await studio.core.dispatch('batch:get', { id });
  if (!result.ok) throw new Error(result.error.message);
  return result.value as BatchView;
}

test('permutations, nested and in a flag, are counted, priced, confirmed, sent as a batch and found in the gallery', async ({ page, studio }) => {
  test.setTimeout(120_000);
  const prompt = page.getByLabel('Prompt', { exact: true });
  await prompt.fill('a {small {red, blue}, big} kite --ar {1:1, 16:9}');
  await expect(page.getByTestId('run-cost')).toHaveText('6 runs · 72 credits · $0.36');
  // the permuted flag is two valid flags, not one broken one
  await expect(page.getByText(/Aspect ratio must be one of/)).toHaveCount(0);

  await page.getByRole('button', { name: 'Generate', exact: true }).click();
  await expect(confirmRuns(page)).toContainText('6 runs · 72 credits · $0.36');
  await confirmRuns(page).getByRole('button', { name: 'Cancel' }).click();
  await expect(batchRegion(page)).toHaveCount(0);
  const queue = await studio.core.dispatch('queue:get', undefined);
  expect(queue.ok && (queue.value as QueueView).items).toEqual([]);

  await page.getByRole('button', { name: 'Generate', exact: true }).click();
  await confirmRuns(page).getByRole('button', { name: 'Generate 6 runs' }).click();
  await expect(runsOfBatch(page)).toHaveText([
    /a small red kite --ar 1:1/, /a small red kite --ar 16:9/, /a small blue kite --ar 1:1/, /a small blue kite --ar 16:9/, /a big kite --ar 1:1/, /a big kite --ar 16:9/,
  ]);
  await expect(batchRegion(page).getByRole('heading')).toHaveText('a {small {red, blue}, big} kite');
  await expect(batchRegion(page).getByTestId('batch-summary')).toContainText('6 done', { timeout: 60_000 });
  const batch = await shownBatch(page, studio);
  expect(batch.runs.map((r) => r.effective.prompt)).toEqual(['a small red kite', 'a small red kite', 'a small blue kite', 'a small blue kite', 'a big kite', 'a big kite']);

  await batchRegion(page).getByRole('button', { name: 'Show in gallery' }).click();
  await expect(page.getByLabel('Search', { exact: true })).toHaveValue(`batch:${batch.batch.id}`);
  await expect(tiles(page)).toHaveCount(6);
  await screenshot(page, 'bulk-permutations');
});

test('--repeat sends the prompt N times with its own seed each, and the confirmation follows the threshold in Settings', async ({ page, studio }) => {
  test.setTimeout(90_000);
  await page.getByLabel('Prompt', { exact: true }).fill('a paper crane --r 3');
  await expect(page.getByTestId('run-cost')).toHaveText('3 runs · 36 credits · $0.18');
  await page.getByRole('button', { name: 'Generate', exact: true }).click();
  // 3 is not above the default threshold of 4: no question asked
  await expect(runsOfBatch(page)).toHaveCount(3);
  await expect(confirmRuns(page)).toHaveCount(0);
  const batch = await shownBatch(page, studio);
  expect(batch.runs.map((r) => r.params.prompt)).toEqual(['a paper crane', 'a paper crane', 'a paper crane']);
  expect(new Set(batch.runs.map((r) => r.effective.seed)).size).toBe(3);

  await page.getByRole('button', { name: 'Settings' }).first().click();
  const settings = page.getByRole('dialog', { name: 'Settings' });
  await settings.getByLabel('Confirm runs above', { exact: true }).fill('2');
  await settings.getByRole('button', { name: 'Save confirm runs above' }).click();
  await expect(settings.getByLabel('Confirm runs above', { exact: true })).toHaveValue('2');
  await settings.getByRole('button', { name: 'Close settings' }).click();

  await page.getByRole('button', { name: 'Generate', exact: true }).click();
  await expect(confirmRuns(page).getByRole('button', { name: 'Generate 3 runs' })).toBeVisible();
  await confirmRuns(page).getByRole('button', { name: 'Cancel' }).click();

  await page.getByLabel('Prompt', { exact: true }).fill('a paper crane --r 41');
  await page.getByRole('button', { name: 'Generate', exact: true }).click();
  await expect(page.getByRole('alert').filter({ hasText: 'whole number from 1 to 40' })).toBeVisible();
});

test('a one-setting sweep holds the seed and labels each run by its value; two settings make an X/Y set', async ({ page, studio }) => {
  test.setTimeout(120_000);
  await page.getByLabel('Prompt', { exact: true }).fill('a glass teapot on a windowsill');
  await page.getByRole('button', { name: 'Add a sweep' }).click();
  await page.getByLabel('Sweep setting', { exact: true }).selectOption({ label: 'Stylize' });
  await page.getByLabel('Sweep values', { exact: true }).fill('0, 2000');
  await expect(page.getByTestId('sweep-problem')).toHaveText(/"2000" is not a stylize value/);
  await expect(page.getByTestId('run-cost')).toContainText('runs cannot be counted yet');
  await page.getByLabel('Sweep values', { exact: true }).fill('0 to 1000 step 500');
  await expect(page.getByTestId('run-cost')).toHaveText('3 runs · 36 credits · $0.18');
  await page.getByRole('button', { name: 'Generate', exact: true }).click();
  await expect(runsOfBatch(page)).toHaveText([/stylize 0/, /stylize 500/, /stylize 1000/]);
  await expect(batchRegion(page).getByRole('heading')).toHaveText('a glass teapot on a windowsill · stylize sweep');
  const one = await shownBatch(page, studio);
  expect(one.runs.map((r) => r.effective.stylize)).toEqual([0, 500, 1000]);
  expect(new Set(one.runs.map((r) => r.effective.seed)).size).toBe(1);
  await expect(batchRegion(page).getByTestId('batch-summary')).toContainText('3 done', { timeout: 60_000 });

  // Landed, the sweep opens by itself as a compare grid labelled by value, in the order swept.
  await expect(compare(page).getByRole('heading')).toHaveText('a glass teapot on a windowsill · stylize sweep');
  await expect(sweepGrid(page).getByRole('columnheader')).toHaveText(['Stylize →', 'stylize 0', 'stylize 500', 'stylize 1000']);
  const cells = sweepGrid(page).getByRole('cell');
  await expect(cells).toHaveCount(3);
  for (const [i, run] of one.runs.entries()) await expect(cells.nth(i).locator('[data-pane]')).toHaveAttribute('aria-label', `stylize ${run.effective.stylize} · #${run.id} · image 1`);
  await expect(compare(page).getByRole('table', { name: 'Differences' })).toHaveCount(0);
  await expectImagesLoaded(sweepGrid(page), 3);
  await screenshot(page, 'sweep-grid-one-setting');
  // The seed is held, so image 2 of each run is comparable too.
  await compare(page).getByRole('group', { name: 'Image of each run' }).getByRole('button', { name: 'Image 2' }).click();
  await expect(cells.first().locator('[data-pane]')).toHaveAttribute('aria-label', `stylize 0 · #${one.runs[0]!.id} · image 2`);
  await page.keyboard.press('Escape');
  await expect(compare(page)).toHaveCount(0);
  // …and opens again from the batch.
  await batchRegion(page).getByRole('button', { name: 'Open sweep grid' }).click();
  await expect(sweepGrid(page).getByRole('cell')).toHaveCount(3);
  await compare(page).getByRole('button', { name: 'Close compare' }).click();
  await expect(compare(page)).toHaveCount(0);

  await page.getByRole('button', { name: 'Add a second setting (X/Y)' }).click();
  await page.getByLabel('Second sweep setting', { exact: true }).selectOption({ label: 'Aspect ratio' });
  await page.getByLabel('Second sweep values', { exact: true }).fill('1:1, 16:9');
  await page.getByLabel('Sweep values', { exact: true }).fill('0, 500');
  await expect(page.getByTestId('run-cost')).toHaveText('4 runs · 48 credits · $0.24');
  await page.getByRole('button', { name: 'Generate', exact: true }).click();
  await expect(runsOfBatch(page)).toHaveText([/stylize 0 · 1:1/, /stylize 500 · 1:1/, /stylize 0 · 16:9/, /stylize 500 · 16:9/]);
  const grid = await shownBatch(page, studio);
  expect(new Set(grid.runs.map((r) => r.effective.seed)).size).toBe(1);
  await screenshot(page, 'bulk-sweep');

  // Two settings make an X/Y plot: stylize across, aspect ratio down.
  await expect(batchRegion(page).getByTestId('batch-summary')).toContainText('4 done', { timeout: 60_000 });
  await expect(sweepGrid(page).getByRole('columnheader')).toHaveText(['Aspect ratio ↓ · Stylize →', 'stylize 0', 'stylize 500']);
  await expect(sweepGrid(page).getByRole('rowheader')).toHaveText(['1:1', '16:9']);
  const panes = sweepGrid(page).locator('[data-pane]');
  await expect(panes).toHaveCount(4);
  const byId = new Map(grid.runs.map((r) => [r.id, r.effective]));
  for (const [i, label] of ['stylize 0 · 1:1', 'stylize 500 · 1:1', 'stylize 0 · 16:9', 'stylize 500 · 16:9'].entries()) {
    const name = await panes.nth(i).getAttribute('aria-label');
    expect(name).toMatch(new RegExp(`^${label} · #\\d+ · image 1$`));
    const id = Number(/#(\d+)/.exec(name ?? '')?.[1]);
    const effective = byId.get(id)!;
    expect(`stylize ${effective.stylize} · ${effective.aspectRatio}`).toBe(label);
  }
  await expectImagesLoaded(sweepGrid(page), 4);
  await screenshot(page, 'sweep-grid-x-y');
});

test('Cancel batch cancels the runs not yet sent; the one already sent finishes', async ({ page, studio }) => {
  test.setTimeout(120_000);
  // Held, the Sandbox keeps the first run waiting, so with one run at a time the rest stay queued.
  const clock = sandboxClock({ held: true });
  await studio.restart({ sandbox: { waitingMs: 200, generatingMs: 200, now: clock.now } });
  await studio.core.dispatch('settings:update', { concurrency: 1 });

  await page.getByLabel('Prompt', { exact: true }).fill('a moth, study {1, 2, 3, 4, 5, 6}');
  await page.getByRole('button', { name: 'Generate', exact: true }).click();
  await confirmRuns(page).getByRole('button', { name: 'Generate 6 runs' }).click();
  await expect(runsOfBatch(page).first()).toContainText('waiting');
  await expect(batchRegion(page).getByTestId('batch-summary')).toContainText('5 not yet sent');

  await batchRegion(page).getByRole('button', { name: 'Cancel batch' }).click();
  await expect(runsOfBatch(page).filter({ hasText: 'cancelled' })).toHaveCount(5);
  await expect(batchRegion(page).getByRole('button', { name: 'Cancel batch' })).toBeDisabled();

  clock.release();
  await expect(runsOfBatch(page).first()).toContainText('done', { timeout: 60_000 });
  expect(studio.sandbox?.stats.tasksCreated).toBe(1);
  expect(studio.sandbox?.stats.tasksByPrompt).toEqual({ 'a moth, study 1': 1 });
});
