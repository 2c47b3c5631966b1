import Database from 'better-sqlite3';
import { describe, expect, it } from 'vitest';
import { closeLibrary, libraryPath, openLibrary, type Library } from '../../electron/core/library/database.ts';
import {
  addToCollection,
  collectionsOf,
  createCollection,
  deleteCollection,
  listCollections,
  removeFromCollection,
  renameCollection,
  restoreCollection,
} from '../../electron/core/library/collections.ts';
import { LATEST_VERSION, migrate, schemaVersion } from '../../electron/core/library/migrations.ts';
import { deleteSavedSearch, listSavedSearches, renameSavedSearch, saveSearch } from '../../electron/core/library/saved-searches.ts';
import { countSearch, searchGenerations } from '../../electron/core/library/search.ts';
import { addTag, listTags, removeTag, renameTag, tagsOf } from '../../electron/core/library/tags.ts';
import { Failure } from '../../electron/core/failure.ts';
import { addGeneration } from '../support/library.ts';
import { libraryPerTest } from '../support/library-per-test.ts';
import { tempDir } from '../support/temp-dir.ts';

let db: Library;
libraryPerTest((library) => ({ db } = library));

const found = (text: string) => searchGenerations(db, { text }).items.map((g) => g.id);
const codeOf = (run: () => unknown): string => {
  try {
    run();
  } catch (error) {
    if (error instanceof Failure) return error.code;
    throw error;
  }
  throw new Error('expected a Failure');
};

describe('migration 9 on a library made at version 6', () => {
  it('adds collections, tags and saved searches, keeping every generation, and they work at once', () => {
    const dir = tempDir('atelier-library-v6-');
    try {
      const raw = new Database(libraryPath(dir.path));
      migrate(raw, 6);
      raw
        .prepare(
          `INSERT INTO generations (id, model, prompt, effective_model, effective_prompt, effective_aspect_ratio,
             effective_seed, request_body, status, created_at, updated_at)
           VALUES (5, 'midjourney-v7', 'lantern', 'midjourney-v7', 'lantern', '1:1', 1, '{}', 'done', 1000, 1000)`,
        )
        .run();
      raw.close();

      const old = openLibrary(dir.path);
      expect(schemaVersion(old)).toBe(LATEST_VERSION);
      const moodboard = createCollection(old, 'Moodboard', 2000);
      expect(addToCollection(old, moodboard.id, [{ generationId: 5, index: 2 }], [])).toEqual([{ generationId: 5, index: 2 }]);
      expect(addTag(old, [5], 'night')).toEqual([5]);
      saveSearch(old, { name: 'Lanterns', query: 'lantern', filters: {} }, 3000);
      expect(searchGenerations(old, { text: 'in:moodboard tag:NIGHT lantern' }).items.map((g) => g.id)).toEqual([5]);
      closeLibrary(old);

      // everything is in the file, not in memory: a reopened library has it all
      const reopened = openLibrary(dir.path);
      expect(listCollections(reopened)).toEqual([{ id: moodboard.id, name: 'Moodboard', createdAt: 2000, images: 1 }]);
      expect(tagsOf(reopened, 5)).toEqual([{ name: 'night', generations: 1 }]);
      expect(listSavedSearches(reopened)).toEqual([{ id: 1, name: 'Lanterns', query: 'lantern', filters: {}, createdAt: 3000 }]);
      closeLibrary(reopened);
    } finally {
      dir.remove();
    }
  });

  it('indexes the joins the query and the cascades need', () => {
    const plan = (sql: string) => (db.prepare(`EXPLAIN QUERY PLAN ${sql}`).all() as { detail: string }[]).map((r) => r.detail).join(' | ');
    expect(plan('SELECT 1 FROM collection_members WHERE generation_id = 1')).toMatch(/USING (COVERING )?INDEX collection_members_generation/);
    expect(plan('SELECT 1 FROM generation_tags WHERE generation_id = 1')).toMatch(/USING (COVERING )?INDEX generation_tags_generation/);
    expect(plan("SELECT generation_id FROM collection_members m JOIN collections c ON c.id = m.collection_id WHERE c.name = 'x'")).toMatch(
      /SEARCH c USING (COVERING )?INDEX sqlite_autoindex_collections.*SEARCH m USING PRIMARY KEY/,
    );
  });
});

describe('collections', () => {
  it('names are unique whatever the case; rename keeps members; the old name comes back for the undo', () => {
    const a = createCollection(db, 'Neon');
    expect(codeOf(() => createCollection(db, 'NEON'))).toBe('conflict');
    const b = createCollection(db, 'Forest');
    expect(codeOf(() => renameCollection(db, b.id, 'neon'))).toBe('conflict');
    const g = addGeneration(db, 1000, { prompt: 'city' });
    addToCollection(db, a.id, [], [g.id]);
    expect(renameCollection(db, a.id, 'Neon nights')).toMatchObject({ previousName: 'Neon', collection: { name: 'Neon nights', images: 4 } });
    expect(renameCollection(db, a.id, 'neon NIGHTS').collection.name).toBe('neon NIGHTS');
    expect(listCollections(db).map((c) => c.name)).toEqual(['Forest', 'neon NIGHTS']);
  });

  it('holds images: a generation adds its four, an image may be in several, add and remove answer only what changed', () => {
    const keep = createCollection(db, 'Keep');
    const print = createCollection(db, 'Print');
    const g = addGeneration(db, 1000, { prompt: 'harbor' });
    const h = addGeneration(db, 2000, { prompt: 'meadow' });
    expect(addToCollection(db, keep.id, [{ generationId: g.id, index: 1 }], [])).toEqual([{ generationId: g.id, index: 1 }]);
    expect(addToCollection(db, keep.id, [], [g.id]).map((r) => r.index)).toEqual([0, 2, 3]);
    expect(addToCollection(db, print.id, [{ generationId: g.id, index: 1 }, { generationId: h.id, index: 0 }], [])).toHaveLength(2);
    // an id no longer in the library is left out rather than failing the rest
    expect(addToCollection(db, print.id, [{ generationId: 999, index: 0 }], [])).toEqual([]);
    expect(listCollections(db).map((c) => [c.name, c.images])).toEqual([['Keep', 4], ['Print', 2]]);
    expect(collectionsOf(db, g.id).map((c) => c.name)).toEqual(['Keep', 'Print']);

    expect(removeFromCollection(db, keep.id, [{ generationId: g.id, index: 3 }, { generationId: h.id, index: 3 }], [])).toEqual([{ generationId: g.id, index: 3 }]);
    expect(removeFromCollection(db, print.id, [], [g.id, h.id])).toHaveLength(2);
    expect(listCollections(db).map((c) => [c.name, c.images])).toEqual([['Keep', 3], ['Print', 0]]);
    // the kept counts agree with counting the bits by hand
    const byHand = db.prepare('SELECT images FROM collection_members WHERE collection_id = ?').all(keep.id) as { images: number }[];
    expect(byHand.reduce((n, row) => n + [0, 1, 2, 3].filter((i) => row.images & (1 << i)).length, 0)).toBe(3);
  });

  it('deleting one never deletes images, and an undo brings it back with its members', () => {
    const c = createCollection(db, 'Drafts');
    const g = addGeneration(db, 1000, { prompt: 'lighthouse' });
    addToCollection(db, c.id, [], [g.id]);
    deleteCollection(db, c.id, 2000);
    expect(listCollections(db)).toEqual([]);
    expect(found('lighthouse')).toEqual([g.id]);
    expect(found('in:Drafts')).toEqual([]);
    expect(restoreCollection(db, c.id)).toMatchObject({ name: 'Drafts', images: 4 });
    expect(found('in:drafts')).toEqual([g.id]);
  });

  it('a new collection may take a deleted one’s name; the deleted one then cannot come back', () => {
    const old = createCollection(db, 'Picks');
    deleteCollection(db, old.id, 2000);
    const fresh = createCollection(db, 'picks');
    expect(fresh.images).toBe(0);
    expect(codeOf(() => restoreCollection(db, old.id))).toBe('not_found');
  });

  it('forgets members whose generation is purged', () => {
    const c = createCollection(db, 'Keep');
    const g = addGeneration(db, 1000, { prompt: 'stone' });
    addToCollection(db, c.id, [], [g.id]);
    // what a purge of the bin ends in
    db.prepare('DELETE FROM generations WHERE id = ?').run(g.id);
    expect(listCollections(db)[0]?.images).toBe(0);
  });
});

describe('tags', () => {
  it('adds with the spelling first typed, matches any case, lists by prefix with counts for autocomplete', () => {
    const a = addGeneration(db, 1000, { prompt: 'face' });
    const b = addGeneration(db, 2000, { prompt: 'face again' });
    expect(addTag(db, [a.id, b.id], 'Portrait')).toEqual([a.id, b.id]);
    expect(addTag(db, [a.id], 'portrait')).toEqual([]);
    addTag(db, [a.id], 'pottery');
    addTag(db, [b.id], 'golden hour');
    addTag(db, [a.id], '100%_real');
    expect(listTags(db, 'po', 20)).toEqual([
      { name: 'Portrait', generations: 2 },
      { name: 'pottery', generations: 1 },
    ]);
    expect(listTags(db, 'POR', 20).map((t) => t.name)).toEqual(['Portrait']);
    // % and _ are letters here, not patterns
    expect(listTags(db, '%', 20)).toEqual([]);
    expect(listTags(db, '100%_', 20).map((t) => t.name)).toEqual(['100%_real']);
    expect(listTags(db, '', 2).map((t) => t.name)).toEqual(['100%_real', 'golden hour']);
    expect(tagsOf(db, a.id).map((t) => t.name)).toEqual(['100%_real', 'Portrait', 'pottery']);
  });

  it('remove answers who carried it, and a tag on nothing is forgotten', () => {
    const a = addGeneration(db, 1000, { prompt: 'x' });
    const b = addGeneration(db, 2000, { prompt: 'y' });
    addTag(db, [a.id], 'draft');
    expect(removeTag(db, [a.id, b.id], 'DRAFT')).toEqual([a.id]);
    expect(listTags(db, '', 20)).toEqual([]);
    expect(removeTag(db, [a.id], 'never')).toEqual([]);
  });

  it('renames everywhere; another existing tag is a conflict, a new spelling of the same is not', () => {
    const a = addGeneration(db, 1000, { prompt: 'x' });
    const b = addGeneration(db, 2000, { prompt: 'y' });
    addTag(db, [a.id, b.id], 'portait');
    addTag(db, [a.id], 'face');
    expect(renameTag(db, 'portait', 'portrait')).toEqual({ previousName: 'portait' });
    expect(found('tag:portrait')).toEqual([b.id, a.id]);
    expect(found('tag:portait')).toEqual([]);
    expect(codeOf(() => renameTag(db, 'portrait', 'FACE'))).toBe('conflict');
    expect(renameTag(db, 'portrait', 'Portrait')).toEqual({ previousName: 'portrait' });
    expect(codeOf(() => renameTag(db, 'nothing', 'else'))).toBe('not_found');
  });
});

describe('tag: and in: in the query language', () => {
  it('combine with words, OR, exclusion and the count', () => {
    const a = addGeneration(db, 1000, { prompt: 'neon city' });
    const b = addGeneration(db, 2000, { prompt: 'neon forest' });
    const c = addGeneration(db, 3000, { prompt: 'quiet forest' });
    addTag(db, [a.id, c.id], 'portrait');
    addTag(db, [b.id], 'golden hour');
    const board = createCollection(db, 'Neon moodboard');
    addToCollection(db, board.id, [{ generationId: b.id, index: 3 }], []);
    addToCollection(db, board.id, [], [c.id]);

    expect(found('tag:portrait')).toEqual([c.id, a.id]);
    expect(found('tag:"golden hour"')).toEqual([b.id]);
    expect(found('in:"Neon moodboard"')).toEqual([c.id, b.id]);
    expect(found('in:"neon MOODBOARD" forest -tag:portrait')).toEqual([b.id]);
    expect(found('tag:portrait OR in:"Neon moodboard"')).toEqual([c.id, b.id, a.id]);
    // a collection holds images: these runs have none yet, so none has an image outside it (collection-images.test.ts)
    expect(found('-in:"Neon moodboard"')).toEqual([]);
    expect(found('in:"No such collection"')).toEqual([]);
    expect(countSearch(db, { text: 'in:"Neon moodboard" neon' })).toBe(1);
  });
});

describe('saved searches', () => {
  it('save, rename and delete by unique name, keeping the query and filters as given', () => {
    const saved = saveSearch(db, { name: 'Neon 16:9', query: 'neon ar:16:9', filters: { layout: 'images' } }, 5000);
    expect(saved).toMatchObject({ name: 'Neon 16:9', query: 'neon ar:16:9', filters: { layout: 'images' }, createdAt: 5000 });
    expect(codeOf(() => saveSearch(db, { name: 'NEON 16:9', query: 'x', filters: {} }))).toBe('conflict');
    const other = saveSearch(db, { name: 'Favourites', query: 'is:fav', filters: {} });
    expect(codeOf(() => renameSavedSearch(db, other.id, 'neon 16:9'))).toBe('conflict');
    expect(renameSavedSearch(db, saved.id, 'Wide neon')).toMatchObject({ previousName: 'Neon 16:9', search: { name: 'Wide neon' } });
    expect(deleteSavedSearch(db, other.id)).toMatchObject({ name: 'Favourites', query: 'is:fav' });
    expect(listSavedSearches(db).map((s) => s.name)).toEqual(['Wide neon']);
    // a hand-edited file with broken filters still lists
    db.prepare("UPDATE saved_searches SET filters = 'not json'").run();
    expect(listSavedSearches(db)[0]?.filters).toEqual({});
  });
});
