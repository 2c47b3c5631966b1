import Database from 'better-sqlite3';
import { afterEach, describe, expect, it } from 'vitest';
import type { Core } from '../../electron/core/app.ts';
import { closeLibrary, libraryPath, openLibrary } from '../../electron/core/library/database.ts';
import type { BulkResult } from '../../shared/bulk.ts';
import type { Collection } from '../../shared/curation.ts';
import type { LibrarySearchInput, SearchPage } from '../../shared/search.ts';
import { buildSyntheticLibrary } from '../../scripts/lib/synthetic-library.ts';
import { turnsDuring } from '../support/event-loop.ts';
import { tempDir } from '../support/temp-dir.ts';
import { call, startTestCore } from '../support/test-core.ts';

const cleanups: (() => Promise<void> | void)[] = [];
afterEach(async () => {
  for (const clean of cleanups.splice(0).reverse()) await clean();
});

const RUNS = 3_600;
/** What the gallery sends for "every square picture", finished, rejected ones hidden. */
const SQUARE: LibrarySearchInput = { text: 'ar:1:1', statuses: ['done'], hideRejected: true };

/** A core over a curated synthetic library (ratings, rejects, tags, collections already there), and a reader of its file. */
async function curatedLibrary() {
  const dir = tempDir('atelier-bulk-');
  cleanups.push(dir.remove);
  const seeded = openLibrary(dir.path);
  buildSyntheticLibrary(seeded, RUNS, Date.UTC(2026, 0, 1), { curation: true });
  closeLibrary(seeded);
  const core = await startTestCore(dir.path);
  cleanups.push(() => core.close());
  const reader = new Database(libraryPath(dir.path), { readonly: true });
  cleanups.push(() => void reader.close());
  /** Every image's curation and every generation's summary and tags: what an undo must put back exactly. */
  const snapshot = () => ({
    images: reader.prepare('SELECT generation_id, idx, favorite, rating, rejected, deleted_at FROM images ORDER BY generation_id, idx').all(),
    generations: reader.prepare('SELECT id, favorite, best_rating, all_rejected, deleted_at FROM generations ORDER BY id').all(),
    tags: reader.prepare('SELECT tag_id, generation_id FROM generation_tags ORDER BY 1, 2').all(),
    members: reader.prepare('SELECT collection_id, generation_id, images FROM collection_members ORDER BY 1, 2').all(),
  });
  const ratingsOf = (id: number) => (reader.prepare('SELECT rating FROM images WHERE generation_id = ? ORDER BY idx').all(id) as { rating: number | null }[]).map((r) => r.rating);
  const tagged = (name: string) =>
    (reader.prepare('SELECT gt.generation_id AS id FROM generation_tags gt JOIN tags t ON t.id = gt.tag_id WHERE t.name = ? ORDER BY 1').all(name) as { id: number }[]).map((r) => r.id);
  return { core, snapshot, ratingsOf, tagged };
}

/** Every generation the gallery would page through for a search, read page by page as the grid does. */
async function everyMatch(core: Core, search: LibrarySearchInput): Promise<number[]> {
  const ids: number[] = [];
  let cursor: string | undefined;
  do {
    const page = await call<SearchPage>(core, 'library:search', { ...search, limit: 200, ...(cursor ? { cursor } : {}) });
    ids.push(...page.items.map((g) => g.id));
    cursor = page.nextCursor ?? undefined;
  } while (cursor !== undefined);
  return ids.sort((a, b) => a - b);
}


describe('an action over everything a query matches', () => {
  it('rates every selected generation but the unticked ones, in parts, and one undo puts every image back exactly', async () => {
    const { core, snapshot, ratingsOf } = await curatedLibrary();
    const selected = await everyMatch(core, SQUARE);
    expect(selected.length).toBeGreaterThan(1_000);
    const [left, ...rest] = selected;
    const before = snapshot();

    const rated = await turnsDuring(() =>
      call<BulkResult>(core, 'bulk:apply', { selection: { search: SQUARE, except: [left] }, action: { kind: 'rate', rating: 4 } }),
    );
    // written in parts the core answered between, not in one hold of its thread
    expect(rated.turns).toBeGreaterThan(5);
    expect(rated.value).toMatchObject({ generations: rest.length, changed: rest.length * 4 });
    for (const id of rest) expect(ratingsOf(id)).toEqual([4, 4, 4, 4]);
    const after = snapshot();
    expect(after.images.filter((row, i) => JSON.stringify(row) !== JSON.stringify(before.images[i])).length).toBeGreaterThan(0);
    // the unticked tile and everything outside the query are as they were
    const outside = new Set(rest);
    const untouched = (rows: unknown[]) => rows.filter((row) => !outside.has((row as { generation_id: number }).generation_id));
    expect(untouched(after.images)).toEqual(untouched(before.images));

    await call(core, 'bulk:undo', { undoId: rated.value.undoId });
    expect(snapshot()).toEqual(before);
    // each change is undone once
    const again = await core.dispatch('bulk:undo', { undoId: rated.value.undoId });
    expect(again).toMatchObject({ ok: false, error: { code: 'not_found' } });
  });

  it('tags and files the whole query, and each undo takes off only what it added', async () => {
    const { core, snapshot, tagged } = await curatedLibrary();
    const selected = await everyMatch(core, SQUARE);
    const before = snapshot();
    const keepers = tagged('keeper');
    expect(keepers.length).toBeGreaterThan(0);

    const tag = await call<BulkResult>(core, 'bulk:apply', { selection: { search: SQUARE }, action: { kind: 'tag', name: 'keeper' } });
    expect(tagged('keeper')).toEqual([...new Set([...keepers, ...selected])].sort((a, b) => a - b));
    expect(tag.changed).toBe(selected.filter((id) => !keepers.includes(id)).length);

    const board = await call<Collection>(core, 'collections:create', { name: 'Squares' });
    const filed = await call<BulkResult>(core, 'bulk:apply', { selection: { search: SQUARE }, action: { kind: 'file', collectionId: board.id } });
    expect(filed.changed).toBe(selected.length * 4);
    expect(await everyMatch(core, { ...SQUARE, text: 'in:"Squares"' })).toEqual(selected);

    await call(core, 'bulk:undo', { undoId: filed.undoId });
    await call(core, 'bulk:undo', { undoId: tag.undoId });
    expect(snapshot()).toEqual(before);
  });

  it('deletes the whole query to the trash and the undo brings every generation back', async () => {
    const { core, snapshot } = await curatedLibrary();
    const selected = await everyMatch(core, SQUARE);
    const before = snapshot();
    const deleted = await call<BulkResult>(core, 'bulk:apply', { selection: { search: SQUARE }, action: { kind: 'delete' } });
    expect(deleted.generations).toBe(selected.length);
    expect(await call(core, 'library:count', SQUARE)).toEqual({ total: 0 });
    await call(core, 'bulk:undo', { undoId: deleted.undoId });
    expect(snapshot()).toEqual(before);
    expect(await everyMatch(core, SQUARE)).toEqual(selected);
  });

  it('refuses a selection it cannot act on in words, and changes nothing', async () => {
    const { core, snapshot } = await curatedLibrary();
    const before = snapshot();
    const bad = await core.dispatch('bulk:apply', { selection: { search: { text: 'stylize:>abc' } }, action: { kind: 'rate', rating: 5 } });
    expect(bad).toMatchObject({ ok: false, error: { code: 'invalid_input' } });
    const tooMany = await core.dispatch('bulk:apply', {
      selection: { search: SQUARE, except: Array.from({ length: 10_001 }, (_, i) => i + 1) },
      action: { kind: 'favorite', favorite: true },
    });
    expect(tooMany).toMatchObject({ ok: false, error: { code: 'invalid_input' } });
    const none = await core.dispatch('bulk:apply', { selection: { search: { text: 'zzzzqqqq' } }, action: { kind: 'reject', rejected: true } });
    expect(none).toMatchObject({ ok: false, error: { code: 'invalid_input', message: expect.stringContaining('matches no generation') } });
    expect(snapshot()).toEqual(before);
  });
});
