/**
 * Every undoable change's step, and Ctrl/Cmd+Z over all of them: curation of images (curate.ts),
 * generations to the trash, the removal of simulated work, tags and collections, one at a time or
 * over a whole query (bulk.ts), and renames and deletes of names (undo-names.ts). The steps live in the library (undo-log.ts), so a restart keeps them.
 */
import type { ImageRef } from '../../shared/curation.ts';
import type { UndoOutcome } from '../../shared/image-curation.ts';
import type { createCuration } from './curate.ts';
import type { EventHub } from './events.ts';
import { fileInParts, tagInParts, unfileInParts, untagInParts } from './filing.ts';
import { nextTurn, slices } from './in-parts.ts';
import type { Library } from './library/database.ts';
import { restoreStamped } from './library/generations.ts';
import { unbinSimulatedStep } from './library/simulated.ts';
import { decodeIds, decodeRefs, decodeStates, encodeIds, encodeRefs } from './library/undo-codec.ts';
import type { UndoStep } from './library/undo-steps.ts';
import type { UndoLog } from './undo-log.ts';
import { createNameUndo } from './undo-names.ts';

export interface UndoDeps {
  db: Library;
  hub: EventHub;
  log: UndoLog;
  curation: ReturnType<typeof createCuration>;
}

/** Generations brought back from the trash per transaction. */
const RESTORE_PART = 500;

/** Records and runs the undo of every kind of change. */
export function createUndo({ db, hub, log, curation }: UndoDeps) {
  const names = createNameUndo(db, log);

  async function putBack(step: UndoStep): Promise<UndoOutcome> {
    switch (step.kind) {
      case 'images':
      case 'delete': {
        const record = decodeStates(step.data);
        const generations = await curation.putBack(record, step.quiet);
        return { generations, reload: step.quiet || record.binned.length > 0 };
      }
      case 'trash': {
        for (const part of slices(decodeIds(step.data), RESTORE_PART)) {
          const restored = restoreStamped(db, part, step.at);
          if (restored.length > 0) hub.emit('library:changed', { ids: restored, change: 'restored' });
          await nextTurn();
        }
        return { generations: [], reload: true };
      }
      case 'simulated': {
        for (let ids = unbinSimulatedStep(db, step.at); ids.length > 0; ids = unbinSimulatedStep(db, step.at)) {
          hub.emit('library:changed', { ids, change: 'restored' });
          await nextTurn();
        }
        return { generations: [], reload: true };
      }
      case 'tag':
        await untagInParts(db, decodeIds(step.data), step.note ?? '');
        return { generations: [], reload: true };
      case 'untag':
        await tagInParts(db, decodeIds(step.data), step.note ?? '');
        return { generations: [], reload: true };
      case 'file':
        await unfileInParts(db, Number(step.note), decodeRefs(step.data), []);
        return { generations: [], reload: true };
      case 'unfile':
        await fileInParts(db, Number(step.note), decodeRefs(step.data), []);
        return { generations: [], reload: true };
      case 'collection-rename':
      case 'collection-delete':
      case 'tag-rename':
      case 'search-rename':
      case 'search-delete':
        return names.putBack(step);
    }
  }

  return {
    /** Renames and deletes of collections, tags and saved searches, each kept with its step. */
    names,

    /** The undo of generations moved to the trash at `at` (from `log.stamp()`); null when none moved. */
    keepTrash(ids: readonly number[], at: number): number | null {
      return ids.length === 0 ? null : log.keep({ kind: 'trash', at, quiet: true, size: ids.length, note: null, data: encodeIds(ids) });
    },

    /** The undo of "Remove simulated generations…", which stamped every generation it binned with `at`. */
    keepSimulated(removed: number, at: number): number | null {
      return removed === 0 ? null : log.keep({ kind: 'simulated', at, quiet: true, size: removed, note: null, data: Buffer.alloc(0) });
    },

    /** The undo of a tag put on (`tag`) or taken off (`untag`) these generations. */
    keepTagging(kind: 'tag' | 'untag', ids: readonly number[], name: string): number {
      return log.keep({ kind, at: log.stamp(), quiet: true, size: ids.length, note: name, data: encodeIds(ids) });
    },

    /** The undo of images filed in (`file`) or taken out of (`unfile`) a collection. */
    keepFiling(kind: 'file' | 'unfile', collectionId: number, images: readonly ImageRef[]): number {
      return log.keep({ kind, at: log.stamp(), quiet: true, size: images.length, note: String(collectionId), data: encodeRefs(images) });
    },

    /** Takes back one change (once); answers the generations it changed (when few) and whether to read the page again. */
    run(undoId: number): Promise<UndoOutcome> {
      return log.undo(undoId, putBack);
    },

    /** What Ctrl/Cmd+Z can still take back, oldest first. */
    list(): number[] {
      return log.list();
    },
  };
}

export type Undo = ReturnType<typeof createUndo>;
