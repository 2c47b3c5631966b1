/**
 * The lossless round trip of issue 13: a curated selection exported (folder and ZIP) and imported
 * into an empty library comes back with every parameter, curation fact, tag, collection and lineage
 * link, file for file; importing it again adds nothing, tags and collection members included.
 */
import { createHash } from 'node:crypto';
import { readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import type { Core } from '../../electron/core/app.ts';
import type { ExportResult, ImportReport } from '../../shared/contract.ts';
import type { Collection, Tag } from '../../shared/curation.ts';
import type { Generation } from '../../shared/generation.ts';
import type { SearchPage } from '../../shared/search.ts';
import { libraryFacts as facts } from '../support/library-facts.ts';
import { cleanupsPerTest } from '../support/cleanups.ts';
import { call, closableCore } from '../support/test-core.ts';

const { cleanups, folder } = cleanupsPerTest('atelier-round-trip-');

const all = async (core: Core) => (await call<SearchPage>(core, 'library:search', { text: '', limit: 200 })).items;
const sha256 = (file: string) => createHash('sha256').update(readFileSync(file)).digest('hex');

/** A library with a curated run and its rerun (lineage), plus a run left out of the selection. */
async function curatedLibrary() {
  const { core, events } = await closableCore(folder(), cleanups);
  const lantern = await call<Generation>(core, 'generation:create', { params: { model: 'midjourney-v7', prompt: 'a paper lantern --s 300', seed: 11 } });
  await events.reach(lantern.id, 'done');
  const rerun = await call<Generation>(core, 'generation:rerun', { id: lantern.id, seed: 'new' });
  await events.reach(rerun.id, 'done');
  const left = await call<Generation>(core, 'generation:create', { params: { model: 'midjourney-v8', prompt: 'not chosen' } });
  await events.reach(left.id, 'done');

  await call(core, 'image:favorite', { target: { images: [{ generationId: lantern.id, index: 0 }, { generationId: rerun.id, index: 3 }] }, favorite: true });
  await call(core, 'image:rate', { target: { images: [{ generationId: lantern.id, index: 2 }] }, rating: 4 });
  await call(core, 'image:rate', { target: { images: [{ generationId: rerun.id, index: 3 }] }, rating: 5 });
  await call(core, 'image:reject', { target: { images: [{ generationId: rerun.id, index: 1 }] }, rejected: true });
  await call(core, 'tags:add', { ids: [lantern.id, rerun.id], name: 'golden hour' });
  await call(core, 'tags:add', { ids: [rerun.id], name: 'night; rain' });
  const best = await call<Collection>(core, 'collections:create', { name: 'Best, so far' });
  await call(core, 'collections:add', { id: best.id, images: [{ generationId: lantern.id, index: 0 }, { generationId: rerun.id, index: 3 }] });
  const print = await call<Collection>(core, 'collections:create', { name: 'Print' });
  await call(core, 'collections:add', { id: print.id, generationIds: [rerun.id] });
  return { core, selection: [lantern.id, rerun.id] };
}

async function exportTo(core: Core, ids: number[], destination: { kind: 'folder'; folder: string } | { kind: 'zip'; file: string }) {
  const result = await call<ExportResult>(core, 'export:start', { ids, destination, includeRejected: true });
  if (result.status !== 'done') throw new Error('the export did not finish');
  return result.path;
}

describe('export → import round trip', () => {
  it('brings back every curation fact, tag, collection and lineage link, from a folder and from a ZIP', async () => {
    const original = await curatedLibrary();
    const expected = (await facts(original.core)).filter((g) => g.params.prompt !== 'not chosen');
    // the rerun's lineage points at its parent, which is in the export too
    expect(expected.map((g) => g.parentSeed)).toEqual([null, 11]);
    const exportedFolder = await exportTo(original.core, original.selection, { kind: 'folder', folder: folder('atelier-export-') });
    const zip = await exportTo(original.core, original.selection, { kind: 'zip', file: path.join(folder('atelier-export-'), 'lanterns.zip') });

    for (const source of [exportedFolder, zip]) {
      const { core } = await closableCore(folder(), cleanups);
      const report = await call<ImportReport>(core, 'import:start', { folder: source });
      expect(report).toMatchObject({ imported: 8, duplicates: 0, unreadable: [] });
      expect(await facts(core)).toEqual(expected);
      for (const g of await all(core)) for (const image of g.images) expect(sha256(path.join(core.dataDir, image.file!))).toBe(image.fileSha256);
    }
  });

  it('files into a collection the library already has, and a second import adds no generation, tag or member', async () => {
    const original = await curatedLibrary();
    const exported = await exportTo(original.core, original.selection, { kind: 'folder', folder: folder('atelier-export-') });
    const { core } = await closableCore(folder(), cleanups);
    const mine = await call<Collection>(core, 'collections:create', { name: 'PRINT' });

    expect(await call<ImportReport>(core, 'import:start', { folder: exported })).toMatchObject({ imported: 8, duplicates: 0 });
    const counts = async () => ({
      generations: (await all(core)).length,
      tags: await call<Tag[]>(core, 'tags:list', { prefix: '' }),
      collections: (await call<Collection[]>(core, 'collections:list')).map((c) => ({ name: c.name, images: c.images })),
    });
    const once = await counts();
    // names compare without case, as everywhere in the library: "Print" went into the artist's "PRINT"
    expect(once).toEqual({
      generations: 2,
      tags: [{ name: 'golden hour', generations: 2 }, { name: 'night; rain', generations: 1 }],
      collections: [{ name: 'Best, so far', images: 2 }, { name: 'PRINT', images: 4 }],
    });
    expect((await call<Collection[]>(core, 'collections:list')).find((c) => c.name === 'PRINT')!.id).toBe(mine.id);

    expect(await call<ImportReport>(core, 'import:start', { folder: exported })).toMatchObject({ imported: 0, duplicates: 8 });
    expect(await counts()).toEqual(once);
  });

  it('reads a manifest with Windows line ends, blank lines and a damaged line: every row that fits counts', async () => {
    const original = await curatedLibrary();
    const expected = (await facts(original.core)).filter((g) => g.params.prompt !== 'not chosen');
    const exported = await exportTo(original.core, original.selection, { kind: 'folder', folder: folder('atelier-export-') });
    const manifest = path.join(exported, 'manifest.jsonl');
    const rows = readFileSync(manifest, 'utf8').trim().split('\n');
    expect(rows).toHaveLength(8);
    writeFileSync(manifest, ['', ...rows.slice(0, 4), '{"formatVersion": 2, "file": ', '', ...rows.slice(4)].join('\r\n'));

    const { core } = await closableCore(folder(), cleanups);
    expect(await call<ImportReport>(core, 'import:start', { folder: exported })).toMatchObject({ imported: 8, duplicates: 0, unreadable: [] });
    // tags, collections, ratings and lineage are the manifest's alone: every row before and after the damaged line was read
    expect(await facts(core)).toEqual(expected);
  });

  it('still reads a version 1 manifest: its favourite was the generation’s, so each of its images gets it', async () => {
    const original = await curatedLibrary();
    const exported = await exportTo(original.core, original.selection, { kind: 'folder', folder: folder('atelier-export-') });
    const generations = new Map((await all(original.core)).map((g) => [g.id, g]));
    const manifest = path.join(exported, 'manifest.jsonl');
    const v1 = readFileSync(manifest, 'utf8').trim().split('\n').map((line) => {
      const { rating: _r, rejected: _j, tags: _t, collections: _c, ...row } = JSON.parse(line) as Record<string, unknown>;
      return JSON.stringify({ ...row, formatVersion: 1, favorite: generations.get(row.generation as number)!.favorite });
    });
    writeFileSync(manifest, `${v1.join('\n')}\n`);

    const { core } = await closableCore(folder(), cleanups);
    expect(await call<ImportReport>(core, 'import:start', { folder: exported })).toMatchObject({ imported: 8, duplicates: 0, unreadable: [] });
    const back = await all(core);
    expect(back).toHaveLength(2);
    for (const g of back) {
      expect(g.images.map((i) => i.favorite)).toEqual([true, true, true, true]);
      expect(g.images.some((i) => i.rating !== null || i.rejected)).toBe(false);
    }
    const parent = back.find((g) => g.parentId === null)!;
    expect(parent.effective.seed).toBe(11);
    expect(back.find((g) => g.parentId !== null)!.parentId).toBe(parent.id);
  });
});
