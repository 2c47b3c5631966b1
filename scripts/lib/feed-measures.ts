/**
 * The feed's two numbers for `bench:ui`, measured in the page of a running preview (Chromium):
 * (a) milliseconds from a run's images landing (the first `generation:updated` push in which all
 * four are saved reaching the page) to its finished tile painted with the four decoded and
 * visible, target ≤ 100 ms; (b) the gallery's layout-shift sum (PerformanceObserver
 * `layout-shift`, buffered) while five runs start and finish, target 0.
 *
 * Page functions are typed structurally, so this file compiles without the DOM library.
 */
import type { Page } from '@playwright/test';

export const FEED_TARGETS = { landingToPaintMs: 100, layoutShift: 0 } as const;

/** What the page keeps for these measures (set up by `prepareFeedMeasures`). */
interface Probe {
  /** performance.now() when the first push with all four images of generation `id` saved reached the page. */
  pushes: Record<number, number>;
  /** performance.now() of the frame after the one that first drew that run's finished tile with its four images decoded. */
  painted: Record<number, number>;
  /** performance.now() when the push saying generation `id` is done reached the page (it follows the four images' push). */
  landedPushes: Record<number, number>;
  /** performance.now() of the first frame in which the run's tile, landed or not, held its four images loaded. */
  imagesIn: Record<number, number>;
  /** Each shift; `moved` names what moved and from where to where, to find a cause. */
  shifts: { at: number; value: number; hadRecentInput: boolean; inGallery: boolean; moved: string[] }[];
}

interface ProbeWindow {
  __feedProbe?: Probe;
}

/**
 * Installs the probe and reloads the page so it is in place before the preview's WebSocket opens:
 * when each run's images land, when its tile is painted, and every layout shift with whether it
 * moved part of the gallery. Call once per page, before the other functions.
 */
export async function prepareFeedMeasures(page: Page): Promise<void> {
  await page.addInitScript(() => {
    type Rect = { x: number; y: number; width: number; height: number };
    type Source = { node?: { nodeName?: string; className?: unknown } | null; previousRect: Rect; currentRect: Rect };
    type Shift = { startTime: number; value: number; hadRecentInput: boolean; sources?: Source[] };
    type Img = { complete: boolean; naturalWidth: number; decode(): Promise<void> };
    type Tile = { getAttribute(name: string): string | null; querySelectorAll(selector: string): ArrayLike<Img> };
    type Scope = {
      WebSocket: new (...args: unknown[]) => { addEventListener(type: 'message', listener: (event: { data: unknown }) => void): void };
      PerformanceObserver: new (callback: (list: { getEntries(): Shift[] }) => void) => { observe(options: { type: string; buffered: boolean }): void };
      performance: { now(): number };
      requestAnimationFrame(callback: () => void): void;
      document: { querySelector(selector: string): { contains(node: unknown): boolean } | null; querySelectorAll(selector: string): ArrayLike<Tile> };
      __feedProbe?: Probe;
    };
    const scope = globalThis as unknown as Scope;
    const probe: Probe = { pushes: {}, painted: {}, landedPushes: {}, imagesIn: {}, shifts: [] };
    scope.__feedProbe = probe;
    const Native = scope.WebSocket;
    // The app's own listener is added after the constructor: this one sees each frame first.
    scope.WebSocket = class extends Native {
      constructor(...args: unknown[]) {
        super(...args);
        this.addEventListener('message', (event) => {
          try {
            const message = JSON.parse(String(event.data)) as { kind?: string; event?: string; payload?: { id?: number; status?: string; images?: { state?: string }[] } };
            const id = message.payload?.id;
            const images = message.payload?.images ?? [];
            if (message.kind === 'event' && message.event === 'generation:updated' && typeof id === 'number' && images.length === 4 && images.every((image) => image.state === 'done')) {
              probe.pushes[id] ??= scope.performance.now();
              if (message.payload?.status === 'done') probe.landedPushes[id] ??= scope.performance.now();
            }
          } catch {
            // not a frame of ours
          }
        });
      }
    };
    // Every frame: a finished run's tile whose four images are loaded is decoded, then timed at the next frame.
    const decoding = new Set<number>();
    const watch = () => {
      for (const tile of Array.from(scope.document.querySelectorAll('.feed-tile'))) {
        const id = Number(tile.getAttribute('data-id'));
        if (probe.pushes[id] === undefined || probe.imagesIn[id] !== undefined) continue;
        const images = Array.from(tile.querySelectorAll('img'));
        if (images.length === 4 && images.every((img) => img.complete && img.naturalWidth > 0)) probe.imagesIn[id] = scope.performance.now();
      }
      for (const tile of Array.from(scope.document.querySelectorAll('[data-testid="feed-landed"]'))) {
        const id = Number(tile.getAttribute('data-id'));
        if (probe.pushes[id] === undefined || probe.painted[id] !== undefined || decoding.has(id)) continue;
        const images = Array.from(tile.querySelectorAll('img'));
        if (images.length !== 4 || !images.every((img) => img.complete && img.naturalWidth > 0)) continue;
        decoding.add(id);
        void Promise.all(images.map((img) => img.decode().catch(() => undefined))).then(() =>
          scope.requestAnimationFrame(() => {
            probe.painted[id] = scope.performance.now();
            decoding.delete(id);
          }),
        );
      }
      scope.requestAnimationFrame(watch);
    };
    scope.requestAnimationFrame(watch);
    new scope.PerformanceObserver((list) => {
      const gallery = scope.document.querySelector('.gallery-scroll');
      for (const entry of list.getEntries()) {
        const inGallery = gallery !== null && (entry.sources ?? []).some((source) => source.node !== undefined && source.node !== null && gallery.contains(source.node));
        const rect = (r: Rect) => `${Math.round(r.x)},${Math.round(r.y)} ${Math.round(r.width)}×${Math.round(r.height)}`;
        const moved = (entry.sources ?? []).map((source) => `${source.node?.nodeName ?? '?'}.${String(source.node?.className ?? '')} ${rect(source.previousRect)} → ${rect(source.currentRect)}`);
        probe.shifts.push({ at: entry.startTime, value: entry.value, hadRecentInput: entry.hadRecentInput, inGallery, moved });
      }
    }).observe({ type: 'layout-shift', buffered: true });
  });
  await page.reload();
  await page.locator('.app[data-ready="true"]').waitFor();
}

/** Starts a run the way an artist does: the prompt typed, Generate pressed. */
async function startRun(page: Page, prompt: string): Promise<void> {
  await page.getByLabel('Prompt', { exact: true }).fill(prompt);
  await page.getByRole('button', { name: 'Generate', exact: true }).click();
}

/**
 * Waits until the run whose prompt (without its --flags) is `prompt` has its finished tile painted,
 * and answers the milliseconds from its images landing to then. Bounded by `timeoutMs`.
 */
export async function paintedAfterPush(page: Page, prompt: string, timeoutMs = 30_000): Promise<number> {
  return (await landingTimes(page, prompt, timeoutMs)).ms;
}

/** Where a landing's time went, each from the push with the four images saved: that run's "done" push, its four images in the page, its finished tile painted. */
export interface LandingTimes {
  ms: number;
  landedPushMs: number;
  imagesInMs: number;
}

/** The same wait as `paintedAfterPush`, answering where the time went. */
export async function landingTimes(page: Page, prompt: string, timeoutMs = 30_000): Promise<LandingTimes> {
  const handle = await page.waitForFunction(
    (words) => {
      type Scope = { __feedProbe?: Probe; document: { querySelectorAll(selector: string): ArrayLike<{ getAttribute(name: string): string | null; querySelector(selector: string): { getAttribute(name: string): string | null } | null }> } };
      const scope = globalThis as unknown as Scope;
      const probe = scope.__feedProbe;
      if (!probe) throw new Error('prepareFeedMeasures(page) first');
      // A finished run's tile is the gallery's own ("Open “a heron at dawn”"), in the feed's box.
      const tile = Array.from(scope.document.querySelectorAll('[data-testid="feed-landed"]')).find((landed) =>
        (landed.querySelector('[data-testid="gallery-tile"]')?.getAttribute('aria-label') ?? '').includes(`“${words}”`),
      );
      const id = Number(tile?.getAttribute('data-id'));
      const painted = probe.painted[id];
      const pushed = probe.pushes[id];
      const landed = probe.landedPushes[id] ?? painted;
      const imagesIn = probe.imagesIn[id] ?? painted;
      return painted !== undefined && pushed !== undefined && landed !== undefined && imagesIn !== undefined
        ? { ms: painted - pushed, landedPushMs: landed - pushed, imagesInMs: imagesIn - pushed }
        : false;
    },
    prompt.replace(/\s+--.*$/, ''),
    { timeout: timeoutMs, polling: 50 },
  );
  return (await handle.jsonValue()) as LandingTimes;
}

/** (a) Starts one run and answers the milliseconds from its images landing to its tile painted, and where they went. */
export async function landingToPaint(page: Page, prompt: string, timeoutMs = 30_000): Promise<LandingTimes> {
  await startRun(page, prompt);
  return landingTimes(page, prompt, timeoutMs);
}

export interface ShiftOverRuns {
  /** Sum of the layout-shift values that moved part of the gallery, input-driven ones included. */
  gallery: number;
  /** The same as the standard CLS counts it (shifts right after an input left out), for comparison. */
  galleryWithoutInput: number;
  /** Every shift on the page in the same time, for the record. */
  page: number;
  /** Each run's landing-to-paint time and where it went, in the order they were started. */
  landing: LandingTimes[];
}

/** A point in the page's time from which `galleryShiftSince` sums. */
export async function shiftMark(page: Page): Promise<number> {
  return page.evaluate(() => (globalThis as unknown as { performance: { now(): number } }).performance.now());
}

/** The layout shifts recorded since `mark`: the gallery's (input-driven ones included, and as CLS counts them) and the whole page's. */
export async function galleryShiftSince(page: Page, mark: number): Promise<Omit<ShiftOverRuns, 'landing'> & { moved: string[] }> {
  const shifts = await page.evaluate((after) => {
    const probe = (globalThis as unknown as ProbeWindow).__feedProbe;
    if (!probe) throw new Error('prepareFeedMeasures(page) first');
    return probe.shifts.filter((shift) => shift.at >= after);
  }, mark);
  const sum = (list: typeof shifts) => list.reduce((total, shift) => total + shift.value, 0);
  return {
    gallery: sum(shifts.filter((shift) => shift.inGallery)),
    galleryWithoutInput: sum(shifts.filter((shift) => shift.inGallery && !shift.hadRecentInput)),
    page: sum(shifts),
    moved: shifts.flatMap((shift) => shift.moved.map((what) => `${shift.hadRecentInput ? '(input) ' : ''}${shift.value.toFixed(4)} ${what}`)),
  };
}

/** (b) Starts the runs (five by default) one after another, waits until all are painted, and sums the layout shifts meanwhile. */
export async function layoutShiftOverRuns(page: Page, prompts: readonly string[] = fivePrompts, timeoutMs = 60_000): Promise<ShiftOverRuns> {
  const mark = await shiftMark(page);
  for (const prompt of prompts) await startRun(page, prompt);
  const landing: LandingTimes[] = [];
  for (const prompt of prompts) landing.push(await landingTimes(page, prompt, timeoutMs));
  const { moved: _moved, ...shift } = await galleryShiftSince(page, mark);
  return { ...shift, landing };
}

const fivePrompts = ['a heron at dawn', 'a red kite over hills --ar 16:9', 'a tall lighthouse --ar 9:16', 'a quiet harbour --ar 4:3', 'a field of poppies --ar 3:2'];
