/** Issue 10 §6, feel: the bundled font, the folding Generate panel, the thumbnail size, toasts and headers that stay readable. */
import path from 'node:path';
import type { Page } from '@playwright/test';
import { startPreviewHost } from '../../electron/preview/host.ts';
import { expect, test } from './fixtures.ts';
import { expectImagesLoaded, screenshot, tiles } from './studio.ts';

const rendererDir = path.resolve(import.meta.dirname, '../../out/renderer');

async function generate(page: Page, prompt: string): Promise<void> {
  await page.getByLabel('Prompt', { exact: true }).fill(prompt);
  await page.getByRole('button', { name: 'Generate', exact: true }).click();
}

test('the UI font is Inter, served by the studio itself: nothing is fetched from another origin', async ({ page, studio }) => {
  const origin = new URL(studio.host.url).origin;
  const elsewhere: string[] = [];
  const fonts: string[] = [];
  page.on('request', (request) => {
    if (!request.url().startsWith(origin)) elsewhere.push(request.url());
    if (request.resourceType() === 'font') fonts.push(request.url());
  });
  await page.reload();
  await expect(page.locator('.app[data-ready="true"]')).toBeVisible();
  // Typed structurally: this file compiles without the DOM library.
  const faces = await page.evaluate(async () => {
    const doc = (globalThis as unknown as { document: { fonts: Iterable<{ family: string; status: string }> & { ready: Promise<unknown> } } }).document;
    await doc.fonts.ready;
    return [...doc.fonts].filter((face) => face.family.replaceAll('"', '') === 'Inter Variable').map((face) => face.status);
  });
  expect(faces).toContain('loaded');
  expect(await page.locator('body').evaluate((body) => getComputedStyle(body).fontFamily)).toMatch(/^"Inter Variable"/);
  expect(fonts.length).toBeGreaterThan(0);
  expect(fonts.every((url) => url.startsWith(origin) && url.endsWith('.woff2'))).toBe(true);
  expect(elsewhere).toEqual([]);
});

test("the font's Latin face is asked with the page, before the window's script is in, and only once", async ({ page, studio }) => {
  // A fresh context, so nothing comes from the cache of the page already open.
  const context = await page.context().browser()!.newContext();
  try {
    const fresh = await context.newPage();
    await fresh.goto(studio.host.url);
    await expect(fresh.locator('.app[data-ready="true"]')).toBeVisible();
    const timing = await fresh.evaluate(async () => {
      await document.fonts.ready;
      const entries = performance.getEntriesByType('resource') as PerformanceResourceTiming[];
      const script = entries.find((entry) => /\/assets\/index-[^/]*\.js$/.test(entry.name));
      const latin = entries.filter((entry) => /\/assets\/inter-latin-wght-normal-[^/]*\.woff2$/.test(entry.name));
      return { scriptEnd: script?.responseEnd ?? null, latinStarts: latin.map((entry) => entry.startTime) };
    });
    // Found only by the window's first layout (after its script has run), it came behind the first
    // thumbnails and laid the whole window out and painted it again; the stylesheet uses the same request.
    expect(timing.scriptEnd).not.toBeNull();
    expect(timing.latinStarts).toHaveLength(1);
    expect(timing.latinStarts[0]).toBeLessThan(timing.scriptEnd!);
  } finally {
    await context.close();
  }
});

test('Ctrl/Cmd+B and the "Generate panel" button fold the panel, even while typing; the choice is kept; only the panel moves', async ({ page, studio: _studio }) => {
  const toggle = page.getByRole('button', { name: 'Generate panel' });
  const form = page.getByRole('form', { name: 'New generation' });
  const prompt = page.getByLabel('Prompt', { exact: true });
  const gallery = page.getByRole('region', { name: 'Gallery' });
  const sidebar = page.locator('.sidebar');
  await expect(toggle).toHaveAttribute('aria-expanded', 'true');
  await expect(form).toBeVisible();
  const before = { gallery: (await gallery.boundingBox())!, sidebar: (await sidebar.boundingBox())!, toolbar: (await page.locator('.gallery-toolbar').boundingBox())! };

  // In the prompt: Ctrl+B folds the panel and types nothing.
  await prompt.fill('a heron at dusk');
  await prompt.press('Control+b');
  await expect(form).toBeHidden();
  await expect(toggle).toHaveAttribute('aria-expanded', 'false');
  await expect(toggle).toBeFocused();
  const folded = { gallery: (await gallery.boundingBox())!, sidebar: (await sidebar.boundingBox())!, toolbar: (await page.locator('.gallery-toolbar').boundingBox())! };
  // Everything slides left by the panel's width and nothing else moves: same tops, same right edge.
  const panelWidth = before.sidebar.x - folded.sidebar.x;
  expect(panelWidth).toBeGreaterThan(300);
  expect(folded.gallery.x).toBeCloseTo(before.gallery.x - panelWidth, 0);
  expect(folded.gallery.x + folded.gallery.width).toBeCloseTo(before.gallery.x + before.gallery.width, 0);
  expect(folded.gallery.y).toBeCloseTo(before.gallery.y, 0);
  expect(folded.toolbar.y).toBeCloseTo(before.toolbar.y, 0);
  expect(folded.toolbar.height).toBeCloseTo(before.toolbar.height, 0);
  await screenshot(page, 'feel-panel-folded');

  // From the search box too: the panel comes back with the prompt in focus and the draft kept.
  await page.getByLabel('Search', { exact: true }).focus();
  await page.keyboard.press('Control+b');
  await expect(form).toBeVisible();
  await expect(prompt).toBeFocused();
  await expect(prompt).toHaveValue('a heron at dusk');
  await expect(page.getByLabel('Search', { exact: true })).toHaveValue('');

  // The button, and the choice kept between sessions.
  await toggle.click();
  await expect(form).toBeHidden();
  await page.reload();
  await expect(page.locator('.app[data-ready="true"]')).toBeVisible();
  await expect(toggle).toHaveAttribute('aria-expanded', 'false');
  await expect(form).toBeHidden();
  await toggle.click();
  await expect(toggle).toHaveAttribute('aria-expanded', 'true');
  await expect(form).toBeVisible();
});

/** The first tile's height in whole pixels; null while no tile is laid out (a layout switch re-renders the grid), so a poll asks again. */
async function tileHeight(page: Page): Promise<number | null> {
  const box = await tiles(page).first().boundingBox();
  return box === null ? null : Math.round(box.height);
}

test('"Thumbnail size" sets the gallery row height and is kept between sessions', async ({ page, studio: _studio }) => {
  await generate(page, 'a lone heron');
  await expect(tiles(page)).toHaveCount(1, { timeout: 20_000 });
  const size = page.getByRole('slider', { name: 'Thumbnail size' });
  await expect(size).toHaveValue('300');
  // One square tile: the last row keeps the target height, so the tile is exactly that high.
  await expect.poll(() => tileHeight(page)).toBe(300);
  await size.fill('180');
  await expect.poll(() => tileHeight(page)).toBe(180);
  await size.focus();
  await page.keyboard.press('ArrowRight');
  await expect(size).toHaveValue('200');
  await expect.poll(() => tileHeight(page)).toBe(200);

  await page.getByRole('button', { name: 'Single images' }).click();
  await expect.poll(() => tileHeight(page)).toBe(153);
  await page.getByRole('button', { name: 'Four-up tiles' }).click();

  await page.reload();
  await expect(page.locator('.app[data-ready="true"]')).toBeVisible();
  await expect(size).toHaveValue('200');
  await expect.poll(() => tileHeight(page)).toBe(200);
});

test('a tile shows its prompt while pointed at or current, and lays none of it out otherwise', async ({ page, studio: _studio }) => {
  await generate(page, 'a lone heron over still water');
  await expect(tiles(page)).toHaveCount(1, { timeout: 20_000 });
  const caption = tiles(page).first().locator('.tile-caption');
  // out of the layout, not merely transparent: every tile's prompt was shaped at each new page
  await expect(caption).toBeHidden();
  await tiles(page).first().hover();
  await expect(caption).toBeVisible();
  await expect(caption).toContainText('a lone heron over still water');
  await expect.poll(() => caption.evaluate((element) => getComputedStyle(element).opacity)).toBe('1');
  await page.mouse.move(2, 2);
  await expect(caption).toBeHidden();
  // the keyboard's current tile shows it too
  await tiles(page).first().focus();
  await expect(caption).toBeVisible();
});

test("a tile's images cover their cells drawn whole, in their own proportions, so Chromium decodes them at the size drawn", async ({ page, studio: _studio }) => {
  await generate(page, 'a paper lantern in the rain');
  await expect(tiles(page)).toHaveCount(1, { timeout: 20_000 });
  // the run as it lands (the feed decodes its pictures first), then in the gallery from its grid picture
  await expectDrawnWhole(page, 4);
  await untilDrawnFromGrid(page);
  await expect(page.locator('.gallery-rows').getByTestId('gallery-tile')).toHaveCount(1);
  await expectDrawnWhole(page, 1);
});

test("a four-up tile is its grid picture, one image, each quarter centred on its cell with the gap drawn over the seams; a grid that cannot load leaves it to the four thumbnails", async ({ page, studio: _studio }) => {
  // wide: a quarter's height overflows its cell by less than its width does, unless the picture says so
  await generate(page, 'a heron on one leg at dawn --ar 16:9');
  await expect(tiles(page)).toHaveCount(1, { timeout: 20_000 });
  await untilDrawnFromGrid(page);
  const tile = tiles(page).first();
  await expectImagesLoaded(tile, 1);
  const drawn = await tile.locator('.tile-quad').evaluate((quad) => {
    // Typed structurally: this file compiles without the DOM library.
    const element = quad as unknown as { getBoundingClientRect(): Box; querySelector(selector: string): { src: string; getBoundingClientRect(): Box } };
    const img = element.querySelector('img');
    const box = img.getBoundingClientRect();
    const whole = element.getBoundingClientRect();
    const across = (i: number) => ({ x: whole.x + (i % 2) * (whole.width / 2 + 1), y: whole.y + (i >> 1) * (whole.height / 2 + 1), width: whole.width / 2 - 1, height: whole.height / 2 - 1 });
    const seams = [getComputedStyle(quad as unknown as Element, '::before').width, getComputedStyle(quad as unknown as Element, '::after').height];
    const cells = [0, 1, 2, 3].map((i) => {
      // where quarter i of the picture is drawn, against the cell it should cover (the tile's 2 × 2, 2 px apart)
      const cell = across(i);
      const quarter = { x: box.x + ((i % 2) * box.width) / 2, y: box.y + ((i >> 1) * box.height) / 2, width: box.width / 2, height: box.height / 2 };
      return {
        centred: Math.abs(quarter.x + quarter.width / 2 - (cell.x + cell.width / 2)) < 1 && Math.abs(quarter.y + quarter.height / 2 - (cell.y + cell.height / 2)) < 1,
        // by at least 1 px on every side: where a neighbour's pixels are blurred in, the gap lies over them
        covers: Math.min(cell.x - quarter.x, cell.y - quarter.y, quarter.x + quarter.width - (cell.x + cell.width), quarter.y + quarter.height - (cell.y + cell.height)) >= 0.99,
      };
    });
    return { src: img.src, seams, cells };
  });
  expect(drawn.src).toMatch(/-grid\.jpg$/);
  expect(drawn.seams).toEqual(['2px', '2px']);
  expect(drawn.cells).toEqual(Array.from({ length: 4 }, () => ({ centred: true, covers: true })));
  await screenshot(page, 'feel-grid-tile');

  // the grid refused (a damaged or missing file): each cell falls back to its image's thumbnail
  await page.route(/-grid\.jpg$/, (route) => route.fulfill({ status: 404 }));
  await page.reload();
  await expectImagesLoaded(tiles(page).first(), 4);
  const sources = await tiles(page).first().locator('img').evaluateAll((images) => (images as unknown as { src: string }[]).map((img) => img.src));
  expect(sources.map((src) => src.match(/-(\d)\.jpg$/)?.[1])).toEqual(['0', '1', '2', '3']);
});

/** The run is shown done first (in the feed, its four thumbnails as they came); its grid is made just after: reloads until the gallery's tile draws it. */
async function untilDrawnFromGrid(page: Page): Promise<void> {
  await expect
    .poll(async () => {
      await page.reload();
      return tiles(page).first().locator('img').first().getAttribute('src');
    })
    .toMatch(/-grid\.jpg$/);
}

async function expectDrawnWhole(page: Page, images: number): Promise<void> {
  await expectImagesLoaded(tiles(page).first(), images);
  const drawn = await tiles(page)
    .first()
    .locator('img')
    .evaluateAll((images) =>
      // Typed structurally: this file compiles without the DOM library.
      (images as unknown as { naturalWidth: number; naturalHeight: number; parentElement: { getBoundingClientRect(): Box }; getBoundingClientRect(): Box }[]).map((img) => {
        const box = img.getBoundingClientRect();
        const cell = img.parentElement.getBoundingClientRect();
        return {
          fit: getComputedStyle(img as unknown as Element).objectFit,
          ownProportions: Math.abs(box.width / box.height - img.naturalWidth / img.naturalHeight) < 0.02,
          covers: box.x <= cell.x && box.y <= cell.y && box.x + box.width >= cell.x + cell.width && box.y + box.height >= cell.y + cell.height,
        };
      }),
    );
  // object-fit's crop made Chromium decode each 400 px thumbnail whole, ~3x the work of one drawn whole
  expect(drawn).toEqual(Array.from({ length: images }, () => ({ fit: 'fill', ownProportions: true, covers: true })));
}

type Box = { x: number; y: number; width: number; height: number };
const overlaps = (a: Box, b: Box) => a.x < b.x + b.width && b.x < a.x + a.width && a.y < b.y + b.height && b.y < a.y + a.height;

test('toasts never lie over the controls they speak of; a date in a header stays on one line', async ({ page, studio: _studio }) => {
  test.setTimeout(90_000);
  await generate(page, 'a kingfisher over a stream, long exposure, early morning mist');
  await generate(page, 'a kingfisher diving');
  await expect(tiles(page)).toHaveCount(2, { timeout: 20_000 });
  const toast = page.getByTestId('toast');
  const boxOf = async (locator: ReturnType<Page['locator']>) => (await locator.boundingBox())!;

  // In the grid, with the selection bar up: the toast about the selection lies over neither it nor Generate.
  await tiles(page).nth(0).click({ modifiers: ['ControlOrMeta'] });
  await tiles(page).nth(1).click({ modifiers: ['ControlOrMeta'] });
  const bar = page.getByRole('toolbar', { name: 'Selection' });
  await expect(bar).toBeVisible();
  await page.keyboard.press('f');
  await expect(toast).toHaveCount(1);
  for (const control of [bar, page.getByRole('button', { name: 'Generate', exact: true }), page.getByRole('form', { name: 'New generation' })]) {
    expect(overlaps(await boxOf(toast), await boxOf(control))).toBe(false);
  }
  await screenshot(page, 'feel-toast-grid');
  await toast.getByRole('button', { name: 'Close message' }).click();
  await page.keyboard.press('Escape');

  // In the detail view: over the picture, never over the image strip, the viewer's buttons or the side panel.
  await tiles(page).nth(1).click();
  const detail = page.getByRole('dialog', { name: 'Generation details' });
  await expect(detail).toBeVisible();
  await page.keyboard.press('f');
  await expect(toast).toHaveCount(1);
  for (const control of [detail.getByRole('group', { name: 'Images' }), detail.locator('.detail-side'), detail.getByRole('button', { name: 'Zoom in' })]) {
    expect(overlaps(await boxOf(toast), await boxOf(control))).toBe(false);
  }
  expect(overlaps(await boxOf(toast), await boxOf(detail.locator('.detail-image')))).toBe(true);
  await screenshot(page, 'feel-toast-detail');

  // The date by the generation's number is one line, however many buttons share the header.
  const date = detail.locator('.detail-when');
  const lineHeight = await date.evaluate((el) => parseFloat(getComputedStyle(el).lineHeight));
  expect((await boxOf(date)).height).toBeLessThan(lineHeight * 1.5);
  await page.setViewportSize({ width: 1024, height: 720 });
  expect((await boxOf(date)).height).toBeLessThan(lineHeight * 1.5);
});

test('in a 1024 px window with both side panels open, every gallery control stays inside the gallery and can be clicked', async ({ page, studio: _studio }) => {
  await page.setViewportSize({ width: 1024, height: 720 });
  await expect(page.getByRole('region', { name: 'Collections', exact: true })).toBeVisible();
  await expect(page.getByRole('form', { name: 'New generation' })).toBeVisible();
  const gallery = page.getByRole('region', { name: 'Gallery', exact: true });
  const right = await gallery.evaluate((element) => element.getBoundingClientRect().right);
  // Typed structurally: this file compiles without the DOM library.
  const outside = await page.locator('.toolbar-row > *').evaluateAll((controls, edge) =>
    (controls as unknown as { className: string; getBoundingClientRect(): Box }[]).filter((control) => control.getBoundingClientRect().x + control.getBoundingClientRect().width > edge + 0.5).map((control) => control.className), right);
  expect(outside).toEqual([]);
  // the last of them, the layout buttons, answer a click
  await page.getByRole('button', { name: 'Single images', exact: true }).click();
  await expect(page.getByRole('button', { name: 'Single images', exact: true })).toHaveAttribute('aria-pressed', 'true');
});

test("where the search box is narrower than its examples, they end with an ellipsis, not cut mid-word", async ({ page, studio: _studio }) => {
  // beside the controls, with both side panels open (in a narrower gallery the box has a line of its own)
  await page.setViewportSize({ width: 1440, height: 720 });
  const search = page.getByRole('searchbox', { name: 'Search', exact: true });
  const fits = await search.evaluate((input: HTMLInputElement) => {
    const style = getComputedStyle(input);
    const text = document.createElement('canvas').getContext('2d')!;
    text.font = `${style.fontWeight} ${style.fontSize} ${style.fontFamily}`;
    return { overflow: style.textOverflow, needs: text.measureText(input.placeholder).width, has: input.clientWidth };
  });
  // the examples do not fit at this width, so how they end shows
  expect(fits.needs).toBeGreaterThan(fits.has);
  expect(fits.overflow).toBe('ellipsis');
  await screenshot(page, 'feel-search-narrow');
});

test('the preview says at once when its host is gone, keeps the page, reconnects to the same host by itself, and tells how to reopen a restarted one', async ({ page, studio }) => {
  test.setTimeout(90_000);
  await generate(page, 'a heron in the reeds');
  await expect(tiles(page)).toHaveCount(1, { timeout: 20_000 });
  await expectImagesLoaded(tiles(page), 4);
  const { port, token } = studio.host;
  const lost = page.getByRole('alert').filter({ hasText: 'Lost the connection to the Atelier preview host' });
  const restarted = page.getByRole('alert').filter({ hasText: 'The Atelier preview was restarted' });

  await studio.host.close();
  await expect(lost).toBeVisible();
  // What was on screen stays: the tile and its pictures, the draft.
  await expect(tiles(page)).toHaveCount(1);
  await expectImagesLoaded(tiles(page), 4);
  await expect(page.getByRole('form', { name: 'New generation' })).toBeVisible();
  await screenshot(page, 'feel-preview-lost');

  // The same host (same port, same token) comes back: the page finds it by itself and works again.
  const same = await startPreviewHost({ core: studio.core, rendererDir, port, token });
  try {
    await expect(lost).toHaveCount(0);
    await generate(page, 'a second heron');
    await expect(tiles(page)).toHaveCount(2, { timeout: 20_000 });
  } finally {
    await same.close();
  }

  // A restarted host has a new token: the page cannot get back in, and says how to reopen it.
  await expect(lost).toBeVisible();
  const fresh = await startPreviewHost({ core: studio.core, rendererDir, port });
  try {
    await expect(restarted).toBeVisible();
    await expect(restarted).toContainText('open the address it printed');
    await expect(lost).toHaveCount(0);
    await expect(tiles(page)).toHaveCount(2);
    await screenshot(page, 'feel-preview-restarted');
  } finally {
    await fresh.close();
  }
});
