import type { Locator } from '@playwright/test';
import { NEGATIVE_PROMPT_MAX_LENGTH, PROMPT_MAX_LENGTH, SEARCH_TEXT_MAX_LENGTH } from '../../shared/input-limits.ts';
import { expect, test } from './fixtures.ts';
import { feedTile } from './studio.ts';

/** How many characters a field holds (compared as a number: a failure must not print a megabyte). */
const heldLength = (field: Locator) => expect.poll(async () => (await field.inputValue()).length);

test("a huge paste is cut at each field's cap, said so, and the studio goes on working", async ({ page, studio: _studio }) => {
  const huge = 'x'.repeat(1_100_000);

  await test.step('1.1 MB into the search box: it takes the most a search can hold, and searching still answers', async () => {
    const box = page.getByLabel('Search', { exact: true });
    await box.focus();
    await page.keyboard.insertText(huge);
    await heldLength(box).toBe(SEARCH_TEXT_MAX_LENGTH);
    await expect(page.getByTestId('gallery-empty')).toBeVisible();
    await box.fill('');
  });

  await test.step('1.1 MB into the prompt: cut at the documented cap, with a note, and the run goes ahead', async () => {
    const prompt = page.getByLabel('Prompt', { exact: true });
    await prompt.focus();
    await page.keyboard.insertText(`a lighthouse ${huge}`);
    await heldLength(prompt).toBe(PROMPT_MAX_LENGTH);
    await expect(page.getByText('6,000 / 6,000 characters: the most a prompt can hold')).toBeVisible();
    const negative = page.getByLabel('Negative prompt', { exact: true });
    await negative.focus();
    await page.keyboard.insertText(huge);
    await heldLength(negative).toBe(NEGATIVE_PROMPT_MAX_LENGTH);
    await page.getByRole('button', { name: 'Generate', exact: true }).click();
    await expect(feedTile(page, 'a lighthouse')).toBeVisible();
  });
});

test('the prompt grows with what is written up to a cap, then scrolls, and shrinks back', async ({ page, studio: _studio }) => {
  const prompt = page.getByLabel('Prompt', { exact: true });
  const height = () => prompt.evaluate((area) => area.getBoundingClientRect().height);
  const empty = await height();
  await prompt.fill('a lighthouse on a cliff at dusk, '.repeat(6));
  await expect.poll(height).toBeGreaterThan(empty + 20);
  // far more than fits: the box stops at its cap and scrolls
  await prompt.fill('a lighthouse on a cliff at dusk, '.repeat(60));
  await expect.poll(height).toBe(320);
  expect(await prompt.evaluate((area) => area.scrollHeight > area.clientHeight)).toBe(true);
  await prompt.fill('');
  await expect.poll(height).toBe(empty);
});
