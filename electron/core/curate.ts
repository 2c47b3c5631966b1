/**
 * Curation changes as the core runs them: a big target (a selection of thousands) is written in
 * parts, yielding between them so no write holds the core's thread for long (one rating of one
 * image is a fraction of a millisecond; 1,000 generations at once took 186 ms). The parts make one
 * change: one undo step in the library (undo-log.ts), and a part that fails puts back the parts before it.
 */
import type { CurationChange, CurationResult, CurationTarget, CurationUndo } from '../../shared/image-curation.ts';
import type { Generation } from '../../shared/generation.ts';
import type { EventHub } from './events.ts';
import type { Library } from './library/database.ts';
import { curateImages, undoCuration } from './library/curation.ts';
import { findGenerations } from './library/generations.ts';
import { encodeStates } from './library/undo-codec.ts';
import { nextTurn, slices } from './in-parts.ts';
import type { UndoLog } from './undo-log.ts';

/** Generations per part (four images each): about 20 ms of writing. */
const PART = 100;

function parts(target: CurationTarget): CurationTarget[] {
  return 'generations' in target
    ? slices(target.generations, PART).map((generations) => ({ generations }))
    : slices(target.images, PART * 4).map((images) => ({ images }));
}

/** Curation over the library, announcing what changed as `generation:updated` and `library:changed`. */
export function createCuration(db: Library, hub: EventHub, log: UndoLog) {
  /** Reads the changed generations back in parts, announcing each. */
  async function announce(ids: readonly number[]): Promise<Generation[]> {
    const generations: Generation[] = [];
    for (const part of slices(ids, PART)) {
      for (const generation of findGenerations(db, part)) {
        hub.emit('generation:updated', generation);
        generations.push(generation);
      }
      if (part.length === PART) await nextTurn();
    }
    return generations;
  }

  return {
    /**
     * Applies one change to every image of the target; answers with its undo's id. `quiet`: the
     * generations are neither pushed nor answered (a change over a whole query), and neither are they by its undo.
     */
    async apply(target: CurationTarget, change: CurationChange, { quiet = false } = {}): Promise<CurationResult> {
      const undo: CurationUndo = { images: [], binned: [] };
      const changed: number[] = [];
      let images = 0;
      const all = parts(target);
      // every part carries the change's stamp: what it moves to the trash lives as long as its undo
      const at = log.stamp();
      try {
        for (const [i, part] of all.entries()) {
          const outcome = curateImages(db, part, change, at);
          undo.images.push(...outcome.undo.images);
          undo.binned.push(...outcome.binned);
          changed.push(...outcome.changed);
          images += outcome.images;
          if (i < all.length - 1) await nextTurn();
        }
      } catch (error) {
        // one change or none: what went through is put back
        undoCuration(db, undo);
        throw error;
      }
      if (undo.binned.length > 0) hub.emit('library:changed', { ids: undo.binned, change: 'deleted' });
      const kind = 'deleted' in change ? 'delete' : 'images';
      const undoId = log.keep({ kind, at, quiet, size: undo.images.length, note: null, data: encodeStates(undo) });
      return { undoId, images, generations: quiet ? [] : await announce(changed), binned: undo.binned };
    },

    /** Puts images back as an undo record says; answers the generations changed, as they are now (none when `quiet`). */
    async putBack(record: CurationUndo, quiet: boolean): Promise<Generation[]> {
      const changed = new Set<number>();
      const all = slices(record.images, PART * 4);
      // the generations come out of the trash with the last part, once their images are back
      for (const [i, images] of all.entries()) {
        const last = i === all.length - 1;
        for (const id of undoCuration(db, { images, binned: last ? record.binned : [] })) changed.add(id);
        if (!last) await nextTurn();
      }
      if (all.length === 0) for (const id of undoCuration(db, record)) changed.add(id);
      if (record.binned.length > 0) hub.emit('library:changed', { ids: record.binned, change: 'restored' });
      return quiet ? [] : announce([...changed]);
    },
  };
}
