import type { Locator, Page } from '@playwright/test';
import { expect, test } from './fixtures.ts';
import { detail, fillDraft, screenshot, tileFor, tiles } from './studio.ts';

const PROMPT = 'a brass compass on a sea chart, macro';

interface Shown {
  /** Rendered size in device pixels (CSS pixels × devicePixelRatio). */
  width: number;
  height: number;
  naturalWidth: number;
  naturalHeight: number;
  left: number;
  top: number;
  box: { left: number; top: number; width: number; height: number };
}

/** What the viewer shows right now, measured in the page. */
function shown(page: Page): Promise<Shown> {
  return detail(page)
    .locator('.zoomable-img')
    .evaluate((node) => {
      // Typed structurally: this file compiles without the DOM library.
      const img = node as unknown as { naturalWidth: number; naturalHeight: number; getBoundingClientRect(): DOMRect; parentElement: { getBoundingClientRect(): DOMRect } };
      const rect = img.getBoundingClientRect();
      const box = img.parentElement.getBoundingClientRect();
      const dpr = (globalThis as unknown as { devicePixelRatio: number }).devicePixelRatio;
      return {
        width: rect.width * dpr,
        height: rect.height * dpr,
        naturalWidth: img.naturalWidth,
        naturalHeight: img.naturalHeight,
        left: rect.left,
        top: rect.top,
        box: { left: box.left, top: box.top, width: box.width, height: box.height },
      };
    });
}

async function openLoaded(page: Page): Promise<Locator> {
  await fillDraft(page, { prompt: PROMPT, seed: '42' });
  await page.getByRole('button', { name: 'Generate', exact: true }).click();
  await expect(tiles(page)).toHaveCount(1, { timeout: 20_000 });
  await tileFor(page, PROMPT).click();
  const view = detail(page);
  await expect.poll(async () => (await shown(page)).naturalWidth, { timeout: 15_000 }).toBe(1024);
  return view;
}

const zoomOf = (view: Locator) => view.getByTestId('zoomable-image');

test('the viewer: fit, actual size 1:1, zoom by keys, wheel and double-click, pan by arrows and drag, full screen, Esc in order', async ({ page, studio: _studio }) => {
  test.setTimeout(90_000);
  const view = await openLoaded(page);

  await test.step('it opens at fit: the whole image inside the frame, smaller than its pixels', async () => {
    await expect(view.getByRole('button', { name: 'Fit' })).toHaveAttribute('aria-pressed', 'true');
    const fit = await shown(page);
    expect(fit.width).toBeLessThan(1024);
    expect(fit.left).toBeGreaterThanOrEqual(fit.box.left - 0.5);
    expect(fit.top).toBeGreaterThanOrEqual(fit.box.top - 0.5);
    expect(fit.width / fit.height).toBeCloseTo(1, 2);
  });

  await test.step('Z shows image pixels 1:1: the rendered size is the PNG\'s natural size', async () => {
    await page.keyboard.press('z');
    await expect(view.getByRole('button', { name: 'Actual size' })).toHaveAttribute('aria-pressed', 'true');
    await expect(view.getByTestId('zoom-level')).toHaveText('100 %');
    const actual = await shown(page);
    expect(actual.width).toBe(actual.naturalWidth);
    expect(actual.height).toBe(actual.naturalHeight);
    // Centred on the middle of the image.
    expect(actual.left + actual.width / 2).toBeCloseTo(actual.box.left + actual.box.width / 2, 0);
  });

  await test.step('zoomed, arrows pan (and no longer change the image); a drag pans by its distance', async () => {
    const before = await shown(page);
    // The frame is wider than tall, so the image has more room to pan up and down than sideways.
    await page.keyboard.press('ArrowDown');
    const panned = await shown(page);
    expect(panned.top).toBe(before.top - 80);
    expect(panned.left).toBe(before.left);
    await expect(view.getByRole('button', { name: 'Image 1' })).toHaveAttribute('aria-pressed', 'true');
    const frame = (await zoomOf(view).boundingBox())!;
    await page.mouse.move(frame.x + frame.width / 2, frame.y + frame.height / 2);
    await page.mouse.down();
    await page.mouse.move(frame.x + frame.width / 2 + 10, frame.y + frame.height / 2 + 50, { steps: 3 });
    await page.mouse.up();
    const dragged = await shown(page);
    expect(dragged.left - panned.left).toBe(10);
    expect(dragged.top - panned.top).toBe(50);
    // Never past the edge: a long drag stops with the image's top at the frame's top.
    await page.mouse.move(frame.x + frame.width / 2, frame.y + 10);
    await page.mouse.down();
    await page.mouse.move(frame.x + frame.width / 2, frame.y + frame.height - 10, { steps: 3 });
    await page.mouse.up();
    expect((await shown(page)).top).toBeCloseTo(dragged.box.top, 0);
    await screenshot(page, 'viewer-zoomed');
  });

  await test.step('+ and − zoom a step; Z from any zoom goes back to fit', async () => {
    await page.keyboard.press('+');
    await expect(view.getByTestId('zoom-level')).toHaveText('125 %');
    await page.keyboard.press('=');
    await expect(view.getByTestId('zoom-level')).toHaveText('156 %');
    await page.keyboard.press('-');
    await expect(view.getByTestId('zoom-level')).toHaveText('125 %');
    await page.keyboard.press('Z');
    await expect(view.getByRole('button', { name: 'Fit' })).toHaveAttribute('aria-pressed', 'true');
  });

  await test.step('the wheel zooms about the pointer; double-click toggles fit and actual size', async () => {
    const frame = (await zoomOf(view).boundingBox())!;
    const at = { x: frame.x + frame.width * 0.3, y: frame.y + frame.height * 0.6 };
    const fit = await shown(page);
    const point = { y: (at.y - fit.top) / fit.height };
    await page.mouse.move(at.x, at.y);
    await page.mouse.wheel(0, -100);
    await expect(zoomOf(view)).not.toHaveAttribute('data-zoom', 'fit');
    const zoomed = await shown(page);
    expect(zoomed.width).toBeGreaterThan(fit.width);
    // The image point under the pointer stayed under it, up and down; across, the image is still
    // narrower than the frame, and an image narrower than its frame stays centred.
    expect(zoomed.top + point.y * zoomed.height).toBeCloseTo(at.y, 0);
    expect(zoomed.width).toBeLessThan(zoomed.box.width);
    expect(zoomed.left + zoomed.width / 2).toBeCloseTo(zoomed.box.left + zoomed.box.width / 2, 0);
    await view.getByRole('button', { name: 'Fit' }).click();
    // A trackpad pinch arrives as Ctrl+wheel: it zooms the image, never the whole page.
    await page.mouse.move(at.x, at.y);
    await page.keyboard.down('Control');
    await page.mouse.wheel(0, -20);
    await page.keyboard.up('Control');
    await expect(zoomOf(view)).not.toHaveAttribute('data-zoom', 'fit');
    expect(await page.evaluate(() => (globalThis as unknown as { visualViewport: { scale: number } }).visualViewport.scale)).toBe(1);
    await view.getByRole('button', { name: 'Fit' }).click();
    await zoomOf(view).dblclick({ position: { x: frame.width / 2, y: frame.height / 2 } });
    await expect(view.getByRole('button', { name: 'Actual size' })).toHaveAttribute('aria-pressed', 'true');
    expect((await shown(page)).width).toBe(1024);
    await zoomOf(view).dblclick({ position: { x: frame.width / 2, y: frame.height / 2 } });
    await expect(view.getByRole('button', { name: 'Fit' })).toHaveAttribute('aria-pressed', 'true');
  });

  await test.step('two fingers pinch the image larger on a touch screen', async () => {
    await expect(view.getByRole('button', { name: 'Fit' })).toHaveAttribute('aria-pressed', 'true');
    const frame = (await zoomOf(view).boundingBox())!;
    const y = frame.y + frame.height / 2;
    const cx = frame.x + frame.width / 2;
    const cdp = await page.context().newCDPSession(page);
    const touch = (type: 'touchStart' | 'touchMove' | 'touchEnd', spread: number) =>
      cdp.send('Input.dispatchTouchEvent', {
        type,
        touchPoints: type === 'touchEnd' ? [] : [
          { x: cx - spread, y, id: 0 },
          { x: cx + spread, y, id: 1 },
        ],
      });
    await touch('touchStart', 50);
    await touch('touchMove', 75);
    await touch('touchMove', 100);
    await touch('touchEnd', 0);
    await expect(zoomOf(view)).not.toHaveAttribute('data-zoom', 'fit');
    // Spread to twice the distance: twice the fit zoom.
    const fitZoom = frame.height / 1024;
    expect(Number(await zoomOf(view).getAttribute('data-zoom'))).toBeCloseTo(fitZoom * 2, 2);
    await cdp.detach();
    await view.getByRole('button', { name: 'Fit' }).click();
  });

  await test.step('at fit, arrows move between images again', async () => {
    await page.keyboard.press('ArrowRight');
    await expect(view.getByRole('button', { name: 'Image 2' })).toHaveAttribute('aria-pressed', 'true');
  });

  await test.step('Shift+F fills the screen with the viewer; Esc leaves full screen, then zoom, then the detail view', async () => {
    await page.keyboard.press('z');
    await page.keyboard.press('Shift+F');
    await expect(view.getByRole('button', { name: 'Full screen' })).toHaveAttribute('aria-pressed', 'true');
    expect(await page.evaluate(() => (globalThis as unknown as { document: { fullscreenElement: { className: string } | null } }).document.fullscreenElement?.className)).toBe('detail-stage');
    // Shift+F is full screen here, never "favourite".
    await expect(view.getByRole('button', { name: 'Favorite' })).toHaveAttribute('aria-pressed', 'false');
    await page.keyboard.press('Escape');
    await expect(view.getByRole('button', { name: 'Full screen' })).toHaveAttribute('aria-pressed', 'false');
    await expect(view.getByRole('button', { name: 'Actual size' })).toHaveAttribute('aria-pressed', 'true');
    await page.keyboard.press('Escape');
    await expect(view.getByRole('button', { name: 'Fit' })).toHaveAttribute('aria-pressed', 'true');
    await expect(view).toBeVisible();
    await page.keyboard.press('Escape');
    await expect(view).toHaveCount(0);
  });

  await test.step('in the grid, Z, + and Shift+F do nothing (Shift+F no longer favourites)', async () => {
    await page.keyboard.press('Shift+F');
    await page.keyboard.press('z');
    await page.keyboard.press('+');
    await expect(tileFor(page, PROMPT).locator('.tile-favorite')).toHaveCount(0);
    await expect(detail(page)).toHaveCount(0);
  });
});

test.describe('on a high-density screen', () => {
  test.use({ deviceScaleFactor: 2 });

  test('actual size still puts one image pixel on one screen pixel', async ({ page, studio: _studio }) => {
    const view = await openLoaded(page);
    await view.getByRole('button', { name: 'Actual size' }).click();
    const actual = await shown(page);
    expect(actual.width).toBe(1024);
    expect(actual.height).toBe(1024);
  });
});
