import { readFileSync, renameSync, writeFileSync } from 'node:fs';
import path from 'node:path';

/**
 * The studio window's size and place, remembered between runs in `<dataDir>/window-state.json`.
 * A saved place is only reused where it is still visible: monitors get unplugged and resolutions change.
 */

export interface Rect {
  x: number;
  y: number;
  width: number;
  height: number;
}

export interface WindowState {
  bounds: Rect;
  maximized: boolean;
}

export const DEFAULT_SIZE = { width: 1440, height: 900 } as const;
export const MIN_SIZE = { width: 900, height: 600 } as const;
/** How much of the window must overlap a display for the saved place to count as visible. */
const MIN_VISIBLE = { width: 200, height: 100 } as const;
const FILE = 'window-state.json';

const isFiniteNumber = (value: unknown): value is number => typeof value === 'number' && Number.isFinite(value);

/** Parses saved JSON; anything malformed gives undefined (the window opens at its default place). */
export function parseWindowState(text: string): WindowState | undefined {
  let data: unknown;
  try {
    data = JSON.parse(text);
  } catch {
    return undefined;
  }
  if (typeof data !== 'object' || data === null) return undefined;
  const { bounds, maximized } = data as { bounds?: Partial<Record<keyof Rect, unknown>>; maximized?: unknown };
  if (typeof bounds !== 'object' || bounds === null) return undefined;
  const { x, y, width, height } = bounds;
  if (!isFiniteNumber(x) || !isFiniteNumber(y) || !isFiniteNumber(width) || !isFiniteNumber(height) || width <= 0 || height <= 0) return undefined;
  return { bounds: { x: Math.round(x), y: Math.round(y), width: Math.round(width), height: Math.round(height) }, maximized: maximized === true };
}

function overlap(a: Rect, b: Rect): { width: number; height: number } {
  return {
    width: Math.max(0, Math.min(a.x + a.width, b.x + b.width) - Math.max(a.x, b.x)),
    height: Math.max(0, Math.min(a.y + a.height, b.y + b.height) - Math.max(a.y, b.y)),
  };
}

/** A size no smaller than the minimum and no larger than the work area (when the work area allows). */
function fitSize(size: { width: number; height: number }, area: Rect): { width: number; height: number } {
  return {
    width: Math.min(Math.max(size.width, MIN_SIZE.width), area.width),
    height: Math.min(Math.max(size.height, MIN_SIZE.height), area.height),
  };
}

function centred(size: { width: number; height: number }, area: Rect): Rect {
  const fitted = fitSize(size, area);
  return { ...fitted, x: area.x + Math.round((area.width - fitted.width) / 2), y: area.y + Math.round((area.height - fitted.height) / 2) };
}

/**
 * Where the window opens, given what was saved and the displays' work areas now (primary first):
 * the saved place when enough of it is on some display (moved fully onto that display and shrunk
 * to fit), otherwise the saved or default size centred on the primary display.
 */
export function placeWindow(saved: WindowState | undefined, workAreas: readonly Rect[]): WindowState {
  const primary = workAreas[0] ?? { x: 0, y: 0, ...DEFAULT_SIZE };
  if (!saved) return { bounds: centred(DEFAULT_SIZE, primary), maximized: false };

  let best: Rect | undefined;
  let bestArea = 0;
  for (const area of workAreas) {
    const shared = overlap(saved.bounds, area);
    if (shared.width >= MIN_VISIBLE.width && shared.height >= MIN_VISIBLE.height && shared.width * shared.height > bestArea) {
      best = area;
      bestArea = shared.width * shared.height;
    }
  }
  if (!best) return { bounds: centred(saved.bounds, primary), maximized: saved.maximized };

  const size = fitSize(saved.bounds, best);
  const x = Math.min(Math.max(saved.bounds.x, best.x), best.x + best.width - size.width);
  const y = Math.min(Math.max(saved.bounds.y, best.y), best.y + best.height - size.height);
  return { bounds: { x, y, ...size }, maximized: saved.maximized };
}

/** Reads the saved state from the data folder; undefined when there is none or it is unreadable. */
export function readWindowState(dataDir: string): WindowState | undefined {
  try {
    return parseWindowState(readFileSync(path.join(dataDir, FILE), 'utf8'));
  } catch {
    return undefined;
  }
}

/** Saves the state atomically (temp file, then rename) so a crash mid-write leaves the old file whole. */
export function saveWindowState(dataDir: string, state: WindowState): void {
  const file = path.join(dataDir, FILE);
  const temp = `${file}.${process.pid}.tmp`;
  writeFileSync(temp, `${JSON.stringify(state)}\n`);
  renameSync(temp, file);
}
