/**
 * Actions over everything a query matches (the selection of Ctrl/Cmd+A): the query is resolved to
 * ids on a worker thread, the write goes in parts (curate.ts, filing.ts) and the whole action is one
 * change with one undo, kept here because its undo would not fit in a request.
 */
import type { BulkAction, BulkResult, QuerySelection } from '../../shared/bulk.ts';
import { UNDO_STEPS } from '../../shared/image-curation.ts';
import type { createCuration } from './curate.ts';
import { Failure } from './failure.ts';
import { fileInParts, tagInParts, unfileInParts, untagInParts } from './filing.ts';
import type { Library } from './library/database.ts';
import type { LibraryThreads } from './library/threads.ts';
import { nextTurn } from './in-parts.ts';

export interface BulkDeps {
  db: Library;
  threads: Pick<LibraryThreads, 'ids'>;
  curation: ReturnType<typeof createCuration>;
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

/** The query-wide actions and their undos (the last UNDO_STEPS, each once). */
export function createBulk({ db, threads, curation }: BulkDeps) {
  const undos = new Map<number, () => Promise<unknown>>();
  let lastUndoId = 0;
  function keep(undo: () => Promise<unknown>): number {
    const undoId = ++lastUndoId;
    undos.set(undoId, undo);
    for (const id of undos.keys()) {
      if (undos.size <= UNDO_STEPS) break;
      undos.delete(id);
    }
    return undoId;
  }

  /** Runs the action; answers how much changed and what undoes it. */
  async function run(ids: number[], action: BulkAction): Promise<{ changed: number; undo: () => Promise<unknown> }> {
    const curate = async (change: Parameters<typeof curation.apply>[1]) => {
      const result = await curation.apply({ generations: ids }, change, { quiet: true });
      return { changed: result.images, undo: () => curation.undo(result.undoId) };
    };
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
        return { changed: tagged.length, undo: () => untagInParts(db, tagged, action.name) };
      }
      case 'untag': {
        const untagged = await untagInParts(db, ids, action.name);
        return { changed: untagged.length, undo: () => tagInParts(db, untagged, action.name) };
      }
      case 'file': {
        const filed = await fileInParts(db, action.collectionId, [], ids);
        return { changed: filed.length, undo: () => unfileInParts(db, action.collectionId, filed, []) };
      }
      case 'unfile': {
        const unfiled = await unfileInParts(db, action.collectionId, [], ids);
        return { changed: unfiled.length, undo: () => fileInParts(db, action.collectionId, unfiled, []) };
      }
    }
  }

  return {
    /** Applies one action to every generation the selection holds, as one change. */
    async apply(selection: QuerySelection, action: BulkAction): Promise<BulkResult> {
      const ids = await selectionIds(threads, selection);
      if (ids.length === 0) throw new Failure('invalid_input', 'Nothing is selected any more: the search matches no generation now.');
      const { changed, undo } = await run(ids, action);
      return { undoId: keep(undo), generations: ids.length, changed };
    },

    /** Puts back what one action changed (once). */
    async undo(undoId: number): Promise<void> {
      const undo = undos.get(undoId);
      if (undo === undefined) throw new Failure('not_found', 'That change can no longer be undone: it is too far back, or Atelier restarted since.');
      undos.delete(undoId);
      await undo();
    },
  };
}
