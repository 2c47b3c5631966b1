import { expect, sandboxTimes, test } from './fixtures.ts';
import { detail, expectImagesLoaded, fillDraft, feedTile, screenshot, search, shownHashes, tileFor, tiles } from './studio.ts';

const LIGHTHOUSE = 'a lighthouse in neon fog, long exposure';
const DESERT = 'quiet desert dunes at dawn';

test('the artist loop: generate, watch, search, rerun, edit, favorite, delete and undo, then work offline', async ({ page, studio }) => {
  test.setTimeout(240_000);
  // The studio's Sandbox runs on its clock, so a run's passing states can be watched without racing
  // the wall clock; it runs at real pace whenever it is not held.
  const { clock } = studio;

  await test.step('an empty library welcomes the artist', async () => {
    await expect(page.getByTestId('gallery-empty')).toContainText('Your library is empty');
    await expect(page.getByTestId('run-cost')).toHaveText('12 credits · $0.06');
    await expect(page.getByTestId('run-provider')).toHaveText('Sandbox');
    await screenshot(page, 'empty-library');
  });

  await test.step('inline validation speaks the shared rules', async () => {
    await page.getByLabel('Stylize', { exact: true }).fill('2000');
    await expect(page.getByText('Stylize must be a whole number from 0 to 1000')).toBeVisible();
    await page.getByLabel('Stylize', { exact: true }).fill('');
    await page.getByRole('button', { name: 'Generate', exact: true }).click();
    await expect(page.getByText('Write a prompt: it cannot be empty')).toBeVisible();
    await page.getByLabel('Reference image URL', { exact: true }).fill('http://example.com/cat.png');
    await expect(page.getByText('The reference image must be a web address starting with https://')).toBeVisible();
    await page.getByLabel('Reference image URL', { exact: true }).fill('');
    await page.getByRole('group', { name: 'Aspect ratio' }).getByText('4:3', { exact: true }).click();
    await page.getByLabel('Prompt', { exact: true }).fill('a fox --ar 16:9');
    await expect(page.getByText('--ar 16:9 in the prompt overrides the Aspect ratio field (4:3)')).toBeVisible();
    // what is lit is what will be sent (honest-form.spec.ts covers the rule)
    await expect(page.getByRole('group', { name: /Aspect ratio/ }).getByRole('radio', { name: '16:9' })).toBeChecked();
  });

  await test.step('generate with non-default settings and watch the states change', async () => {
    await fillDraft(page, { prompt: LIGHTHOUSE, aspectRatio: '16:9', stylize: '250', chaos: '12', seed: '42', raw: true, negativePrompt: 'text' });
    clock.hold();
    await page.getByRole('button', { name: 'Generate', exact: true }).click();
    const item = feedTile(page, LIGHTHOUSE);
    await expect(item).toBeVisible();
    await expect(item).toHaveAttribute('data-status', 'waiting');
    // Into "generating", and held there until the test has looked.
    clock.advance(sandboxTimes.waitingMs);
    await expect(item.getByTestId('feed-state')).toHaveText('Generating');
    await expect(item.getByRole('progressbar')).toBeVisible();
    await screenshot(page, 'generating');
    clock.advance(sandboxTimes.generatingMs);
    clock.release();
    await expect(item).toHaveCount(0, { timeout: 20_000 });
    await expect(tiles(page)).toHaveCount(1);
    await expectImagesLoaded(tileFor(page, LIGHTHOUSE), 4);
  });

  await test.step('a second generation, by keyboard, and the seed goes back to random', async () => {
    await expect(page.getByLabel('Seed', { exact: true })).toHaveValue('');
    await page.getByLabel('Prompt', { exact: true }).fill(DESERT);
    await page.getByLabel('Prompt', { exact: true }).press('Control+Enter');
    await expect(tiles(page)).toHaveCount(2, { timeout: 20_000 });
    await expect(tiles(page).first()).toHaveAttribute('aria-label', new RegExp(DESERT));
    await expect(page.getByTestId('gallery-count')).toHaveText('2 generations');
  });

  await test.step('search finds a generation by a word and by a prefix', async () => {
    await search(page, 'lighthouse');
    await expect(tiles(page)).toHaveCount(1);
    await expect(tileFor(page, LIGHTHOUSE)).toBeVisible();
    await search(page, 'dun*');
    await expect(tiles(page)).toHaveCount(1);
    await expect(tileFor(page, DESERT)).toBeVisible();
    await search(page, 'zebra');
    await expect(page.getByTestId('gallery-empty')).toContainText('Nothing matches');
    await search(page, '');
    await expect(tiles(page)).toHaveCount(2);
  });

  let original: string[] = [];
  await test.step('the detail view shows every setting the run used', async () => {
    await tileFor(page, LIGHTHOUSE).click();
    const view = detail(page);
    await expect(view).toBeVisible();
    await expect(view.getByTestId('detail-prompt')).toHaveText(LIGHTHOUSE);
    await expect(view.getByTestId('param-aspect-ratio')).toHaveText('16:9');
    await expect(view.getByTestId('param-stylize')).toHaveText('250');
    await expect(view.getByTestId('param-chaos')).toHaveText('12');
    await expect(view.getByTestId('param-seed')).toHaveText('42');
    await expect(view.getByTestId('param-raw-style')).toHaveText('on');
    await expect(view.getByTestId('midjourney-prompt')).toHaveText(`${LIGHTHOUSE} --v 7 --ar 16:9 --s 250 --c 12 --seed 42 --style raw --no text`);
    await expectImagesLoaded(view.locator('.detail-image'), 1);
    original = await shownHashes(page);
    await screenshot(page, 'detail');
    await page.keyboard.press('ArrowRight');
    await expect(view.getByRole('button', { name: 'Image 2' })).toHaveAttribute('aria-pressed', 'true');
  });

  await test.step('"Rerun (same seed)" gives the same images', async () => {
    await detail(page).getByRole('button', { name: 'Rerun (same seed)' }).click();
    await expect(page.getByTestId('toast').filter({ hasText: 'Rerun queued with the same seed' })).toBeVisible();
    await expect(detail(page).getByTestId('lineage-child')).toHaveCount(1);
    await page.keyboard.press('Escape');
    await expect(detail(page)).toHaveCount(0);
    // the rerun stacks onto the original (stacks.spec.ts); unstacked from here on, to see every run
    await expect(tileFor(page, LIGHTHOUSE).getByTestId('tile-stack')).toHaveText('2 reruns', { timeout: 20_000 });
    await expect(tiles(page)).toHaveCount(2);
    await page.getByRole('button', { name: 'Stack reruns' }).click();
    await expect(tiles(page)).toHaveCount(3);
    await tiles(page).first().click();
    await expect(detail(page).getByTestId('detail-prompt')).toHaveText(LIGHTHOUSE);
    await expect(detail(page).getByTestId('param-seed')).toHaveText('42');
    expect(await shownHashes(page)).toEqual(original);
  });

  await test.step('"Edit & rerun" asks before replacing a draft, changes one setting and links the lineage', async () => {
    await page.keyboard.press('Escape');
    await page.getByLabel('Prompt', { exact: true }).fill('an idea I am still writing');
    await tiles(page).first().click();
    await detail(page).getByRole('button', { name: 'Edit & rerun' }).click();
    const ask = page.getByRole('alertdialog');
    await expect(ask).toContainText('Replace the prompt you are writing?');
    await ask.getByRole('button', { name: 'Keep my draft' }).click();
    await expect(page.getByLabel('Prompt', { exact: true })).toHaveValue('an idea I am still writing');

    await detail(page).getByRole('button', { name: 'Edit & rerun' }).click();
    await page.getByRole('alertdialog').getByRole('button', { name: 'Replace draft' }).click();
    await expect(detail(page)).toHaveCount(0);
    await expect(page.getByLabel('Prompt', { exact: true })).toHaveValue(LIGHTHOUSE);
    await expect(page.getByLabel('Seed', { exact: true })).toHaveValue('42');
    await expect(page.getByLabel('Stylize', { exact: true })).toHaveValue('250');
    await page.getByLabel('Stylize', { exact: true }).fill('600');
    await page.getByRole('button', { name: 'Generate', exact: true }).click();
    await expect(tiles(page)).toHaveCount(4, { timeout: 20_000 });
    // Edit & rerun locked the seed, so it stays for the next run.
    await expect(page.getByRole('button', { name: 'Keep this seed' })).toHaveAttribute('aria-pressed', 'true');
    await expect(page.getByLabel('Seed', { exact: true })).toHaveValue('42');

    await tiles(page).first().click();
    await expect(detail(page).getByTestId('param-stylize')).toHaveText('600');
    await expect(detail(page).getByTestId('param-seed')).toHaveText('42');
    const parent = detail(page).getByTestId('lineage-parent');
    await expect(parent).toBeVisible();
    await parent.click();
    await expect(detail(page).getByTestId('param-stylize')).toHaveText('250');
    await expect(detail(page).getByTestId('lineage-child')).toHaveCount(1);
  });

  await test.step('favorite, then filter by favorites', async () => {
    await page.keyboard.press('f');
    await expect(detail(page).getByRole('button', { name: 'Favorite image' })).toHaveAttribute('aria-pressed', 'true');
    await page.keyboard.press('Escape');
    await page.getByRole('button', { name: 'Favorites' }).click();
    await expect(tiles(page)).toHaveCount(1);
    await expect(page.getByTestId('gallery-count')).toHaveText('1 generation');
    await page.getByRole('button', { name: 'Favorites' }).click();
    await expect(tiles(page)).toHaveCount(4);
  });

  await test.step('delete with undo: the toast, and Ctrl+Z', async () => {
    await tileFor(page, DESERT).click();
    await detail(page).getByRole('button', { name: 'Delete generation' }).click();
    await page.keyboard.press('Escape');
    await expect(tiles(page)).toHaveCount(3);
    // the favourite above left its own toast with Undo: this one is the delete's
    await page.getByTestId('toast').filter({ hasText: /^Deleted/ }).getByRole('button', { name: 'Undo' }).click();
    await expect(tiles(page)).toHaveCount(4);
    await expect(tileFor(page, DESERT)).toBeVisible();

    await tileFor(page, DESERT).focus();
    await page.keyboard.press('ArrowLeft');
    await page.keyboard.press('ArrowRight');
    await page.keyboard.press('Delete');
    await expect(tileFor(page, DESERT)).toHaveCount(0);
    await page.keyboard.press('Control+z');
    await expect(tileFor(page, DESERT)).toBeVisible();
    await expect(page.getByTestId('gallery-count')).toHaveText('4 generations');
  });

  await test.step('the gallery, in both layouts', async () => {
    await screenshot(page, 'gallery');
    await page.getByRole('button', { name: 'Single images' }).click();
    await expect(tiles(page)).toHaveCount(16);
    await screenshot(page, 'gallery-single-images');
    await page.getByRole('button', { name: 'Four-up tiles' }).click();
  });

  await test.step('settings: key state, library size, credits', async () => {
    await page.getByRole('button', { name: 'Settings' }).click();
    const settings = page.getByRole('dialog', { name: 'Settings' });
    await expect(settings.getByTestId('api-key-state')).toContainText('No key stored');
    await expect(settings.getByLabel('API key', { exact: true })).toHaveAttribute('type', 'password');
    await expect(settings.getByTestId('library-size')).not.toHaveText('…');
    await expect(settings.getByTestId('credits-total')).toBeVisible();
    await screenshot(page, 'settings');
    await page.keyboard.press('Escape');
    await expect(settings).toHaveCount(0);
  });

  await test.step('offline: with the API unreachable the library still works', async () => {
    await studio.restart({ apiKey: 'offline-test-key', apiBaseUrl: 'http://127.0.0.1:9/api/v1' });
    // a new host is a new origin, whose browser profile starts with "Stack reruns" on: off again, to see every run
    await expect(page.getByRole('button', { name: 'Stack reruns' })).toHaveAttribute('aria-pressed', 'true');
    await page.getByRole('button', { name: 'Stack reruns' }).click();
    await expect(tiles(page)).toHaveCount(4);
    // a gallery tile now, drawn from its grid picture (made just after the run was done)
    await expectImagesLoaded(tileFor(page, DESERT), 1);
    await search(page, 'lighthouse');
    await expect(tiles(page)).toHaveCount(3);
    await tiles(page).first().click();
    await expect(detail(page).getByTestId('param-seed')).toHaveText('42');
    await expectImagesLoaded(detail(page).locator('.detail-image'), 1);
    await screenshot(page, 'offline-detail');
  });
});
