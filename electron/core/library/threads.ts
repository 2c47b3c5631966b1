import type { RestoreResult } from '../../../shared/contract.ts';
import type { LibrarySearch, LibrarySearchInput, SearchCount, SearchPage } from '../../../shared/search.ts';
import { Failure } from '../failure.ts';
import { storageProblemOf } from '../storage-errors.ts';
import type { BackupResult } from './backup.ts';
import { libraryPath, type Library } from './database.ts';
import { totalsCounted } from './totals.ts';
import { searchIndexNeedsWork } from './search-index.ts';
import { stackKeysReady } from './stacks.ts';
import { gridsReady } from './grid-backfill.ts';
import { hashingProgress } from './hash-backfill.ts';
import type { DuplicateGroup, HashingProgress } from '../../../shared/duplicates.ts';
import { valueOrderReady } from './value-order.ts';
import { memberOrderReady } from './member-order.ts';
import { startCheckpoints } from './checkpoints.ts';
import { newestOnly } from './newest-only.ts';
import { LibraryWorker } from './worker.ts';
import { parseSearch } from './search.ts';
import { keptSearchCount } from './search-engine.ts';
import type { JobInput, JobKind, JobOutput } from './worker-jobs.ts';

/**
 * The gallery's first page as the window asks for it by default (newest first, saved images only,
 * rejected hidden, reruns stacked), read as the pages thread comes up and its answer dropped. The
 * first search on a connection reads the schema and runs the search code cold: at 1M ~12 ms
 * against ~2.5 ms warm, alone, and 37-49 ms on 2 cores busy with the window's start; the window
 * asks for that page ~0.3 s later. Any other first search is warmer for it too.
 */
export function firstPageWarmUp(now = Date.now()): LibrarySearchInput {
  return { text: '', statuses: ['done'], hideRejected: true, stacked: true, sort: 'newest', now, utcOffsetMinutes: 0, limit: 60 };
}

/** The daily backup waits this long after start-up, so it never competes with the first gallery pages. */
export const BACKUP_DELAY_MS = 2 * 60_000;

/** The counts and checkpoint threads start this long after the pages thread is up, unless a job needs them sooner. */
export const SETTLE_MS = 3_000;

/**
 * ...and once no page has been asked for this long (at most SETTLE_MAX_MS after the pages thread is
 * up): the artist's first words come in the first seconds, and at 1M on 2 cores the threads' start
 * (and after a crash the full check's first reads) beside them made the word typed then the slowest.
 */
export const QUIET_START_MS = 1_000;
const SETTLE_MAX_MS = 20_000;

export interface LibraryThreadsOptions {
  /** The core's own connection (already open and migrated). */
  db: Library;
  dataDir: string;
  /** Whether to read every page now (`needsFullCheck`, asked before the library was opened). */
  fullCheck: boolean;
  backupDelayMs?: number;
  /** SETTLE_MS unless said. */
  settleMs?: number;
  /** QUIET_START_MS unless said. */
  quietMs?: number;
  /**
   * Damage found: by the full check, by the backup's check of its copy (a `library_damaged`
   * Failure with the problems), or met by a search or count (the SQLite error itself).
   */
  onDamage(cause: unknown): void;
  /** How far the hashing of older images (duplicates) is, after each slice; null once done. */
  onHashing?(progress: HashingProgress | null): void;
}

export interface LibraryThreads {
  /** One page of a search, read on the pages thread. */
  search(input: LibrarySearchInput): Promise<SearchPage>;
  /** The gallery's first page, read as `search` is; a newer one replaces one still waiting (it answers `conflict`). */
  galleryPage(input: LibrarySearchInput): Promise<SearchPage>;
  /** How many generations match a search (and tiles show them), counted on a thread of its own so a count never holds up a page. */
  count(input: LibrarySearchInput): Promise<SearchCount>;
  /** The gallery's total, counted as `count` is; a newer one replaces one waiting and stops one under way (they answer `conflict`). */
  galleryCount(input: LibrarySearchInput): Promise<SearchCount>;
  /** The gallery's total waiting or under way is no longer wanted (the artist searched again): it stops, answering `conflict`. */
  stopGalleryCount(): void;
  /** The ids of every generation a search matches, read on the counts thread (it visits every match, as a count does). */
  ids(input: LibrarySearchInput): Promise<Float64Array>;
  /** Settles once the running totals count every row: at once, except on the first start after migration 6 or 21 (this and the five below: the latest fill, after `resumeUpkeep`). */
  readonly totalsCounted: Promise<void>;
  /** Settles once the date-ordered search index holds every generation and the old one is gone (or that failed, said in the log). */
  readonly searchIndexed: Promise<void>;
  /** Settles once every generation has its stack key (or that failed, said in the log); until then older rows show unstacked. */
  readonly stacksKeyed: Promise<void>;
  /** Settles once the Sort menu's value orders hold every generation (or that failed, said in the log); pages sort every match until then. */
  readonly valueOrdered: Promise<void>;
  /** Settles once the tags' and collections' date order holds every member (or that failed, said in the log); their pages test each row until then. */
  readonly membersOrdered: Promise<void>;
  /**
   * Today's backup, after the upkeep jobs already asked for (the timer runs it once a start-up
   * has settled); damage found is passed to `onDamage`. Null when it failed (said in the log or
   * through `onDamage`).
   */
  backup(): Promise<BackupResult | null>;
  /** Restores the named backup after the upkeep jobs already asked for (restore.ts); rejects with its Failure. */
  restore(name: string): Promise<RestoreResult>;
  /**
   * Starts the background fills the library needs now and that are not under way (the totals, the
   * search index, stack keys, sort orders, the hashes and grid thumbnails of older images): after a restore put in
   * place a library from before a migration, or one backed up before a fill had finished.
   */
  resumeUpkeep(): void;
  /** The Duplicates view's groups, read on the counts thread. */
  duplicates(): Promise<{ groups: DuplicateGroup[]; truncated: boolean }>;
  /** Settles once every image saved before migration 14 is hashed (or the core closed first, or it failed: said in the log). */
  readonly imagesHashed: Promise<void>;
  /** Settles once every generation saved before migration 23 has been given its grid thumbnail where it can (or as imagesHashed). */
  readonly gridsMade: Promise<void>;
  /** Settles once the full check asked at start-up (`fullCheck`) has run, found damage or failed (each said through `onDamage` or the log); at once if none was asked. */
  readonly checked: Promise<void>;
  /** Lets started jobs finish (a backup under way included, and a full check asked at start-up), then ends every thread. */
  close(): Promise<void>;
}

/**
 * The upkeep jobs that only read the library: the full check after a crash and the daily backup
 * (its copy is read from the library and checked in a file of its own). Each is seconds of a core at
 * 1M (the check ~15 s, the backup ~50 s), and at normal priority beside the window they took its
 * turns: after a crash, with the check running, typed words reached the grid in up to 353 ms
 * (bench:ui --after-crash). On a reader that yields the cores (thread-priority.ts) they take longer
 * while the artist works, and nobody waits on them. Every other upkeep job writes, and a writer
 * must not yield: the core may be waiting on its lock.
 */
const UPKEEP_READS: ReadonlySet<JobKind> = new Set<JobKind>(['check', 'backup']);

/** The thread an upkeep job runs on: a reader below normal priority for the jobs that only read, else a writer. */
export function upkeepThread(kind: JobKind): { name: string; writable?: boolean; background?: boolean } {
  return UPKEEP_READS.has(kind) ? { name: 'upkeep-reader', background: true } : { name: 'upkeep', writable: true };
}

const DAMAGE_FOUND =
  'Atelier found damage in its library file while checking it. What you see may be incomplete: close Atelier and restore the newest copy from the "backups" folder next to the library.';

/**
 * Starts the library's worker threads: three readers (pages at once, so the first gallery page finds
 * it ready; counts once the start-up has settled; the gallery's totals, below normal priority, at
 * the first total), one that copies the core's log back into the
 * file and merges the search index's segments (checkpoints.ts, once the start-up has settled),
 * and upkeep jobs (the count of the running totals, the fills, the full check after a crash, the
 * daily backup) each on a short-lived thread, one after another: a writer, or for the jobs that only
 * read, a reader below normal priority (`upkeepThread`).
 */
export function startLibraryThreads(options: LibraryThreadsOptions): LibraryThreads {
  const file = libraryPath(options.dataDir);
  const pages = new LibraryWorker(file, { name: 'pages' });
  const counts = new LibraryWorker(file, { name: 'counts' });
  // The gallery's totals alone: asked as the artist types and scrolls on, and waited on by nobody,
  // they yield the cores to the window (thread-priority.ts), and one the artist has searched past
  // stops part way (stoppable.ts). A select-all's ids and the Duplicates view, which the artist
  // waits on, stay on the counts thread. Started at the first total.
  const galleryTotals = new LibraryWorker(file, { name: 'gallery-totals', background: true, stoppable: true });
  // The gallery's first page waits for the pages thread to load (from the TypeScript sources ~0.5 s
  // of CPU, beside the page's own on 2 cores: at 1M it answered ~1.4 s after launch while the counts
  // and checkpoint threads loaded alongside). Nor do those start as soon as it is up: loading a
  // thread is 0.3-0.4 s of CPU, which the window's first layout and paint need then, and the
  // gallery's first total needs no thread (keptSearchCount). They start once the start-up has settled,
  // or at their first job. The pages thread comes up reading the first page (firstPageWarmUp).
  const pagesUp = pages.run('search', parseSearch(firstPageWarmUp())).then(
    () => undefined,
    () => undefined,
  );
  let pageAskedAt = 0;
  const pause = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms).unref());
  const settled = pagesUp.then(async () => {
    const giveUpAt = Date.now() + SETTLE_MAX_MS;
    await pause(options.settleMs ?? SETTLE_MS);
    const quietMs = options.quietMs ?? QUIET_START_MS;
    for (let wait = quietMs - (Date.now() - pageAskedAt); wait > 0 && Date.now() < giveUpAt; wait = quietMs - (Date.now() - pageAskedAt)) await pause(wait);
  });
  void settled.then(() => closing || counts.start());
  // damage met while merging the index or copying the log back is reported as the full check's is
  const checkpoints = startCheckpoints(options.db, file, {
    startAfter: settled,
    onFailure: (error) => {
      if (storageProblemOf(error) === 'damaged') options.onDamage(error);
    },
  });

  let upkeep: Promise<unknown> = Promise.resolve();
  const inUpkeep = <K extends JobKind>(kind: K, input: JobInput<K>): Promise<JobOutput<K>> => {
    const job = upkeep.then(async (): Promise<JobOutput<K>> => {
      const worker = new LibraryWorker(file, upkeepThread(kind));
      try {
        return await worker.run(kind, input);
      } finally {
        await worker.close();
      }
    });
    upkeep = job.catch(() => undefined);
    return job;
  };

  // Each fill runs while the library needs it: at start-up, and again when a restore put in place a
  // library that needs it (a backup from before a migration, or taken before a fill had finished).
  const never = Promise.resolve();
  let totals: Promise<void> = never;
  let searchIndexed: Promise<void> = never;
  let stacksKeyed: Promise<void> = never;
  let valueOrdered: Promise<void> = never;
  let membersOrdered: Promise<void> = never;
  let imagesHashed: Promise<void> = never;
  let gridsMade: Promise<void> = never;
  const busy = new Set<string>();
  /** Runs `fill` unless one of its kind is already under way; the promise settles when that one does. */
  const once = (kind: string, current: Promise<void>, fill: () => Promise<void>): Promise<void> => {
    if (busy.has(kind)) return current;
    busy.add(kind);
    return fill().finally(() => busy.delete(kind));
  };
  // older images are hashed a slice at a time, so a backup or a restore asked meanwhile runs between two slices
  let closing = false;
  const hashSlices = async (): Promise<void> => {
    while (!closing) {
      const slice = await inUpkeep('fillImageHashes', { dataDir: options.dataDir });
      options.onHashing?.(slice.progress);
      if (slice.progress === null) return;
    }
  };
  const gridSlices = async (): Promise<void> => {
    while (!closing) {
      const slice = await inUpkeep('fillGridThumbnails', { dataDir: options.dataDir });
      if (slice.ready) return;
    }
  };

  /** Starts every fill the library needs now and that is not already under way. */
  const fillWhatIsMissing = (): void => {
    if (!totalsCounted(options.db)) {
      totals = once('totals', totals, () =>
        inUpkeep('completeTotals', { now: Date.now() }).then(
          () => undefined,
          (error: unknown) => {
            console.error('[atelier] counting the library failed:', error);
            throw new Failure('library_error', 'Atelier could not count what its library holds; restarting Atelier tries again.');
          },
        ),
      );
      // the handlers await it; nobody else may, so a failure must not count as unhandled here
      totals.catch(() => undefined);
    }
    // searches read the old index meanwhile (correct, only slower); a stop half-way carries on at the next start
    if (searchIndexNeedsWork(options.db)) {
      searchIndexed = once('searchIndex', searchIndexed, () =>
        inUpkeep('fillSearchIndex', undefined).then(
          (report) => console.warn(`[atelier] search index complete: ${report.indexed} older generations indexed, longest step ${Math.round(report.longestStepMs)} ms`),
          (error: unknown) => console.error('[atelier] indexing older generations for search failed (searches stay correct, only slower):', error),
        ),
      );
    }
    // until then the older rows each stand alone (no key, no stack): the gallery shows all of them, unstacked
    if (!stackKeysReady(options.db)) {
      stacksKeyed = once('stackKeys', stacksKeyed, () =>
        inUpkeep('fillStackKeys', undefined).then(
          (report) => console.warn(`[atelier] stacks complete: ${report.keyed} older generations walked, longest step ${Math.round(report.longestStepMs)} ms`),
          (error: unknown) => console.error('[atelier] stacking older generations failed (they stay unstacked):', error),
        ),
      );
    }
    if (hashingProgress(options.db) !== null) {
      imagesHashed = once('imageHashes', imagesHashed, () =>
        hashSlices().catch((error: unknown) => console.error('[atelier] hashing older images for duplicates failed (it tries again at the next start):', error)),
      );
    }
    // until it reaches a generation, its four-up tile draws four thumbnails instead of one picture
    if (!gridsReady(options.db)) {
      gridsMade = once('grids', gridsMade, () =>
        gridSlices().catch((error: unknown) => console.error('[atelier] making grid thumbnails for older generations failed (it tries again at the next start):', error)),
      );
    }
    if (!valueOrderReady(options.db)) {
      valueOrdered = once('valueOrder', valueOrdered, () =>
        inUpkeep('fillValueOrder', undefined).then(
          (report) => console.warn(`[atelier] sort orders complete: ${report.added} older generations added, longest step ${Math.round(report.longestStepMs)} ms`),
          (error: unknown) => console.error('[atelier] adding older generations to the sort orders failed (sorted pages stay correct, only slower):', error),
        ),
      );
    }
    if (!memberOrderReady(options.db)) {
      membersOrdered = once('memberOrder', membersOrdered, () =>
        inUpkeep('fillMemberOrder', undefined).then(
          (report) => console.warn(`[atelier] tag and collection order complete: ${report.added} older entries added, longest step ${Math.round(report.longestStepMs)} ms`),
          (error: unknown) => console.error('[atelier] putting older tags and collections in date order failed (their pages stay correct, only slower):', error),
        ),
      );
    }
  };
  fillWhatIsMissing();

  // The full check after a crash waits for the start-up to settle, as the counts and checkpoint
  // threads do: its thread's loading and first reads beside the first page and its pictures made
  // them late (bench:ui --after-crash at 1M: first thumbnails 1.01-1.19 s, 0.84-0.93 from a clean
  // start). A quit before then still runs it: close waits for it, as it did when it started at once.
  let closeAsked = (): void => undefined;
  const checkDue = Promise.race([settled, new Promise<void>((resolve) => (closeAsked = resolve))]);
  const checked: Promise<void> = !options.fullCheck
    ? never
    : checkDue
        .then(() => inUpkeep('check', undefined))
        .then(
          (problems) => {
            if (problems.length > 0) options.onDamage(new Failure('library_damaged', DAMAGE_FOUND, { problems: problems.slice(0, 5) }));
          },
          (error: unknown) => {
            // a check that cannot even begin (the schema itself unreadable) has found damage too
            if (storageProblemOf(error) === 'damaged') options.onDamage(error);
            else console.error('[atelier] the full check of the library could not run:', error);
          },
        );

  const backup = () =>
    inUpkeep('backup', { dataDir: options.dataDir, now: Date.now() }).catch((error: unknown) => {
      const problems = error instanceof Failure ? error.details?.problems : undefined;
      if (error instanceof Failure && Array.isArray(problems)) options.onDamage(error);
      else console.error('[atelier] daily backup failed (the library itself is fine):', error);
      return null;
    });
  /** A read that meets damage reports it, then fails as it would have. */
  const damageMet = (error: unknown): never => {
    if (storageProblemOf(error) === 'damaged') options.onDamage(error);
    throw error;
  };
  const backupTimer = setTimeout(() => void backup(), options.backupDelayMs ?? BACKUP_DELAY_MS);
  backupTimer.unref();

  const countOnThread = (search: LibrarySearch) => counts.run('count', search).catch(damageMet);
  const galleryCounts = newestOnly(
    (search: LibrarySearch) => galleryTotals.run('stoppableCount', search).catch(damageMet),
    () => new Failure('conflict', 'A newer search replaced this count before it was made.'),
    () => galleryTotals.stop(),
  );
  /** A count the running totals hold (no text, no filter: the gallery at every start) is answered here, at once. */
  const keptOr = (onThread: typeof countOnThread) => async (input: LibrarySearchInput) => {
    const search = parseSearch(input);
    let kept: SearchCount | null;
    try {
      kept = keptSearchCount(options.db, search);
    } catch (error) {
      return damageMet(error);
    }
    return kept ?? onThread(search);
  };
  const count = keptOr(countOnThread);
  const galleryCountOnThread = keptOr((search) => galleryCounts.ask(search));
  const galleryCount = (input: LibrarySearchInput) => {
    // a newer total, even one the running totals answer, stops the one under way
    galleryCounts.drop();
    return galleryCountOnThread(input);
  };

  const readPage = (search: LibrarySearch) => pages.run('search', search).catch(damageMet);
  // At each key the gallery asks for the typed text's first page: one read at a time, and of those
  // asked meanwhile only the newest (a page read takes a few ms, so none is stopped part way).
  const galleryPages = newestOnly(readPage, () => new Failure('conflict', 'A newer search replaced this page before it was read.'));

  return {
    // parsed here (a bad search fails on the core, in words); the threads get it with defaults filled in
    search: async (input) => {
      pageAskedAt = Date.now();
      return readPage(parseSearch(input));
    },
    galleryPage: async (input) => {
      pageAskedAt = Date.now();
      return galleryPages.ask(parseSearch(input));
    },
    count,
    galleryCount,
    stopGalleryCount: () => galleryCounts.drop(),
    ids: async (input) => counts.run('ids', parseSearch(input)).catch(damageMet),
    get totalsCounted() {
      return totals;
    },
    get searchIndexed() {
      return searchIndexed;
    },
    get stacksKeyed() {
      return stacksKeyed;
    },
    get valueOrdered() {
      return valueOrdered;
    },
    get membersOrdered() {
      return membersOrdered;
    },
    backup,
    duplicates: () => counts.run('duplicates', undefined).catch(damageMet),
    get imagesHashed() {
      return imagesHashed;
    },
    get gridsMade() {
      return gridsMade;
    },
    resumeUpkeep: () => {
      if (!closing) fillWhatIsMissing();
    },
    restore: (name) => inUpkeep('restore', { dataDir: options.dataDir, name, now: Date.now() }),
    checked,
    close: async () => {
      clearTimeout(backupTimer);
      closing = true;
      closeAsked();
      await checked;
      await Promise.all([pages.close(), counts.close(), galleryTotals.close(), checkpoints.close(), upkeep]);
    },
  };
}
