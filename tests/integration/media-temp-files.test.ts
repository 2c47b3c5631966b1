import { existsSync, mkdirSync, readdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { newTempPath, sweepTempFiles, TEMP_FOLDER } from '../../electron/core/media/temp-files.ts';
import { tempDir } from '../support/temp-dir.ts';
import { startTestCore } from '../support/test-core.ts';

let dataDir: { path: string; remove(): void };
beforeEach(() => {
  dataDir = tempDir('atelier-temp-');
});
afterEach(() => dataDir.remove());

describe('the library temp folder', () => {
  it('gives every temporary file a fresh name inside <library>/tmp/', async () => {
    const first = await newTempPath(dataDir.path, '/anywhere/images/2026/03/ab/7-0.png');
    const second = await newTempPath(dataDir.path, '7-0.png');
    expect(path.dirname(first)).toBe(path.join(dataDir.path, TEMP_FOLDER));
    expect(path.basename(first)).toMatch(/^[0-9a-f]{12}-7-0\.png\.part$/);
    expect(second).not.toBe(first);
  });

  it('the sweep empties the temp folder and touches nothing outside it', async () => {
    const tmp = path.join(dataDir.path, TEMP_FOLDER);
    mkdirSync(path.join(tmp, 'half-a-folder'), { recursive: true });
    writeFileSync(path.join(tmp, '0123456789ab-7-0.png.part'), 'half an image');
    writeFileSync(path.join(tmp, 'half-a-folder', 'x'), 'x');
    // A stray in the old place (next to the images) is not the sweep's business: it never walks that tree.
    const images = path.join(dataDir.path, 'images', '2026', '03', 'ab');
    mkdirSync(images, { recursive: true });
    writeFileSync(path.join(images, '.7-0.png.part-deadbeef0000'), 'old stray');
    writeFileSync(path.join(images, '7-0.png'), 'an image');

    expect(await sweepTempFiles(dataDir.path)).toBe(2);
    expect(readdirSync(tmp)).toEqual([]);
    expect(readdirSync(images).sort()).toEqual(['.7-0.png.part-deadbeef0000', '7-0.png']);
    expect(await sweepTempFiles(path.join(dataDir.path, 'no-library-here'))).toBe(0);
  });

  it('runs when the studio starts, before anything downloads', async () => {
    const tmp = path.join(dataDir.path, TEMP_FOLDER);
    mkdirSync(tmp, { recursive: true });
    writeFileSync(path.join(tmp, 'fedcba987654-3-2.png.part'), 'left by a crash');
    const core = await startTestCore(dataDir.path);
    try {
      expect(existsSync(path.join(tmp, 'fedcba987654-3-2.png.part'))).toBe(false);
    } finally {
      await core.close();
    }
  });
});
