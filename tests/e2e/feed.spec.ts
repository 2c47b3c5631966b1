import type { Locator, Page } from '@playwright/test';
import { closeLibrary, openLibrary } from '../../electron/core/library/database.ts';
import { buildSyntheticLibrary } from '../../scripts/lib/synthetic-library.ts';
import { FEED_TARGETS, galleryShiftSince, paintedAfterPush, prepareFeedMeasures, shiftMark } from '../../scripts/lib/feed-measures.ts';
import { expect, sandboxTimes, test } from './fixtures.ts';
import { expectImagesLoaded, feedTile, screenshot, tileFor } from './studio.ts';

// A library with a screenful of finished generations, so a shift of the grid would show.
test.use({
  seedLibrary: {
    fill(dataDir: string) {
      const db = openLibrary(dataDir);
      buildSyntheticLibrary(db, 60, Date.UTC(2025, 0, 1));
      // The synthetic failures would be feed tiles of their own; these tests start their own runs.
      db.prepare("UPDATE generations SET dismissed = 1 WHERE status <> 'done'").run();
      closeLibrary(db);
    },
  },
});

async function generate(page: Page, prompt: string): Promise<void> {
  await page.getByLabel('Prompt', { exact: true }).fill(prompt);
  await page.getByRole('button', { name: 'Generate', exact: true }).click();
}

type Box = { x: number; y: number; width: number; height: number };

test('five runs start and finish as tiles at the top of the gallery: placeholders become images in place, nothing shifts', async ({ page, studio }) => {
  test.setTimeout(90_000);
  await prepareFeedMeasures(page);
  const grid = page.getByRole('region', { name: 'Gallery' });
  await expect(grid.getByTestId('gallery-tile').first()).toBeVisible();

  // Held, the runs stay in their states while the test reads their tiles.
  studio.clock.hold();
  const mark = await shiftMark(page);
  const prompts = ['a heron at dawn', 'a red kite over hills --ar 16:9', 'a tall lighthouse --ar 9:16', 'a quiet harbour --ar 4:3', 'a field of poppies --ar 3:2'];
  for (const prompt of prompts) await generate(page, prompt);
  const runs = grid.getByRole('list', { name: 'Feed', exact: true }).getByRole('listitem');
  await expect(runs).toHaveCount(5);
  await expect(grid.getByRole('listitem', { name: 'Waiting: a heron at dawn', exact: true })).toBeVisible();
  await expect(grid.getByRole('listitem', { name: /^(Queued|Submitting|Waiting): a quiet harbour$/ })).toBeVisible();
  // Each in the shape its images will have.
  const kite = await feedTile(page, 'a red kite over hills').boundingBox();
  const tower = await feedTile(page, 'a tall lighthouse').boundingBox();
  expect(kite && kite.width / kite.height).toBeCloseTo(16 / 9, 1);
  expect(tower && tower.width / tower.height).toBeCloseTo(9 / 16, 1);
  await expect(feedTile(page, 'a heron at dawn')).toContainText(/0:\d\d/);
  studio.clock.advance(sandboxTimes.waitingMs);
  await expect(grid.getByRole('listitem', { name: 'Generating: a heron at dawn', exact: true })).toBeVisible();
  await screenshot(page, 'feed');
  const before: Box[] = [];
  for (const item of await runs.all()) before.push((await item.boundingBox())!);

  studio.clock.release();
  // The measures bench:ui takes: each run painted after its push, and the gallery's shift since before the first run.
  const landing: number[] = [];
  for (const prompt of prompts) landing.push(await paintedAfterPush(page, prompt.replace(/\s+--.*$/, ''), 60_000));
  for (const prompt of prompts) await expectImagesLoaded(tileFor(page, prompt.replace(/\s+--.*$/, '')), 4);
  // Each picture is the bytes pushed as it was saved, shown as they came: nothing asked of the media route.
  const heronImages = page.getByTestId('feed-landed').filter({ has: tileFor(page, 'a heron at dawn') }).locator('img');
  await expect(heronImages).toHaveCount(4);
  for (const img of await heronImages.all()) await expect(img).toHaveAttribute('src', /^data:image\/jpeg;base64,/);
  const shift = await galleryShiftSince(page, mark);
  console.log(`feed: landing → painted ${landing.map((ms) => ms.toFixed(0)).join(', ')} ms; layout shift gallery ${shift.gallery}, page ${shift.page}`, shift.moved);
  const after: Box[] = [];
  for (const item of await runs.all()) after.push((await item.boundingBox())!);
  // Landed, each run keeps its box: its images took the placeholders' place.
  expect(after).toEqual(before);
  expect(shift.gallery).toBe(FEED_TARGETS.layoutShift);
  await screenshot(page, 'feed-landed');

  // A landed run keeps its tile until the gallery reloads; then it is in the grid like any other.
  await page.getByLabel('Search', { exact: true }).fill('heron');
  await expect(grid.getByRole('list', { name: 'Feed', exact: true })).toHaveCount(0);
  await expect(tileFor(page, 'a heron at dawn')).toHaveCount(1);
});

test('a failed run stays as a tile with its reason: Retry, Edit & rerun, Dismiss', async ({ page, studio }) => {
  const sandbox = studio.sandbox!;
  sandbox.faults.add({ endpoint: 'createTask', kind: 'taskFails', code: '500', message: 'The render node crashed', promptContains: 'doomed' });
  await generate(page, 'a doomed castle --s 600');
  const failed = page.getByRole('listitem', { name: 'Failed: a doomed castle', exact: true });
  await expect(failed).toContainText('The render node crashed', { timeout: 20_000 });
  await screenshot(page, 'feed-failed');

  // Edit & rerun loads its settings into the form, the tile stays until the artist decides.
  await failed.getByRole('button', { name: 'Edit & rerun' }).click();
  await expect(page.getByLabel('Prompt', { exact: true })).toHaveValue(/a doomed castle/);
  await expect(failed).toBeVisible();

  sandbox.faults.clear();
  await failed.getByRole('button', { name: 'Retry' }).click();
  await expect(failed).toHaveCount(0);
  await expect(tileFor(page, 'a doomed castle')).toBeVisible({ timeout: 20_000 });

  sandbox.faults.add({ endpoint: 'createTask', kind: 'taskFails', code: '500', message: 'The render node crashed', promptContains: 'doomed' });
  await generate(page, 'another doomed tower');
  const second = page.getByRole('listitem', { name: 'Failed: another doomed tower', exact: true });
  await expect(second).toBeVisible({ timeout: 20_000 });
  await second.getByRole('button', { name: 'Dismiss' }).click();
  await expect(second).toHaveCount(0);
});

test('outcome unknown says its reason on the card; a retry says what it waits for', async ({ page, studio }) => {
  const sandbox = studio.sandbox!;
  sandbox.faults.add({ endpoint: 'createTask', kind: 'reset', when: 'after', times: 1 });
  await generate(page, 'an uncertain harbor');
  const unknown = page.getByRole('listitem', { name: 'Outcome unknown: an uncertain harbor', exact: true });
  await expect(unknown).toContainText('it may have been charged', { timeout: 20_000 });
  await expect(unknown).toContainText('Why: ');

  // A server error on polling: the card says so, with the attempt and when the next one goes.
  sandbox.faults.add({ endpoint: 'recordInfo', kind: 'status', status: 500, promptContains: 'patient' });
  await generate(page, 'a patient heron');
  const waiting = feedTile(page, 'a patient heron');
  await expect(waiting.getByTestId('feed-retry')).toContainText(/server error, trying again (in \d+ (s|min)|now) — attempt \d+/, { timeout: 20_000 });
  sandbox.faults.clear();
});

test('Ctrl/Cmd+J toggles the Queue popover over the gallery, which does not move', async ({ page, studio }) => {
  studio.clock.hold();
  await generate(page, 'a slow glacier');
  const grid = page.getByRole('region', { name: 'Gallery' });
  await expect(grid.getByRole('listitem', { name: /: a slow glacier$/ })).toBeVisible();
  const gridBox = await grid.boundingBox();
  const queue = page.getByRole('dialog', { name: 'Queue' });
  await expect(queue).toHaveCount(0);
  await page.getByRole('button', { name: 'Generate', exact: true }).focus();
  await page.keyboard.press('ControlOrMeta+j');
  await expect(queue).toBeVisible();
  await expect(queue.getByTestId('queue-summary')).toHaveText(/1 running · 0 waiting · up to \d+ at once/);
  await expect(page.getByRole('button', { name: 'Queue', exact: true })).toHaveAttribute('aria-expanded', 'true');
  expect(await grid.boundingBox()).toEqual(gridBox);
  await screenshot(page, 'queue-popover');
  await page.keyboard.press('ControlOrMeta+j');
  await expect(queue).toHaveCount(0);
  // In the shortcut sheet too.
  await page.keyboard.press('?');
  await expect(page.getByRole('dialog', { name: 'Keyboard shortcuts' })).toContainText('Show or hide the queue');
  studio.clock.release();
});

test('an image that could not be saved says so in its slot, with "Retry download"', async ({ page, studio }) => {
  studio.sandbox!.faults.add({ endpoint: 'image', kind: 'expired', times: 1, promptContains: 'gap' });
  await generate(page, 'a mosaic with a gap');
  const failed = page.getByRole('listitem', { name: 'Failed: a mosaic with a gap', exact: true });
  // A 404 seconds after the run is not put down to Kinovi keeping images 14 days.
  await expect(failed).toContainText('though the run finished only', { timeout: 20_000 });
  await expect(failed).not.toContainText('14 days');
  await expect(failed).toContainText('Not downloaded');
  const retry = failed.getByRole('button', { name: /^Retry download of image \d$/ });
  await expect(retry).toHaveCount(1);
  await screenshot(page, 'feed-retry-download');
  await retry.click();
  await expect(failed).toHaveCount(0);
  await expectImagesLoaded(tileFor(page, 'a mosaic with a gap'), 4);
});

/** How much two boxes overlap, in square pixels (0: apart or touching). */
function overlap(a: Box, b: Box): number {
  const width = Math.min(a.x + a.width, b.x + b.width) - Math.max(a.x, b.x);
  const height = Math.min(a.y + a.height, b.y + b.height) - Math.max(a.y, b.y);
  return width > 0 && height > 0 ? width * height : 0;
}

/** The part of `a` inside `b` (what of a scrolled card's text can be seen). */
function clip(a: Box, b: Box): Box {
  const x = Math.max(a.x, b.x);
  const y = Math.max(a.y, b.y);
  return { x, y, width: Math.max(0, Math.min(a.x + a.width, b.x + b.width) - x), height: Math.max(0, Math.min(a.y + a.height, b.y + b.height) - y) };
}

/** Every "Retry download" lies inside its own slot and clear of the card; the failure reason can be read (scrolled to) clear of them. */
async function expectRetryClearOfReason(tile: Locator): Promise<void> {
  const buttons = await tile.getByRole('button', { name: /^Retry download of image \d$/ }).all();
  expect(buttons.length).toBeGreaterThan(0);
  const reason = tile.locator('.feed-reason');
  await reason.scrollIntoViewIfNeeded();
  const card = (await tile.locator('.feed-card').boundingBox())!;
  const readable = clip((await reason.boundingBox())!, card);
  // at least a line of it in view, and the card scrolls to the rest; nothing else of the card lies on it
  expect(readable.height).toBeGreaterThanOrEqual(12);
  const actions = clip((await tile.locator('.feed-actions').boundingBox())!, card);
  expect(overlap(actions, readable)).toBe(0);
  for (const button of buttons) {
    const box = (await button.boundingBox())!;
    const slot = (await button.locator('xpath=..').boundingBox())!;
    expect(overlap(box, slot)).toBeCloseTo(box.width * box.height, 0);
    expect(overlap(box, card)).toBe(0);
    expect(overlap(box, readable)).toBe(0);
  }
}

test('"Retry download" and the failure reason never overlap, at every thumbnail size', async ({ page, studio }) => {
  // a hang guard: three sizes of two tiles are measured, slow on a loaded machine
  test.setTimeout(300_000);
  // one image lost in a square run (top row), all four in a narrow one (both rows)
  studio.sandbox!.faults.add({ endpoint: 'image', kind: 'expired', times: 1, promptContains: 'gap' });
  studio.sandbox!.faults.add({ endpoint: 'image', kind: 'expired', times: 4, promptContains: 'sliver' });
  await generate(page, 'a mosaic with a gap');
  await generate(page, 'a narrow sliver of light --ar 9:16');
  const square = page.getByRole('listitem', { name: 'Failed: a mosaic with a gap', exact: true });
  const narrow = page.getByRole('listitem', { name: 'Failed: a narrow sliver of light', exact: true });
  await expect(square).toContainText('Not downloaded', { timeout: 20_000 });
  await expect(narrow.getByRole('button', { name: /^Retry download of image \d$/ })).toHaveCount(4, { timeout: 20_000 });

  const size = page.getByRole('slider', { name: 'Thumbnail size' });
  for (const pixels of [140, 300, 480]) {
    await size.fill(String(pixels));
    await expect.poll(async () => {
      // null while the grid re-renders at the new size: the poll asks again
      const box = await square.boundingBox();
      return box === null ? null : Math.round(box.height);
    }).toBe(pixels);
    await expectRetryClearOfReason(square);
    await expectRetryClearOfReason(narrow);
    if (pixels === 140) await screenshot(page, 'feed-retry-download-small');
  }
});
