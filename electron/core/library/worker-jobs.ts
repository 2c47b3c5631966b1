import type { RestoreResult } from '../../../shared/contract.ts';
import type { Library } from './database.ts';
import type { LibrarySearch, SearchCount, SearchPage } from '../../../shared/search.ts';
import { backupLibrary, type BackupResult } from './backup.ts';
import { checkLibrary } from './database.ts';
import { checkpointLog } from './log-copy.ts';
import { restoreBackup } from './restore.ts';
import { searchCount, searchIds, searchPage } from './search-engine.ts';
import { completeTotals } from './totals.ts';
import { fillSearchIndex, mergeSearchIndex, type BackfillReport } from './search-index.ts';
import { indexLevels, nextMergePages } from './search-index-levels.ts';
import { fillStackKeys, type StackBackfillReport } from './stacks.ts';
import { fillGridThumbnails, type GridSlice } from './grid-backfill.ts';
import { fillImageHashes, type HashSlice } from './hash-backfill.ts';
import { duplicateGroups } from './similar.ts';
import type { DuplicateGroup } from '../../../shared/duplicates.ts';
import { fillValueOrder, type ValueOrderReport } from './value-order.ts';
import { fillMemberOrder, type MemberOrderReport } from './member-order.ts';

/**
 * What a library worker thread can be asked to do, each on the thread's own connection:
 * the reads that grow with the library, kept off the core's thread. Searches come parsed by the
 * core (threads.ts), so nothing here loads zod.
 */
export const workerJobs = {
  /** One page of a search (the gallery's grid). */
  search: (db: Library, search: LibrarySearch): SearchPage => searchPage(db, search),
  /** How many generations a search matches in all, stack members included, and the tiles that show them. */
  count: (db: Library, search: LibrarySearch): SearchCount => searchCount(db, search),
  /** A count as `count`, that stops part way once the core says it is no longer wanted (only on a stoppable thread: stoppable.ts). */
  stoppableCount: (db: Library, search: LibrarySearch): SearchCount => searchCount(db, search, { stoppable: true }),
  /** The ids of every generation a search matches (an action over the whole query). */
  ids: (db: Library, search: LibrarySearch): Float64Array => searchIds(db, search),
  /** Answers once the thread has loaded and opened the library (threads.ts starts the others after the pages thread). */
  ready: (): true => true,
  /**
   * After the core's writes (checkpoints.ts): the write-ahead log copied back into the library file,
   * then a step of merging the search index's segments, unless the step would read more pages than
   * `mergeUpTo` (null: any). Whether the step found merge work (there may be more), whether a step
   * waits for the core to be quiet, how many pages of log there were and how many went back.
   */
  putAway: (db: Library, input: { mergeUpTo: number | null }): { merged: boolean; waiting: boolean; log: number; copied: number } => {
    // the log first: it is what the core's commits would otherwise copy back themselves
    const log = checkpointLog(db);
    if (input.mergeUpTo !== null && nextMergePages(indexLevels(db)) > input.mergeUpTo) return { merged: false, waiting: true, ...log };
    return { merged: mergeSearchIndex(db), waiting: false, ...log };
  },
  /** Reads every page of the library; the problems found, none when sound. */
  check: (db: Library): string[] => checkLibrary(db),
  /** Today's backup, checked page by page, and the rolling three kept. */
  backup: (db: Library, input: { dataDir: string; now: number }): Promise<BackupResult> => backupLibrary(db, input.dataDir, input.now),
  /** Keeps the library as it is as a backup, then puts the named backup's content in its place. */
  restore: (db: Library, input: { dataDir: string; name: string; now: number }): Promise<RestoreResult> =>
    restoreBackup(db, input.dataDir, input.name, input.now),
  /** The one count of the running totals after migration 6 or 21; true when this call completed it. */
  completeTotals: (db: Library, input: { now: number }): boolean => completeTotals(db, input.now),
  /** Indexes, in small steps, the generations written before migration 7, then removes the old index. */
  fillSearchIndex: (db: Library): Promise<BackfillReport> => fillSearchIndex(db),
  /** Gives, in small steps, the generations written before migration 12 their stack key, and re-keys by today's rule those keyed before migration 18 (so reruns stack). */
  fillStackKeys: (db: Library): Promise<StackBackfillReport> => fillStackKeys(db),
  /** Hashes, for a few seconds, images saved before migration 14 (duplicates); called again until done. */
  fillImageHashes: (db: Library, input: { dataDir: string }): Promise<HashSlice> => fillImageHashes(db, input),
  /** The Duplicates view's groups, from the stored pairs. */
  duplicates: (db: Library): { groups: DuplicateGroup[]; truncated: boolean } => duplicateGroups(db),
  /** Makes, for a few seconds, the grid thumbnails of generations saved before migration 23; called again until done. */
  fillGridThumbnails: (db: Library, input: { dataDir: string }): Promise<GridSlice> => fillGridThumbnails(db, input),
  /** Adds, in small steps, the generations written before migration 13 to the value orders. */
  fillValueOrder: (db: Library): Promise<ValueOrderReport> => fillValueOrder(db),
  /** Adds, in small steps, the tag and collection members written before migration 16 to their date order. */
  fillMemberOrder: (db: Library): Promise<MemberOrderReport> => fillMemberOrder(db),
};

export type WorkerJobs = typeof workerJobs;
export type JobKind = keyof WorkerJobs;
export type JobInput<K extends JobKind> = Parameters<WorkerJobs[K]>[1];
export type JobOutput<K extends JobKind> = Awaited<ReturnType<WorkerJobs[K]>>;

/** How the thread is set up: which library file, and whether it may write (only the upkeep jobs do). */
export interface WorkerSetup {
  file: string;
  writable: boolean;
  /** A reader whose answers nobody waits on with the page: it yields the cores to the window (thread-priority.ts). */
  background: boolean;
  /** A stoppable reader's stop count (one Int32), which the core raises to stop the jobs asked before (stoppable.ts). */
  stops?: SharedArrayBuffer;
}

/**
 * A request to the thread; `close` ends it once every earlier job has answered. `stopsSeen`: on a
 * stoppable thread, its stop count when the job was asked (a job asked before a stop is not wanted).
 */
export type WorkerRequest = { id: number; kind: JobKind; input: unknown; stopsSeen?: number } | { id: number; kind: 'close' };

/** The thread's answer: a value, an expected failure in the artist's words, or a bug's description. */
export type WorkerResponse =
  | { id: number; ok: true; value: unknown }
  | { id: number; ok: false; failure: { code: string; message: string; details?: Record<string, unknown> } }
  /** Anything else; `code` is kept (e.g. SQLITE_CORRUPT, SQLITE_FULL) so the core can tell storage problems apart. */
  | { id: number; ok: false; bug: string; code?: string };
