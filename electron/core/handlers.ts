import { UNKNOWN_SEED, type Generation, type GenerationParams } from '../../shared/generation.ts';
import { generationParamsSchema } from '../../shared/params.ts';
import type { Handlers } from './dispatch.ts';
import type { LiveSettings } from './live-settings.ts';
import type { EventHub } from './events.ts';
import { Failure } from './failure.ts';
import type { Library } from './library/database.ts';
import { cancelQueuedRuns, getBatch, insertBatch } from './library/batches.ts';
import { prepareBatch, prepareRun, randomSeed } from './runs.ts';
import {
  cancelGeneration,
  dismissGenerations,
  downloadImageAgain,
  getGeneration,
  getLineage,
  insertGeneration,
  listQueue,
  softDelete,
} from './library/generations.ts';
import type { LibraryThreads } from './library/threads.ts';
import { hashingProgress } from './library/hash-backfill.ts';
import { findSimilarImages } from './library/similar.ts';
import { binSimulatedStep } from './library/simulated.ts';
import { stackMembers } from './library/stacks.ts';
import { creditSummary, libraryStats } from './library/stats.ts';
import type { TaskQueue } from './tasks/queue.ts';
import { runDesktopAction, type DesktopActions } from './desktop/desktop.ts';
import type { Exports } from './export/exports.ts';
import { pickPath } from './desktop/path-picker.ts';
import { addToCollection } from './library/collections.ts';
import { createCurationHandlers } from './curation-handlers.ts';
import { createCuration } from './curate.ts';
import { createBulk, selectionIds } from './bulk.ts';
import { createUndo } from './undo.ts';
import type { UndoLog } from './undo-log.ts';
import { createBackups } from './backups.ts';
import type { Imports } from './import/imports.ts';
import type { Provider } from './provider.ts';
import { referenceAddressProblem } from './reference/decide.ts';
import { createReferenceHandlers } from './reference/handlers.ts';
import type { KeptUploads } from './reference/kept-uploads.ts';

export interface HandlerDeps {
  db: Library;
  hub: EventHub;
  queue: TaskQueue;
  /** Searches, counts and the running totals' readiness: the work that grows with the library, off this thread. */
  threads: Pick<LibraryThreads, 'search' | 'galleryPage' | 'count' | 'galleryCount' | 'stopGalleryCount' | 'ids' | 'totalsCounted' | 'restore' | 'resumeUpkeep' | 'duplicates'>;
  appInfo: Handlers['app:info'];
  /** Which API answers now: new runs are marked simulated in Sandbox mode, and balances are kept apart. */
  providerKind: () => 'kinovi' | 'sandbox';
  settings: Pick<LiveSettings, 'view' | 'update'>;
  /** The library folder, for resolving saved images' paths. */
  dataDir: string;
  /** Imports into the library (the core closes them, so they are made beside the queue). */
  imports: Pick<Imports, 'start' | 'status'>;
  /** Exports (made beside the core, whose preview host streams their downloads). */
  exports: Pick<Exports, 'start' | 'cancel'>;
  /** Drag, copy and show-in-folder; only the desktop shell provides them. */
  desktop?: DesktopActions | undefined;
  /** The API in use now: "Use as reference" checks addresses and uploads through it. */
  provider: () => Provider;
  /** The undo history in the library (the core starts and closes it). */
  undoLog: UndoLog;
  /** The reference uploads made, kept so an expired one can be made again when its run is sent. */
  keptUploads: KeptUploads;
}

/** Lets other work (pages, pushes, IPC) in between two steps of a long write. */
const nextTurn = () => new Promise<void>((resolve) => setImmediate(resolve));

/** The implementation of every channel of the contract, over the library and the queue. */
export function createHandlers({ db, hub, queue, threads, appInfo, providerKind, settings, dataDir, desktop, imports, exports, provider, undoLog, keptUploads }: HandlerDeps): Handlers {
  /** Saves a new generation as queued (persist first), filed into `collectionId` in the same step, announces it and wakes the queue. */
  function create(params: GenerationParams, parentId?: number, collectionId?: number): Generation {
    if (backups.restoring) throw new Failure('conflict', 'A backup is being restored; try again in a moment.');
    refuseUnfetchableReference(params);
    const run = prepareRun(params, parentId, '', providerKind());
    const generation = db.transaction(() => {
      const queued = insertGeneration(db, run);
      if (collectionId !== undefined) addToCollection(db, collectionId, [], [queued.id]);
      return queued;
    })();
    hub.emit('generation:updated', generation);
    queue.pump();
    return generation;
  }

  /**
   * The stored parameters of a generation to run again. An imported one may hold what Atelier
   * cannot send (a v6.1 model, no prompt, no seed): refused in words rather than sent to fail.
   */
  function runnableParams(source: Generation): GenerationParams {
    const checked = generationParamsSchema.safeParse(source.params);
    if (checked.success) return source.params;
    const why = checked.error.issues.map((issue) => issue.message).join(' ');
    throw new Failure('invalid_input', `This generation was imported with settings Atelier cannot run: ${why} Copy its prompt into a new generation instead.`);
  }

  /** A reference on this computer sent to an API elsewhere would be dropped silently: refused in words instead. */
  function refuseUnfetchableReference(params: GenerationParams): void {
    const problem = referenceAddressProblem(provider().info.baseUrl, params.referenceImageUrl);
    if (problem !== null) throw new Failure('invalid_input', problem);
  }

  const backups = createBackups({ db, hub, queue, threads, dataDir, desktop });

  const announce = (id: number) => {
    const generation = getGeneration(db, id);
    hub.emit('generation:updated', generation);
    return generation;
  };

  const curation = createCuration(db, hub, undoLog);
  const undo = createUndo({ db, hub, log: undoLog, curation });
  const bulk = createBulk({ db, threads, curation, undo });

  return {
    'app:info': appInfo,

    'generation:create': ({ params, parentId, collectionId }) => create(params, parentId, collectionId),
    'generation:get': ({ id }) => getGeneration(db, id),
    'generation:rerun': ({ id, seed }) => {
      const source = getGeneration(db, id);
      if (seed === 'same' && source.effective.seed === UNKNOWN_SEED) {
        throw new Failure('invalid_input', 'The seed of this imported picture is not known: run it again with a new seed.');
      }
      return create({ ...runnableParams(source), seed: seed === 'same' ? source.effective.seed : randomSeed() }, id);
    },
    'generation:retry': ({ id }) => {
      const source = getGeneration(db, id);
      if (source.status !== 'failed' && source.status !== 'unknown') {
        throw new Failure('conflict', 'Only a failed generation, or one whose outcome is unknown, can be retried.', { status: source.status });
      }
      const retried = create({ ...runnableParams(source), seed: source.effective.seed }, id);
      dismissGenerations(db, [id]);
      announce(id);
      return retried;
    },
    'generation:cancel': ({ id }) => {
      const generation = cancelGeneration(db, id);
      hub.emit('generation:updated', generation);
      return generation;
    },
    'generation:dismiss': ({ id }) => {
      const generation = getGeneration(db, id);
      if (generation.status === 'queued') throw new Failure('conflict', 'A queued generation is cancelled, not dismissed.');
      dismissGenerations(db, [id]);
      return announce(id);
    },
    'generation:checkNow': (input) => queue.checkNow(input?.id),
    'generation:lineage': ({ id }) => getLineage(db, id),

    'batch:create': ({ params, sweep, parentId, collectionId }) => {
      if (backups.restoring) throw new Failure('conflict', 'A backup is being restored; try again in a moment.');
      refuseUnfetchableReference(params);
      const prepared = prepareBatch(params, sweep ?? [], parentId, providerKind());
      // "Generate into" files the whole batch in the same transaction as its runs, so a crash cannot lose it
      const made = db.transaction(() => {
        const saved = insertBatch(db, { name: prepared.name, sweep: sweep ?? [] }, prepared.runs);
        if (collectionId !== undefined) addToCollection(db, collectionId, [], saved.runs.map((run) => run.id));
        return saved;
      })();
      for (const run of made.runs) hub.emit('generation:updated', run);
      queue.pump();
      return made;
    },
    'batch:get': ({ id }) => getBatch(db, id),
    'batch:cancel': ({ id }) => {
      for (const cancelled of cancelQueuedRuns(db, id)) announce(cancelled);
      return getBatch(db, id);
    },

    'queue:get': () => ({ items: listQueue(db), paused: queue.paused, concurrency: queue.concurrency }),
    'queue:resume': () => {
      queue.resume();
      return { items: listQueue(db), paused: queue.paused, concurrency: queue.concurrency };
    },

    'library:search': ({ forGallery, ...search }) => (forGallery ? threads.galleryPage(search) : threads.search(search)),
    'library:count': ({ forGallery, ...search }) => (forGallery ? threads.galleryCount(search) : threads.count(search)),
    'library:stopGalleryCount': () => threads.stopGalleryCount(),
    'library:delete': ({ ids }) => {
      const at = undoLog.stamp();
      const deleted = softDelete(db, ids, at);
      if (deleted.length > 0) hub.emit('library:changed', { ids: deleted, change: 'deleted' });
      return { ids: deleted, undoId: undo.keepTrash(deleted, at) };
    },
    // bounded: at most 10,000 ids, each a lookup in the members' index
    'library:stackMembers': ({ ids }) => ({ ids: stackMembers(db, ids) }),
    'library:removeSimulated': async () => {
      const at = undoLog.stamp();
      let removed = 0;
      for (let ids = binSimulatedStep(db, at); ids.length > 0; ids = binSimulatedStep(db, at)) {
        removed += ids.length;
        hub.emit('library:changed', { ids, change: 'deleted' });
        await nextTurn();
      }
      return { removed, undoId: undo.keepSimulated(removed, at) };
    },
    'library:stats': async () => {
      await threads.totalsCounted;
      return libraryStats(db);
    },

    'credits:summary': async () => {
      await threads.totalsCounted;
      return creditSummary(db, providerKind());
    },

    'image:retryDownload': ({ generationId, index }) => {
      const generation = downloadImageAgain(db, generationId, index);
      hub.emit('generation:updated', generation);
      queue.downloadAgain(generationId);
      return generation;
    },
    'image:drag': ({ generationId, index }) => runDesktopAction(desktop, 'startDrag', { db, dataDir, generationId, index }),
    'image:copy': ({ generationId, index }) => runDesktopAction(desktop, 'copyImage', { db, dataDir, generationId, index }),
    'image:showInFolder': ({ generationId, index }) => runDesktopAction(desktop, 'showInFolder', { db, dataDir, generationId, index }),

    'image:favorite': ({ target, favorite }) => curation.apply(target, { favorite }),
    'image:rate': ({ target, rating }) => curation.apply(target, { rating }),
    'image:reject': ({ target, rejected }) => curation.apply(target, { rejected }),
    'image:delete': ({ target }) => curation.apply(target, { deleted: true }),
    'image:undo': async ({ undoId }) => (await undo.run(undoId)).generations,
    'bulk:apply': ({ selection, action }) => bulk.apply(selection, action),
    'bulk:undo': async ({ undoId }) => void (await undo.run(undoId)),
    'undo:run': ({ undoId }) => undo.run(undoId),
    'undo:list': () => ({ undoIds: undo.list() }),

    'settings:get': () => settings.view(),
    'settings:update': (change) => settings.update(change),

    ...backups.handlers,
    'import:start': ({ folder }) => imports.start(folder),
    'import:status': () => imports.status(),
    'image:similar': ({ generationId, index }) => findSimilarImages(db, generationId, index),
    'library:duplicates': async () => ({ ...(await threads.duplicates()), hashing: hashingProgress(db) }),

    // a selection of everything, a collection or a saved search: the query's ids, read off the core's thread
    'export:start': async ({ everything, ...input }) =>
      exports.start(everything === undefined ? input : { ...input, ids: await selectionIds(threads, everything) }),
    'export:cancel': () => exports.cancel(),
    'dialog:pickPath': ({ purpose }) => pickPath(desktop, purpose, Date.now()),

    ...createCurationHandlers(db, undo),
    ...createReferenceHandlers({ db, dataDir, hub, provider, kept: keptUploads }),
  };
}
