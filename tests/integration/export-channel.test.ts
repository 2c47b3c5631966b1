import { createHash } from 'node:crypto';
import { readdirSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import type { ExportProgress, ExportResult } from '../../shared/contract.ts';
import type { Generation } from '../../shared/generation.ts';
import { tempDir } from '../support/temp-dir.ts';
import { call, recordEvents, startTestCore } from '../support/test-core.ts';

const cleanups: (() => Promise<void> | void)[] = [];
afterEach(async () => {
  for (const clean of cleanups.splice(0).reverse()) await clean();
});

/** A core on a real library holding one finished Sandbox generation, and an empty folder outside it. */
async function coreWithOneGeneration() {
  const library = tempDir('atelier-library-');
  const out = tempDir('atelier-export-');
  const core = await startTestCore(library.path);
  cleanups.push(library.remove, out.remove, () => core.close());
  const events = recordEvents(core);
  const made = await call<Generation>(core, 'generation:create', { params: { model: 'midjourney-v8', prompt: 'paper boats on a pond' } });
  const done = await events.reach(made.id, 'done');
  return { core, events, done, dataDir: library.path, out: out.path };
}

describe('the export channels', () => {
  it('export:start writes the generation’s stored files and manifest to a new folder, pushing progress', async () => {
    const { core, events, done, dataDir, out } = await coreWithOneGeneration();
    const result = await call<ExportResult>(core, 'export:start', { ids: [done.id], destination: { kind: 'folder', folder: out } });
    if (result.status !== 'done') throw new Error('export did not finish');
    expect(result.images).toBe(4);
    const rows = readFileSync(path.join(result.path, 'manifest.jsonl'), 'utf8').trim().split('\n').map((line) => JSON.parse(line) as { file: string; fileSha256: string; taskId: string });
    expect(rows.map((row) => row.taskId)).toEqual(Array(4).fill(done.taskId));
    for (const [i, row] of rows.entries()) {
      const exported = readFileSync(path.join(result.path, row.file));
      expect(exported.equals(readFileSync(path.join(dataDir, done.images[i]!.file!)))).toBe(true);
      expect(createHash('sha256').update(exported).digest('hex')).toBe(row.fileSha256);
    }
    const progress = events.seen.filter((e) => e.event === 'export:progress').map((e) => e.payload as ExportProgress);
    expect(progress.at(-1)).toMatchObject({ images: 4, totalImages: 4 });
  });

  it('follows what the gallery shows: rejected images stay out unless "Include rejected" is asked, in the files, the manifest and the totals', async () => {
    const { core, events, done, out } = await coreWithOneGeneration();
    await call(core, 'image:reject', { target: { images: [{ generationId: done.id, index: 1 }] }, rejected: true });
    const shown = await call<ExportResult>(core, 'export:start', { ids: [done.id], destination: { kind: 'folder', folder: out } });
    if (shown.status !== 'done') throw new Error('export did not finish');
    expect(shown.images).toBe(3);
    const indexes = (folder: string) =>
      readFileSync(path.join(folder, 'manifest.jsonl'), 'utf8').trim().split('\n').map((line) => (JSON.parse(line) as { imageIndex: number }).imageIndex);
    expect(indexes(shown.path)).toEqual([0, 2, 3]);
    expect(events.seen.filter((e) => e.event === 'export:progress').map((e) => (e.payload as ExportProgress).totalImages).at(-1)).toBe(3);

    const all = await call<ExportResult>(core, 'export:start', { ids: [done.id], destination: { kind: 'folder', folder: out }, includeRejected: true });
    if (all.status !== 'done') throw new Error('export did not finish');
    expect(all.images).toBe(4);
    expect(indexes(all.path)).toEqual([0, 1, 2, 3]);
  });

  it('exports exactly the picked images of a generation: two of its four, in the files, the manifest and the totals; a rejected pick only with "Include rejected"', async () => {
    const { core, events, done, dataDir, out } = await coreWithOneGeneration();
    const picked = [{ generationId: done.id, index: 3 }, { generationId: done.id, index: 1 }];
    const result = await call<ExportResult>(core, 'export:start', { ids: [done.id], images: picked, destination: { kind: 'folder', folder: out } });
    if (result.status !== 'done') throw new Error('export did not finish');
    expect(result.images).toBe(2);
    const rows = readFileSync(path.join(result.path, 'manifest.jsonl'), 'utf8').trim().split('\n').map((line) => JSON.parse(line) as { file: string; imageIndex: number; fileSha256: string });
    expect(rows.map((row) => row.imageIndex)).toEqual([1, 3]);
    expect(readdirSync(result.path).filter((name) => !name.startsWith('manifest.')).sort()).toEqual(rows.map((row) => row.file).sort());
    for (const row of rows) {
      const exported = readFileSync(path.join(result.path, row.file));
      expect(exported.equals(readFileSync(path.join(dataDir, done.images[row.imageIndex]!.file!)))).toBe(true);
      expect(createHash('sha256').update(exported).digest('hex')).toBe(row.fileSha256);
    }
    expect(readFileSync(path.join(result.path, 'manifest.csv'), 'utf8').trim().split('\r\n')).toHaveLength(3);
    expect(events.seen.filter((e) => e.event === 'export:progress').map((e) => (e.payload as ExportProgress).totalImages).at(-1)).toBe(2);

    await call(core, 'image:reject', { target: { images: [{ generationId: done.id, index: 1 }] }, rejected: true });
    const shown = await call<ExportResult>(core, 'export:start', { ids: [done.id], images: picked, destination: { kind: 'folder', folder: out } });
    expect(shown).toMatchObject({ status: 'done', images: 1 });
    const all = await call<ExportResult>(core, 'export:start', { ids: [done.id], images: picked, destination: { kind: 'folder', folder: out }, includeRejected: true });
    expect(all).toMatchObject({ status: 'done', images: 2 });
  });

  it('refuses picked images beyond what a selection holds, and picked images with a search, in words', async () => {
    const { core, done, out } = await coreWithOneGeneration();
    const destination = { kind: 'folder', folder: out };
    const tooMany = Array.from({ length: 4_001 }, (_, n) => ({ generationId: done.id + Math.floor(n / 4), index: n % 4 }));
    const over = await core.dispatch('export:start', { ids: [done.id], images: tooMany, destination });
    expect(over).toMatchObject({ ok: false, error: { code: 'invalid_input', message: expect.stringMatching(/At most 4,000 picked images/) } });
    const both = await core.dispatch('export:start', { ids: [done.id], images: [{ generationId: done.id, index: 0 }], everything: { search: { text: '' } }, destination });
    expect(both).toMatchObject({ ok: false, error: { code: 'invalid_input', message: expect.stringMatching(/either the picked images or everything/) } });
    expect(readdirSync(out)).toEqual([]);
  });

  it('export:cancel stops a running export, which answers cancelled and leaves nothing', async () => {
    const { core, done, out } = await coreWithOneGeneration();
    // cancelled at the first progress (before any image): the cancel lands long before the last of four files
    core.subscribe((event, payload) => {
      if (event === 'export:progress' && (payload as ExportProgress).images === 0) void core.dispatch('export:cancel', undefined);
    });
    const result = await call<ExportResult>(core, 'export:start', { ids: [done.id], destination: { kind: 'zip', file: path.join(out, 'boats.zip') } });
    expect(result).toEqual({ status: 'cancelled' });
    expect(readdirSync(out)).toEqual([]);
  });

  it('refuses, in words, a destination that is relative, inside the library or an existing file', async () => {
    const { core, done, dataDir, out } = await coreWithOneGeneration();
    writeFileSync(path.join(out, 'taken.zip'), 'mine');
    const refusals: [unknown, RegExp][] = [
      [{ kind: 'folder', folder: 'exports' }, /full path/],
      [{ kind: 'folder', folder: path.join(dataDir, 'images') }, /inside the library/],
      [{ kind: 'zip', file: path.join(out, 'taken.zip') }, /already there/],
      [{ kind: 'zip', file: path.join(out, 'boats.tar') }, /\.zip/],
    ];
    for (const [destination, words] of refusals) {
      const result = await core.dispatch('export:start', { ids: [done.id], destination });
      expect(result).toMatchObject({ ok: false, error: { code: 'invalid_input', message: expect.stringMatching(words) } });
    }
    expect(readFileSync(path.join(out, 'taken.zip'), 'utf8')).toBe('mine');
    expect(readdirSync(out)).toEqual(['taken.zip']);
  });
});
