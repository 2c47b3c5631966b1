/**
 * Curation changes as the core runs them: a big target (a selection of thousands) is written in
 * parts, yielding between them so no write holds the core's thread for long (one rating of one
 * image is a fraction of a millisecond; 1,000 generations at once took 186 ms). The parts make one
 * change: one undo record, and a part that fails puts back the parts before it.
 */
import { UNDO_STEPS, type CurationChange, type CurationResult, type CurationTarget, type CurationUndo } from '../../shared/image-curation.ts';
import { Failure } from './failure.ts';
import type { Generation } from '../../shared/generation.ts';
import type { EventHub } from './events.ts';
import type { Library } from './library/database.ts';
import { curateImages, undoCuration } from './library/curation.ts';
import { findGenerations } from './library/generations.ts';
import { nextTurn, slices } from './in-parts.ts';

/** Generations per part (four images each): about 20 ms of writing. */
const PART = 100;

function parts(target: CurationTarget): CurationTarget[] {
  return 'generations' in target
    ? slices(target.generations, PART).map((generations) => ({ generations }))
    : slices(target.images, PART * 4).map((images) => ({ images }));
}

/** How many changes can be undone (as many as the renderer's stack holds), and how many image states they may hold in all. */
export const KEPT_UNDOS = UNDO_STEPS;
const KEPT_IMAGE_STATES = 200_000;

/** Curation over the library, announcing what changed as `generation:updated` and `library:changed`. */
export function createCuration(db: Library, hub: EventHub) {
  // the states before each recent change, by the number its answer carries; oldest first
  const undos = new Map<number, CurationUndo>();
  // changes over a whole query: too many generations to send back or push one by one; the renderer reads its page again
  const quiet = new Set<number>();
  let lastUndoId = 0;
  let keptStates = 0;
  function keep(record: CurationUndo): number {
    const undoId = ++lastUndoId;
    undos.set(undoId, record);
    keptStates += record.images.length;
    for (const [id, old] of undos) {
      if (undos.size <= KEPT_UNDOS && keptStates <= KEPT_IMAGE_STATES) break;
      if (id === undoId) break;
      undos.delete(id);
      quiet.delete(id);
      keptStates -= old.images.length;
    }
    return undoId;
  }

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
     * Applies one change to every image of the target; answers with its undo record. `quiet`: the
     * generations are neither pushed nor answered (a change over a whole query), and neither are they by its undo.
     */
    async apply(target: CurationTarget, change: CurationChange, { quiet: silent = false } = {}): Promise<CurationResult> {
      const undo: CurationUndo = { images: [], binned: [] };
      const changed: number[] = [];
      let images = 0;
      const all = parts(target);
      try {
        for (const [i, part] of all.entries()) {
          const outcome = curateImages(db, part, change);
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
      const undoId = keep(undo);
      if (silent) quiet.add(undoId);
      return { undoId, images, generations: silent ? [] : await announce(changed), binned: undo.binned };
    },

    /** Puts the images of one change back as they were (once); answers with the generations changed, as they are now. */
    async undo(undoId: number): Promise<Generation[]> {
      const record = undos.get(undoId);
      if (record === undefined) throw new Failure('not_found', 'That change can no longer be undone: it is too far back, or Atelier restarted since.');
      undos.delete(undoId);
      keptStates -= record.images.length;
      const silent = quiet.delete(undoId);
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
      return silent ? [] : announce([...changed]);
    },
  };
}
