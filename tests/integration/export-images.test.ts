import { execFileSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { mkdirSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import type { ExportProgress } from '../../shared/contract.ts';
import { exportImages, type ExportJob } from '../../electron/core/export/export-images.ts';
import { CSV_COLUMNS } from '../../electron/core/export/manifest.ts';
import { markDone, markStatus, markSubmitted, markSubmitting, softDelete } from '../../electron/core/library/generations.ts';
import { createImages, markImageDownloaded } from '../../electron/core/library/images.ts';
import { imagePath, toAbsolutePath } from '../../electron/core/media/layout.ts';
import { addGeneration, tempLibrary } from '../support/library.ts';
import { tempDir } from '../support/temp-dir.ts';

const sha = (bytes: Uint8Array) => createHash('sha256').update(bytes).digest('hex');
const cleanups: (() => void)[] = [];
afterEach(() => cleanups.splice(0).forEach((clean) => clean()));

/** A library whose generations each hold four stored files with their real hashes. */
function libraryWith(count: number) {
  const library = tempLibrary();
  const out = tempDir('atelier-export-');
  cleanups.push(library.close, out.remove);
  const ids: number[] = [];
  for (let n = 0; n < count; n += 1) {
    const createdAt = Date.UTC(2026, 10, 1 + n);
    const generation = addGeneration(library.db, createdAt, { prompt: n === 1 ? 'CON' : 'a red fox at dawn', seed: 42, negativePrompt: 'blur' });
    createImages(library.db, generation.id, Array.from({ length: 4 }, (_, i) => ({ remoteUrl: `https://cdn.example/${n}-${i}.png` })));
    for (let index = 0; index < 4; index += 1) {
      const bytes = Buffer.from(`image ${n}-${index} `.repeat(100 + index));
      const file = imagePath({ generationId: generation.id, index, createdAt });
      mkdirSync(path.dirname(toAbsolutePath(library.dataDir, file)), { recursive: true });
      writeFileSync(toAbsolutePath(library.dataDir, file), bytes);
      markImageDownloaded(library.db, generation.id, index, { file, thumbnail: null, bytes: bytes.length, sha256: sha(Buffer.from(`served ${n}-${index}`)), fileSha256: sha(bytes), width: 8, height: 8 });
    }
    markSubmitting(library.db, generation.id);
    markSubmitted(library.db, generation.id, `task-${n}`);
    markStatus(library.db, generation.id, 'downloading');
    markDone(library.db, generation.id);
    ids.push(generation.id);
  }
  return { ...library, ids, out: out.path };
}

function readManifest(folder: string) {
  return readFileSync(path.join(folder, 'manifest.jsonl'), 'utf8').trim().split('\n').map((line) => JSON.parse(line) as Record<string, unknown>);
}

describe('export to a folder or a ZIP', () => {
  it('writes the selection’s stored files byte for byte, named safely, with a manifest whose hashes match', async () => {
    const library = libraryWith(3);
    const progress: ExportProgress[] = [];
    const outcome = await exportImages({
      db: library.db, dataDir: library.dataDir, generationIds: [library.ids[0]!, library.ids[1]!], destination: { kind: 'folder', folder: library.out }, sidecars: true,
      onProgress: (p) => progress.push(p),
    });
    if (outcome.status !== 'done') throw new Error('export did not finish');
    expect(outcome.images).toBe(8);
    expect(readdirSync(library.out)).toEqual([path.basename(outcome.path)]);
    const rows = readManifest(outcome.path);
    expect(rows).toHaveLength(8);
    expect(rows.map((row) => row.file)).toEqual([
      '2026-11-01_a-red-fox-at-dawn_42_1.png', '2026-11-01_a-red-fox-at-dawn_42_2.png', '2026-11-01_a-red-fox-at-dawn_42_3.png', '2026-11-01_a-red-fox-at-dawn_42_4.png',
      '2026-11-02_CON_42_1.png', '2026-11-02_CON_42_2.png', '2026-11-02_CON_42_3.png', '2026-11-02_CON_42_4.png',
    ]);
    for (const row of rows) {
      const bytes = readFileSync(path.join(outcome.path, row.file as string));
      expect(sha(bytes)).toBe(row.fileSha256);
      expect(row.bytes).toBe(bytes.length);
      expect(JSON.parse(readFileSync(path.join(outcome.path, `${row.file as string}.json`), 'utf8'))).toEqual(row);
    }
    expect(rows[0]).toMatchObject({ generation: library.ids[0], imageIndex: 0, negativePrompt: 'blur', seed: 42, status: 'done' });
    const csv = readFileSync(path.join(outcome.path, 'manifest.csv'), 'utf8').split('\r\n');
    expect(csv[0]).toBe(CSV_COLUMNS.join(','));
    expect(csv.filter((line) => line !== '')).toHaveLength(9);
    const last = progress.at(-1)!;
    expect(last).toMatchObject({ images: 8, totalImages: 8, msLeft: 0 });
    expect(last.bytes).toBe(last.totalBytes);
  });

  it('leaves a binned generation out of a selection too, so the count matches the totals', async () => {
    const library = libraryWith(2);
    softDelete(library.db, [library.ids[1]!]);
    const progress: ExportProgress[] = [];
    const outcome = await exportImages({ db: library.db, dataDir: library.dataDir, generationIds: library.ids, destination: { kind: 'folder', folder: library.out }, onProgress: (p) => progress.push(p) });
    expect(outcome).toMatchObject({ status: 'done', images: 4 });
    expect(progress.at(-1)).toMatchObject({ images: 4, totalImages: 4 });
  });

  it('exports the whole library except what is in the bin, and a second export gets its own folder', async () => {
    const library = libraryWith(3);
    softDelete(library.db, [library.ids[2]!]);
    const first = await exportImages({ db: library.db, dataDir: library.dataDir, generationIds: null, destination: { kind: 'folder', folder: library.out } });
    const second = await exportImages({ db: library.db, dataDir: library.dataDir, generationIds: null, destination: { kind: 'folder', folder: library.out } });
    if (first.status !== 'done' || second.status !== 'done') throw new Error('export did not finish');
    expect(first.images).toBe(8);
    expect(second.path).not.toBe(first.path);
    expect(new Set(readManifest(first.path).map((row) => row.generation))).toEqual(new Set(library.ids.slice(0, 2)));
  });

  it.each<'folder' | 'zip'>(['folder', 'zip'])('a stored file gone missing fails a %s export with nothing left behind', async (kind) => {
    const library = libraryWith(2);
    rmSync(path.join(library.dataDir, 'images'), { recursive: true });
    const destination: ExportJob['destination'] = kind === 'zip' ? { kind, file: path.join(library.out, 'x.zip') } : { kind, folder: library.out };
    await expect(exportImages({ db: library.db, dataDir: library.dataDir, generationIds: null, destination })).rejects.toThrow(/ENOENT/);
    expect(readdirSync(library.out)).toEqual([]);
  });

  it('a ZIP passes unzip’s and Python’s checks and unpacks to the same files, hashes and manifest as a folder export', async () => {
    const library = libraryWith(2);
    const file = path.join(library.out, 'fox export.zip');
    const outcome = await exportImages({ db: library.db, dataDir: library.dataDir, generationIds: library.ids, destination: { kind: 'zip', file }, sidecars: true });
    expect(outcome).toMatchObject({ status: 'done', path: file, images: 8 });
    expect(readdirSync(library.out)).toEqual(['fox export.zip']);
    expect(execFileSync('unzip', ['-t', file], { encoding: 'utf8' })).toMatch(/No errors detected/);
    execFileSync('python3', ['-m', 'zipfile', '-t', file]);
    const unpacked = path.join(library.out, 'unpacked');
    execFileSync('python3', ['-m', 'zipfile', '-e', file, unpacked]);
    const rows = readManifest(unpacked);
    expect(rows).toHaveLength(8);
    for (const row of rows) expect(sha(readFileSync(path.join(unpacked, row.file as string)))).toBe(row.fileSha256);
    expect(readdirSync(unpacked)).toHaveLength(8 * 2 + 2);
  });

  it.each<'folder' | 'zip'>(['folder', 'zip'])('a %s export cancelled mid-way leaves nothing behind', async (kind) => {
    const library = libraryWith(3);
    const controller = new AbortController();
    const destination: ExportJob['destination'] = kind === 'zip' ? { kind, file: path.join(library.out, 'x.zip') } : { kind, folder: library.out };
    const outcome = await exportImages({
      db: library.db, dataDir: library.dataDir, generationIds: null, destination, signal: controller.signal,
      onProgress: (p) => { if (p.images >= 5) controller.abort(); },
      now: (() => { let t = 0; return () => (t += 1000); })(),
    });
    expect(outcome).toEqual({ status: 'cancelled' });
    expect(readdirSync(library.out)).toEqual([]);
  });
});
