import { expect, test } from './fixtures.ts';

test('notices: "Keep notices until closed" is the artist\'s, kept in this browser profile; off, a notice goes by itself', async ({ page, studio: _studio }) => {
  const openSettings = async () => {
    await page.getByRole('button', { name: 'Settings' }).first().click();
    return page.getByRole('dialog', { name: 'Settings' });
  };
  let settings = await openSettings();
  const keep = () => settings.getByRole('switch', { name: /^Keep notices until closed/ });
  // On in every end-to-end test (fixtures.ts), so no toast goes before a test on a loaded machine reads it.
  await expect(keep()).toBeChecked();

  // A notice shown while it is on stays; switched off, it goes after its own few seconds.
  await settings.getByRole('spinbutton', { name: 'Confirm runs above' }).fill('7');
  await settings.getByRole('button', { name: 'Save confirm runs above' }).click();
  const saved = page.getByTestId('toast').filter({ hasText: 'Settings saved' });
  await expect(saved).toBeVisible();
  await keep().click();
  await expect(keep()).not.toBeChecked();
  await expect(saved).toHaveCount(0);

  // Kept across a reload (the fixture sets it only where nothing is saved yet).
  await page.reload();
  await expect(page.locator('.app[data-ready="true"]')).toBeVisible();
  settings = await openSettings();
  await expect(keep()).not.toBeChecked();
});
