import { readdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { DEFAULT_SIZE, parseWindowState, placeWindow, readWindowState, saveWindowState, type Rect } from '../../electron/core/desktop/window-state.ts';
import { tempDir } from '../support/temp-dir.ts';

const laptop: Rect = { x: 0, y: 25, width: 1512, height: 944 };
const external: Rect = { x: 1512, y: -200, width: 2560, height: 1415 };
const dirs: ReturnType<typeof tempDir>[] = [];
afterEach(() => dirs.splice(0).forEach((dir) => dir.remove()));

describe('window state', () => {
  it('opens at the default size centred on the primary display when nothing was saved', () => {
    expect(placeWindow(undefined, [{ x: 0, y: 0, width: 1920, height: 1080 }])).toEqual({
      bounds: { x: 240, y: 90, width: DEFAULT_SIZE.width, height: DEFAULT_SIZE.height },
      maximized: false,
    });
  });

  it('shrinks the default to a small screen', () => {
    expect(placeWindow(undefined, [{ x: 0, y: 0, width: 1280, height: 720 }]).bounds).toEqual({ x: 0, y: 0, width: 1280, height: 720 });
  });

  it('keeps a saved place that is on a display, also a secondary one', () => {
    const saved = { bounds: { x: 1700, y: 0, width: 1600, height: 1000 }, maximized: true };
    expect(placeWindow(saved, [laptop, external])).toEqual(saved);
  });

  it('moves a window that hangs off the edge fully onto the display it mostly covers', () => {
    const saved = { bounds: { x: 1000, y: 500, width: 1200, height: 800 }, maximized: false };
    expect(placeWindow(saved, [laptop]).bounds).toEqual({ x: 312, y: 169, width: 1200, height: 800 });
  });

  it('brings back a window left on a display that was unplugged, centred on the primary', () => {
    const saved = { bounds: { x: 2000, y: 100, width: 1000, height: 700 }, maximized: false };
    expect(placeWindow(saved, [laptop]).bounds).toEqual({ x: 256, y: 147, width: 1000, height: 700 });
  });

  it('treats a sliver of overlap as not visible', () => {
    const saved = { bounds: { x: 1450, y: 100, width: 1000, height: 700 }, maximized: false };
    expect(placeWindow(saved, [laptop]).bounds.x).toBe(256);
  });

  it('enforces the minimum size', () => {
    const saved = { bounds: { x: 10, y: 40, width: 200, height: 100 }, maximized: false };
    expect(placeWindow(saved, [laptop]).bounds).toEqual({ x: 10, y: 40, width: 900, height: 600 });
  });

  it('rejects malformed saved files', () => {
    for (const text of ['', 'null', '{}', '{"bounds":{"x":0,"y":0,"width":-5,"height":10}}', '{"bounds":{"x":"a","y":0,"width":5,"height":10}}', '[1,2]']) {
      expect(parseWindowState(text), text).toBeUndefined();
    }
    expect(parseWindowState('{"bounds":{"x":1.4,"y":2,"width":1000,"height":700},"maximized":"yes"}')).toEqual({
      bounds: { x: 1, y: 2, width: 1000, height: 700 },
      maximized: false,
    });
  });

  it('saves atomically into the data folder and reads back', () => {
    const dir = tempDir('atelier-window-');
    dirs.push(dir);
    expect(readWindowState(dir.path)).toBeUndefined();
    const state = { bounds: { x: 5, y: 6, width: 1000, height: 700 }, maximized: true };
    saveWindowState(dir.path, state);
    expect(readWindowState(dir.path)).toEqual(state);
    expect(readdirSync(dir.path)).toEqual(['window-state.json']);
    writeFileSync(path.join(dir.path, 'window-state.json'), '{ half written');
    expect(readWindowState(dir.path)).toBeUndefined();
  });
});
