import { expect, test } from './fixtures.ts';
import { feedTile } from './studio.ts';

test('a run that takes far too long is called stalled, kept, and can be checked at once', async ({ page, studio }) => {
  const sandbox = studio.sandbox!;
  // The API keeps failing to answer about this run, so it stays "waiting" in the library.
  sandbox.faults.add({ endpoint: 'recordInfo', kind: 'status', status: 500, promptContains: 'slow tide' });
  await page.clock.install();
  await page.reload();
  await expect(page.locator('.app[data-ready="true"]')).toBeVisible();

  await page.getByRole('textbox', { name: 'Prompt', exact: true }).fill('a slow tide');
  await page.getByRole('button', { name: 'Generate', exact: true }).click();
  const item = feedTile(page, 'a slow tide');
  await expect(item).toHaveAttribute('data-status', 'waiting');
  await expect(item.getByTestId('feed-stalled')).toHaveCount(0);

  await page.clock.fastForward('16:00');
  await expect(item.getByTestId('feed-stalled')).toContainText('much longer than usual');
  const asked = sandbox.stats.recordInfoCalls;
  await item.getByRole('button', { name: 'Check now' }).click();
  await expect.poll(() => sandbox.stats.recordInfoCalls).toBeGreaterThan(asked);

  sandbox.faults.clear();
  await item.getByRole('button', { name: 'Check now' }).click();
  await expect(item).toHaveCount(0, { timeout: 20_000 });
  expect(sandbox.stats.tasksCreated).toBe(1);
});
