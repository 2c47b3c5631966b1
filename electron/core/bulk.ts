/**
 * Actions over everything a query matches (the selection of Ctrl/Cmd+A): the query is resolved to
 * ids on a worker thread, the write goes in parts (curate.ts, filing.ts) and the whole action is one
 * change with one undo step in the library (undo.ts): its record would not fit in a request.
 */
import type { BulkAction, BulkResult, QuerySelection } from '../../shared/bulk.ts';
import type { createCuration } from './curate.ts';
import { Failure } from './failure.ts';
import { fileInParts, tagInParts, unfileInParts, untagInParts } from './filing.ts';
import type { Library } from './library/database.ts';
import type { LibraryThreads } from './library/threads.ts';
import { nextTurn } from './in-parts.ts';
import type { Undo } from './undo.ts';

export interface BulkDeps {
  db: Library;
  threads: Pick<LibraryThreads, 'ids'>;
  curation: ReturnType<typeof createCuration>;
  undo: Undo;
}

/** Ids filtered per turn: a part of a 1,000,000-id list costs a few ms. */
const FILTER_PART = 100_000;

/** Every id the selection holds: the query's matches minus the unticked ones, read without holding the core's thread. */
export async function selectionIds(threads: BulkDeps['threads'], selection: QuerySelection): Promise<number[]> {
  const matches = await threads.ids(selection.search);
  const except = new Set(selection.except);
  const ids: number[] = [];
  for (let at = 0; at < matches.length; at += FILTER_PART) {
    if (at > 0) await nextTurn();
    for (const id of matches.subarray(at, at + FILTER_PART)) if (!except.has(id)) ids.push(id);
  }
  return ids;
}

/** The query-wide actions; each keeps one undo step (undo.ts), taken back by `undo:run` or `bulk:undo`. */
export function createBulk({ db, threads, curation, undo }: BulkDeps) {
  /** Runs the action; answers how much changed and its undo's id. */
  async function run(ids: number[], action: BulkAction): Promise<{ changed: number; undoId: number }> {
    const curate = async (change: Parameters<typeof curation.apply>[1]) => {
      const result = await curation.apply({ generations: ids }, change, { quiet: true });
      return { changed: result.images, undoId: result.undoId };
    };
    // one step even when nothing changed: the artist's toast offers an undo for every action
    switch (action.kind) {
      case 'favorite':
        return curate({ favorite: action.favorite });
      case 'rate':
        return curate({ rating: action.rating });
      case 'reject':
        return curate({ rejected: action.rejected });
      case 'delete':
        return curate({ deleted: true });
      case 'tag': {
        const tagged = await tagInParts(db, ids, action.name);
        return { changed: tagged.length, undoId: undo.keepTagging('tag', tagged, action.name) };
      }
      case 'untag': {
        const untagged = await untagInParts(db, ids, action.name);
        return { changed: untagged.length, undoId: undo.keepTagging('untag', untagged, action.name) };
      }
      case 'file': {
        const filed = await fileInParts(db, action.collectionId, [], ids);
        return { changed: filed.length, undoId: undo.keepFiling('file', action.collectionId, filed) };
      }
      case 'unfile': {
        const unfiled = await unfileInParts(db, action.collectionId, [], ids);
        return { changed: unfiled.length, undoId: undo.keepFiling('unfile', action.collectionId, unfiled) };
      }
    }
  }

  return {
    /** Applies one action to every generation the selection holds, as one change. */
    async apply(selection: QuerySelection, action: BulkAction): Promise<BulkResult> {
      const ids = await selectionIds(threads, selection);
      if (ids.length === 0) throw new Failure('invalid_input', 'Nothing is selected any more: the search matches no generation now.');
      const { changed, undoId } = await run(ids, action);
      return { undoId, generations: ids.length, changed };
    },
  };
}
