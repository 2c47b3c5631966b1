/**
 * The undo history, kept in the library so Ctrl/Cmd+Z survives a restart: the last UNDO_STEPS
 * changes (within KEPT_UNDO_STATES image states or ids, and TRASH_DAYS), each undone at most once.
 * What a change moved to the trash lives exactly as long as its step: when the step leaves the
 * window, those rows and their files are removed for good, in short parts, and a restart resumes
 * that; trash that no kept step can bring back (a crash mid-change, an older Atelier's undos that
 * lived in memory) is removed at start-up.
 */
import { UNDO_STEPS } from '../../shared/input-limits.ts';
import type { EventHub } from './events.ts';
import { Failure } from './failure.ts';
import { nextTurn } from './in-parts.ts';
import type { Library } from './library/database.ts';
import { purgeBinnedCollectionPart } from './library/collections.ts';
import { purgeStampedPart } from './library/purge.ts';
import {
  deleteStep,
  expiredSteps,
  expireSteps,
  insertStep,
  keptStep,
  keptSteps,
  lastStepAt,
  nextOrphanStamp,
  orphanCollectionStamps,
  type UndoStep,
} from './library/undo-steps.ts';
import { removeTrashFiles, TRASH_DAYS } from './trash.ts';

/** Image states and ids the kept steps may hold in all (~6 MB of records); the newest step is always kept. */
export const KEPT_UNDO_STATES = 1_000_000;

export interface UndoLogDeps {
  db: Library;
  dataDir: string;
  hub: EventHub;
  /** The clock (tests hold it). */
  now?: () => number;
}

export type UndoLog = ReturnType<typeof createUndoLog>;

/** The undo history over the library; `start()` resumes the removals a restart left. */
export function createUndoLog({ db, dataDir, hub, now = Date.now }: UndoLogDeps) {
  let lastAt = lastStepAt(db);
  // steps being undone now: a second Ctrl/Cmd+Z on the same one waits for nothing and is refused
  const undoing = new Set<number>();
  let removals: Promise<void> = Promise.resolve();
  let closed = false;

  /** Removes for good everything stamped `at`, part by part: generations, images and their files, then a binned collection. */
  async function removeStamped(at: number): Promise<void> {
    for (let more = true; more && !closed; ) {
      const part = purgeStampedPart(db, at);
      more = part.more;
      if (part.ids.length > 0) hub.emit('library:changed', { ids: part.ids, change: 'purged' });
      await removeTrashFiles(dataDir, part.files);
      await nextTurn();
    }
    while (!closed && purgeBinnedCollectionPart(db, at)) await nextTurn();
  }

  /** Runs `job` after the removals before it (one at a time); a failure is logged, the next goes on. */
  function queueRemoval(job: () => Promise<void>): Promise<void> {
    removals = removals.then(job).catch((error: unknown) => console.error('[atelier] could not empty part of the trash:', error));
    return removals;
  }

  /** The trash of every expired step, then the step itself. */
  function removeExpired(): Promise<void> {
    return queueRemoval(async () => {
      for (const step of expiredSteps(db)) {
        if (closed) return;
        await removeStamped(step.at);
        if (!closed) deleteStep(db, step.id);
      }
    });
  }

  function expire(): void {
    const marked = expireSteps(db, { steps: UNDO_STEPS, states: KEPT_UNDO_STATES, olderThan: now() - TRASH_DAYS * 86_400_000 });
    if (marked > 0) void removeExpired();
  }

  /** A stamp for a change about to be written: later than every step's, so its trash is its own. */
  function stamp(): number {
    lastAt = Math.max(now(), lastAt + 1);
    return lastAt;
  }

  return {
    stamp,

    /** Keeps the undo of a change just made (its `at` from `stamp()`); answers its id. */
    keep(step: Omit<UndoStep, 'id'>): number {
      const id = insertStep(db, step);
      expire();
      return id;
    },

    /**
     * Undoes one step with `putBack`, once: the step goes when it succeeded; refused in words when it
     * is out of the window or already being undone.
     */
    async undo<T>(undoId: number, putBack: (step: UndoStep) => Promise<T>): Promise<T> {
      const step = undoing.has(undoId) ? undefined : keptStep(db, undoId);
      if (step === undefined) throw new Failure('not_found', 'That change can no longer be undone: it is too far back, or it was undone already.');
      undoing.add(undoId);
      try {
        const outcome = await putBack(step);
        deleteStep(db, undoId);
        return outcome;
      } finally {
        undoing.delete(undoId);
      }
    },

    /** The ids of the steps that can be undone, oldest first. */
    list(): number[] {
      return keptSteps(db).map((step) => step.id);
    },

    /**
     * After opening: steps past their days expire, removals cut short by a close go on, and trash
     * and binned collections no kept step holds are removed (older than every stamp given from now
     * on, so no change under way is touched).
     */
    start(): Promise<void> {
      expire();
      void removeExpired();
      const before = stamp();
      return queueRemoval(async () => {
        for (let at = nextOrphanStamp(db, 0); at !== null && at < before && !closed; at = nextOrphanStamp(db, at)) await removeStamped(at);
        for (const at of orphanCollectionStamps(db, before)) if (!closed) await removeStamped(at);
      });
    },

    /** Stops removing after the part under way (the rest goes on at the next start). */
    async close(): Promise<void> {
      closed = true;
      await removals;
    },
  };
}
