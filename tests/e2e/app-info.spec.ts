import { expect, test } from './fixtures.ts';

test('the studio shows what app:info says: version, library folder, provider, shell', async ({ page, studio }) => {
  await expect(page.getByTestId('app-version')).toHaveText('0.0.0-test');
  await expect(page.getByTestId('app-data-dir')).toHaveText(studio.dataDir);
  await expect(page.getByTestId('app-provider')).toContainText('Sandbox');
  await expect(page.getByTestId('app-shell')).toHaveText('Browser preview');
});

test('a page opened without the bridge token cannot reach the core and says so', async ({ page, studio }) => {
  await page.goto(studio.host.origin + '/');
  await expect(page.getByRole('alert')).toContainText('could not reach its preview host');
  await expect(page.locator('.app[data-ready="true"]')).toHaveCount(0);
});
