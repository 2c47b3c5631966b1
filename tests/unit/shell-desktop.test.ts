import { mkdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { createImages, markImageDownloaded } from '../../electron/core/library/images.ts';
import { imagePath, toAbsolutePath } from '../../electron/core/media/layout.ts';
import { dispatch } from '../../electron/core/dispatch.ts';
import { runDesktopAction, savedImageFile, type DesktopActions } from '../../electron/core/desktop/desktop.ts';
import { addGeneration, tempLibrary } from '../support/library.ts';
import { Failure } from '../../electron/core/failure.ts';
import type { Handlers } from '../../electron/core/dispatch.ts';
import { channelNames } from '../../shared/contract.ts';

const libraries: ReturnType<typeof tempLibrary>[] = [];
afterEach(() => libraries.splice(0).forEach((library) => library.close()));

/** A library with one generation whose image 0 is saved on disk and image 1 is still pending. */
function libraryWithImage() {
  const library = tempLibrary();
  libraries.push(library);
  const createdAt = Date.UTC(2026, 10, 23);
  const generation = addGeneration(library.db, createdAt, { prompt: 'a lighthouse at dusk' });
  createImages(library.db, generation.id, [{ remoteUrl: 'https://cdn.example/0.png' }, { remoteUrl: 'https://cdn.example/1.png' }]);
  const file = imagePath({ generationId: generation.id, index: 0, createdAt });
  const absolute = toAbsolutePath(library.dataDir, file);
  mkdirSync(path.dirname(absolute), { recursive: true });
  writeFileSync(absolute, 'png bytes');
  markImageDownloaded(library.db, generation.id, 0, { file, thumbnail: null, bytes: 9, sha256: 'x', fileSha256: 'y', width: 1, height: 1 });
  return { ...library, id: generation.id, absolute };
}

function recordingDesktop() {
  const calls: [string, string][] = [];
  const desktop: DesktopActions = {
    startDrag: (file) => void calls.push(['startDrag', file]),
    copyImage: (file) => void calls.push(['copyImage', file]),
    showInFolder: (file) => void calls.push(['showInFolder', file]),
  };
  return { desktop, calls };
}

const failureOf = (run: () => unknown) => {
  try {
    run();
  } catch (error) {
    if (error instanceof Failure) return { code: error.code, message: error.message };
    throw error;
  }
  throw new Error('expected a Failure');
};

describe('desktop image actions', () => {
  it('resolve the file from the library row inside the data folder', () => {
    const library = libraryWithImage();
    expect(savedImageFile(library.db, library.dataDir, library.id, 0)).toBe(library.absolute);
    const { desktop, calls } = recordingDesktop();
    runDesktopAction(desktop, 'showInFolder', { db: library.db, dataDir: library.dataDir, generationId: library.id, index: 0 });
    runDesktopAction(desktop, 'copyImage', { db: library.db, dataDir: library.dataDir, generationId: library.id, index: 0 });
    expect(calls).toEqual([['showInFolder', library.absolute], ['copyImage', library.absolute]]);
  });

  it('refuse images not saved yet, missing images and missing generations', () => {
    const library = libraryWithImage();
    expect(failureOf(() => savedImageFile(library.db, library.dataDir, library.id, 1)).code).toBe('conflict');
    expect(failureOf(() => savedImageFile(library.db, library.dataDir, library.id, 3)).code).toBe('not_found');
    expect(failureOf(() => savedImageFile(library.db, library.dataDir, library.id + 100, 0)).code).toBe('not_found');
  });

  it('say clearly that only the desktop app can do it when no desktop shell is attached', () => {
    const library = libraryWithImage();
    const target = { db: library.db, dataDir: library.dataDir, generationId: library.id, index: 0 };
    expect(failureOf(() => runDesktopAction(undefined, 'startDrag', target))).toEqual({
      code: 'conflict',
      message: 'Only the desktop app can drag an image into another app.',
    });
    expect(failureOf(() => runDesktopAction(undefined, 'copyImage', target)).message).toMatch(/^Only the desktop app can copy/);
  });

  it('take only a generation id and an image index 0–3 from the renderer', async () => {
    const handlers = Object.fromEntries(channelNames.map((name) => [name, () => 'called'])) as unknown as Handlers;
    expect((await dispatch(handlers, 'image:copy', { generationId: 1, index: 0 })).ok).toBe(true);
    for (const input of [{ generationId: 1, index: 4 }, { generationId: 0, index: 0 }, { generationId: 1, index: 0, file: '/etc/passwd' }, undefined]) {
      const result = await dispatch(handlers, 'image:drag', input);
      expect(result.ok ? 'ok' : result.error.code).toBe('invalid_input');
    }
  });
});
