/**
 * Renames of collections, tags and saved searches, and deletes of collections and saved searches,
 * each written in one transaction with its undo step (undo-log.ts), so Ctrl/Cmd+Z reaches them after
 * a restart and in the one order of every change. Names are what an artist sees and what `in:` and
 * `tag:` match, so an undo whose old name was taken since, or whose name was changed again since (an
 * older toast's Undo, ahead of the newer change), refuses in words and changes nothing: its step
 * stays, and goes through once the newer change is undone.
 */
import type { Collection, SavedSearch, SearchFilters } from '../../shared/curation.ts';
import type { UndoOutcome } from '../../shared/image-curation.ts';
import { Failure } from './failure.ts';
import { deleteCollection, getCollection, renameCollection, restoreCollection } from './library/collections.ts';
import type { Library } from './library/database.ts';
import { deleteSavedSearch, renameSavedSearch, savedSearchNamed, saveSearch } from './library/saved-searches.ts';
import { renameTag, tagNamed } from './library/tags.ts';
import { decodeRecord, encodeRecord } from './library/undo-codec.ts';
import type { UndoKind, UndoStep } from './library/undo-steps.ts';
import type { UndoLog } from './undo-log.ts';

type NameKind = Extract<UndoKind, 'collection-rename' | 'collection-delete' | 'tag-rename' | 'search-rename' | 'search-delete'>;

const text = (record: Record<string, unknown>, key: string): string => {
  const value = record[key];
  if (typeof value !== 'string') throw new Failure('internal', 'This change cannot be undone: its record in the library is damaged.');
  return value;
};

const number = (record: Record<string, unknown>, key: string): number => {
  const value = record[key];
  if (typeof value !== 'number' || !Number.isSafeInteger(value)) throw new Failure('internal', 'This change cannot be undone: its record in the library is damaged.');
  return value;
};

/** The undo's refusal when the old name is taken: says which and what to do; nothing is changed. */
function refuseTaken(error: unknown, what: string): never {
  if (error instanceof Failure && error.code === 'conflict') {
    const name = typeof error.details?.['name'] === 'string' ? error.details['name'] : '';
    throw new Failure('conflict', `This can't be undone: there is already ${what} named "${name}". Rename that one first, then undo again.`, { name });
  }
  throw error;
}

/** The collection as it is, or null when it was deleted (binned) since. */
function liveCollection(db: Library, id: number): Collection | null {
  try {
    return getCollection(db, id);
  } catch (error) {
    if (error instanceof Failure && error.code === 'not_found') return null;
    throw error;
  }
}

/** The undo's refusal when the name it would give back from was changed again since (the newer change first). */
function renamedSince(what: string, expected: string, now: string | null): never {
  const where = now === null ? `there is no ${what} named "${expected}" any more (renamed or deleted since)` : `the ${what} "${expected}" has been renamed "${now}" since`;
  throw new Failure('conflict', `This can't be undone yet: ${where}. Undo that newer change first, then undo this one.`, { name: expected });
}

/** Renames and deletes of names with their undo steps; `putBack` undoes one such step. */
export function createNameUndo(db: Library, log: Pick<UndoLog, 'keep' | 'stamp'>) {
  /** Keeps the step of a change just written in the caller's transaction. */
  const keep = (kind: NameKind, note: string, record: Record<string, unknown>, at = log.stamp()) =>
    log.keep({ kind, at, quiet: true, size: 1, note, data: encodeRecord(record) });

  return {
    /** Renames a collection; the undo gives back the name it had. */
    renameCollection(id: number, name: string): { collection: Collection; previousName: string; undoId: number | null } {
      return db.transaction(() => {
        const renamed = renameCollection(db, id, name);
        const to = renamed.collection.name;
        const undoId = to === renamed.previousName ? null : keep('collection-rename', renamed.previousName, { id, from: renamed.previousName, to });
        return { ...renamed, undoId };
      })();
    },

    /** Bins a collection with its members, stamped with its step, so it lives exactly as long as its undo. */
    deleteCollection(id: number): { collection: Collection; undoId: number } {
      return db.transaction(() => {
        const at = log.stamp();
        const collection = deleteCollection(db, id, at);
        return { collection, undoId: keep('collection-delete', collection.name, { id, name: collection.name }, at) };
      })();
    },

    /** Renames a tag on every generation carrying it; the undo gives back the name it had. */
    renameTag(from: string, to: string): { previousName: string; undoId: number | null } {
      return db.transaction(() => {
        const { previousName } = renameTag(db, from, to);
        const undoId = previousName === to ? null : keep('tag-rename', previousName, { from: previousName, to });
        return { previousName, undoId };
      })();
    },

    /** Renames a saved search; the undo gives back the name it had. */
    renameSearch(id: number, name: string): { search: SavedSearch; previousName: string; undoId: number | null } {
      return db.transaction(() => {
        const renamed = renameSavedSearch(db, id, name);
        const to = renamed.search.name;
        const undoId = to === renamed.previousName ? null : keep('search-rename', renamed.previousName, { from: renamed.previousName, to });
        return { ...renamed, undoId };
      })();
    },

    /** Deletes a saved search; its step keeps it whole, so the undo saves it again as it was. */
    deleteSearch(id: number): { search: SavedSearch; undoId: number } {
      return db.transaction(() => {
        const search = deleteSavedSearch(db, id);
        const undoId = keep('search-delete', search.name, { name: search.name, query: search.query, filters: search.filters, createdAt: search.createdAt });
        return { search, undoId };
      })();
    },

    /** Takes back one rename or delete (in one transaction: a refusal changes nothing). */
    putBack(step: UndoStep): UndoOutcome {
      const record = decodeRecord(step.data) ?? {};
      return db.transaction((): UndoOutcome => {
        switch (step.kind) {
          case 'collection-rename': {
            // deleted since: its own step brings it back, and then this one can go through
            const was = liveCollection(db, number(record, 'id'))?.name ?? null;
            if (was !== text(record, 'to')) renamedSince('collection', text(record, 'to'), was);
            try {
              renameCollection(db, number(record, 'id'), text(record, 'from'));
            } catch (error) {
              refuseTaken(error, 'a collection');
            }
            return { generations: [], reload: true, named: { what: 'collection', was, now: text(record, 'from') } };
          }
          case 'collection-delete': {
            const collection = restoreCollection(db, number(record, 'id'));
            return { generations: [], reload: true, named: { what: 'collection', was: null, now: collection.name } };
          }
          case 'tag-rename':
            // exactly as spelt: a tag re-spelt since ("dark" → "Dark") is a newer rename to undo first
            if (tagNamed(db, text(record, 'to')) !== text(record, 'to')) renamedSince('tag', text(record, 'to'), tagNamed(db, text(record, 'to')));
            try {
              renameTag(db, text(record, 'to'), text(record, 'from'));
            } catch (error) {
              refuseTaken(error, 'a tag');
            }
            return { generations: [], reload: true, named: { what: 'tag', was: text(record, 'to'), now: text(record, 'from') } };
          case 'search-rename': {
            const search = savedSearchNamed(db, text(record, 'to'));
            if (search?.name !== text(record, 'to')) renamedSince('saved search', text(record, 'to'), search?.name ?? null);
            try {
              renameSavedSearch(db, search.id, text(record, 'from'));
            } catch (error) {
              refuseTaken(error, 'a saved search');
            }
            return { generations: [], reload: false, named: { what: 'search', was: search.name, now: text(record, 'from') } };
          }
          case 'search-delete': {
            const kept = record['filters'];
            const filters = typeof kept === 'object' && kept !== null && !Array.isArray(kept) ? (kept as SearchFilters) : {};
            try {
              saveSearch(db, { name: text(record, 'name'), query: text(record, 'query'), filters, createdAt: number(record, 'createdAt') });
            } catch (error) {
              refuseTaken(error, 'a saved search');
            }
            return { generations: [], reload: false, named: { what: 'search', was: null, now: text(record, 'name') } };
          }
          default:
            throw new Failure('internal', `A ${step.kind} step is not a rename or a delete of a name.`);
        }
      })();
    },
  };
}

export type NameUndo = ReturnType<typeof createNameUndo>;
