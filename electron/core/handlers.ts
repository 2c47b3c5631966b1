import { randomInt } from 'node:crypto';
import { SEED_MAX, type Generation, type GenerationParams } from '../../shared/generation.ts';
import { resolveEffectiveParams } from '../../shared/params.ts';
import type { Handlers } from './dispatch.ts';
import type { LiveSettings } from './live-settings.ts';
import type { EventHub } from './events.ts';
import { Failure } from './failure.ts';
import { createTaskBodyText } from './kinovi/index.ts';
import type { Library } from './library/database.ts';
import {
  cancelGeneration,
  dismissGenerations,
  getGeneration,
  getLineage,
  insertGeneration,
  listQueue,
  restore,
  setFavorite,
  softDelete,
} from './library/generations.ts';
import type { LibraryThreads } from './library/threads.ts';
import { creditSummary, libraryStats } from './library/stats.ts';
import type { TaskQueue } from './tasks/queue.ts';
import { runDesktopAction, type DesktopActions } from './desktop/desktop.ts';
import { createExports } from './export/exports.ts';

export interface HandlerDeps {
  db: Library;
  hub: EventHub;
  queue: TaskQueue;
  /** Searches, counts and the running totals' readiness: the work that grows with the library, off this thread. */
  threads: Pick<LibraryThreads, 'search' | 'count' | 'totalsCounted'>;
  appInfo: Handlers['app:info'];
  settings: Pick<LiveSettings, 'view' | 'update'>;
  /** The library folder, for resolving saved images' paths. */
  dataDir: string;
  /** Drag, copy and show-in-folder; only the desktop shell provides them. */
  desktop?: DesktopActions | undefined;
}

/** A seed for a run the artist left unseeded, so that "rerun with the same seed" can repeat it. */
const randomSeed = () => randomInt(0, SEED_MAX + 1);

/** The implementation of every channel of the contract, over the library and the queue. */
export function createHandlers({ db, hub, queue, threads, appInfo, settings, dataDir, desktop }: HandlerDeps): Handlers {
  /** Saves a new generation as queued (persist first), announces it and wakes the queue. */
  function create(params: GenerationParams, parentId?: number): Generation {
    const seed = params.seed ?? randomSeed();
    const resolved = resolveEffectiveParams(params, seed);
    if (resolved.problems.length > 0) throw new Failure('invalid_input', resolved.problems.join(' '), { problems: resolved.problems });
    const generation = insertGeneration(db, {
      params: { ...params, seed },
      effective: resolved.effective,
      requestBody: createTaskBodyText(params, seed),
      parentId: parentId ?? null,
    });
    hub.emit('generation:updated', generation);
    queue.pump();
    return generation;
  }

  const exports = createExports({ db, dataDir, hub });

  const announce = (id: number) => {
    const generation = getGeneration(db, id);
    hub.emit('generation:updated', generation);
    return generation;
  };

  return {
    'app:info': appInfo,

    'generation:create': ({ params, parentId }) => create(params, parentId),
    'generation:get': ({ id }) => getGeneration(db, id),
    'generation:rerun': ({ id, seed }) => {
      const source = getGeneration(db, id);
      return create({ ...source.params, seed: seed === 'same' ? source.effective.seed : randomSeed() }, id);
    },
    'generation:retry': ({ id }) => {
      const source = getGeneration(db, id);
      if (source.status !== 'failed' && source.status !== 'unknown') {
        throw new Failure('conflict', 'Only a failed generation, or one whose outcome is unknown, can be retried.', { status: source.status });
      }
      const retried = create({ ...source.params, seed: source.effective.seed }, id);
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

    'queue:get': () => ({ items: listQueue(db), paused: queue.paused, concurrency: queue.concurrency }),
    'queue:resume': () => {
      queue.resume();
      return { items: listQueue(db), paused: queue.paused, concurrency: queue.concurrency };
    },

    'library:search': (search) => threads.search(search),
    'library:count': async (search) => ({ total: await threads.count(search) }),
    'library:favorite': ({ ids, favorite }) => {
      setFavorite(db, ids, favorite);
      for (const id of ids) announce(id);
    },
    'library:delete': ({ ids }) => {
      const deleted = softDelete(db, ids);
      if (deleted.length > 0) hub.emit('library:changed', { ids: deleted, change: 'deleted' });
      return { ids: deleted };
    },
    'library:restore': ({ ids }) => {
      restore(db, ids);
      hub.emit('library:changed', { ids, change: 'restored' });
    },
    'library:stats': async () => {
      await threads.totalsCounted;
      return libraryStats(db);
    },

    'credits:summary': async () => {
      await threads.totalsCounted;
      return creditSummary(db);
    },

    'image:drag': ({ generationId, index }) => runDesktopAction(desktop, 'startDrag', { db, dataDir, generationId, index }),
    'image:copy': ({ generationId, index }) => runDesktopAction(desktop, 'copyImage', { db, dataDir, generationId, index }),
    'image:showInFolder': ({ generationId, index }) => runDesktopAction(desktop, 'showInFolder', { db, dataDir, generationId, index }),

    'settings:get': () => settings.view(),
    'settings:update': (change) => settings.update(change),

    'export:start': (input) => exports.start(input),
    'export:cancel': () => exports.cancel(),
  };
}
