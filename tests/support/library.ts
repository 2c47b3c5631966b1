import type { EffectiveParams, GenerationParams } from '../../shared/generation.ts';
import { closeLibrary, openLibrary, type Library } from '../../electron/core/library/database.ts';
import { insertGeneration, markDone, markSubmitted, markSubmitting, type NewGeneration } from '../../electron/core/library/generations.ts';
import { createImages, markImageDownloaded } from '../../electron/core/library/images.ts';
import { searchGenerations } from '../../electron/core/library/search.ts';
import type { LibrarySearchInput } from '../../shared/search.ts';
import { tempDir } from './temp-dir.ts';

/** A library in a fresh temp folder; `close()` closes it and removes the folder. */
export function tempLibrary(): { db: Library; dataDir: string; close(): void } {
  const dir = tempDir('atelier-library-');
  const db = openLibrary(dir.path);
  return {
    db,
    dataDir: dir.path,
    close: () => {
      closeLibrary(db);
      dir.remove();
    },
  };
}

/** A complete new generation from a few overrides (the effective side mirrors the params). */
export function newGeneration(params: Partial<GenerationParams> & { prompt: string }, extra: Partial<NewGeneration> = {}): NewGeneration {
  const full: GenerationParams = { model: 'midjourney-v7', ...params };
  const effective: EffectiveParams = {
    model: full.model,
    prompt: full.prompt,
    aspectRatio: full.aspectRatio ?? '3:2',
    stylize: full.stylize ?? null,
    chaos: full.chaos ?? null,
    weird: full.weird ?? null,
    quality: full.quality ?? null,
    raw: full.raw ?? false,
    negativePrompt: full.negativePrompt ?? null,
    seed: full.seed ?? 42,
    referenceImageUrl: full.referenceImageUrl ?? null,
  };
  return { params: full, effective, requestBody: { model: full.model, input: { prompt: full.prompt } }, ...extra };
}

/** Inserts a generation created at `createdAt`. */
export function addGeneration(db: Library, createdAt: number, params: Partial<GenerationParams> & { prompt: string }, extra: Partial<NewGeneration> = {}) {
  return insertGeneration(db, newGeneration(params, extra), createdAt);
}

/** A finished run with four saved images (files named after the run), made at `at`; returns its id. */
export function addFinishedRun(db: Library, at: number, params: Partial<GenerationParams> & { prompt: string } = { prompt: `run ${at}` }): number {
  const g = addGeneration(db, at, params);
  markSubmitting(db, g.id, at);
  markSubmitted(db, g.id, `task-${g.id}`, at);
  createImages(db, g.id, Array.from({ length: 4 }, (_, i) => ({ remoteUrl: `https://cdn.example/${g.id}/${i}` })));
  for (let i = 0; i < 4; i += 1) {
    markImageDownloaded(db, g.id, i, { file: `images/${g.id}-${i}.png`, thumbnail: `thumbnails/${g.id}-${i}.webp`, bytes: 10, sha256: 'x', fileSha256: 'x', width: 1, height: 1 });
  }
  markDone(db, g.id, at);
  return g.id;
}

/** Every id a search finds, walked page after page of `limit`, in the order the pages give them. */
export function idsPageByPage(db: Library, search: LibrarySearchInput, limit: number): number[] {
  const ids: number[] = [];
  let cursor: string | null = null;
  do {
    const page = searchGenerations(db, { ...search, limit, ...(cursor === null ? {} : { cursor }) });
    ids.push(...page.items.map((g) => g.id));
    cursor = page.nextCursor;
  } while (cursor !== null);
  return ids;
}
