/**
 * Curating images: which images a change is for, the change, and the state an undo puts back.
 * The IPC contract reuses these schemas; the library core works with their types.
 */
import { z } from 'zod';
import { RATING_MAX, type Generation, type Rating } from './generation.ts';
import { CURATION_MAX_GENERATIONS, CURATION_MAX_IMAGES } from './input-limits.ts';

const id = z.number().int().positive();
const index = z.number().int().min(0).max(3);
/** Stars: a whole number from 1 to 5. */
export const ratingSchema = z
  .number()
  .int('A rating is a whole number of stars.')
  .min(1, 'A rating is at least 1 star.')
  .max(RATING_MAX, `A rating is at most ${RATING_MAX} stars.`)
  .transform((n) => n as Rating);

/** One image: its generation and its place (0–3) in it. */
export const imageRefSchema = z.object({ generationId: id, index }).strict();
export type ImageRef = z.output<typeof imageRefSchema>;

/** Some images, or every image of some generations (a four-up tile is all four). */
export const curationTargetSchema = z.union([
  z.object({ images: z.array(imageRefSchema).min(1).max(CURATION_MAX_IMAGES) }).strict(),
  z.object({ generations: z.array(id).min(1).max(CURATION_MAX_GENERATIONS) }).strict(),
]);
export type CurationTarget = z.output<typeof curationTargetSchema>;

/** What a change does to each image it is for. */
export type CurationChange = { favorite: boolean } | { rating: Rating | null } | { rejected: boolean } | { deleted: true };

/** An image's curation exactly as it was before a change (kept by the core for its undo). */
export interface ImageCuration {
  generationId: number;
  index: number;
  favorite: boolean;
  rating: Rating | null;
  rejected: boolean;
  /** When it was deleted (the trash keeps that date), null while it was not. */
  deletedAt: number | null;
}

/** What an undo needs: the images' states before the change, and the generations it moved to the trash. */
export interface CurationUndo {
  images: ImageCuration[];
  binned: number[];
}

/** The undo of one change, by the number the change answered with (`image:undo`, `bulk:undo`, `undo:run`). */
export const curationUndoSchema = z.object({ undoId: z.number().int().positive() }).strict();

export interface CurationResult {
  /**
   * Pass to `image:undo` to put everything back as it was. The core keeps the states before the
   * change in the library (a bulk change's would not fit in a request) for the last changes, each undone once.
   */
  undoId: number;
  /** How many images the change was for. */
  images: number;
  /** The generations changed that are still in the library, as they are now. */
  generations: Generation[];
  /** Generations that lost their last image and went to the trash with it. */
  binned: number[];
}

/** What taking back a change did: the generations it changed when few (as they are now), and whether to read the page again. */
export interface UndoOutcome {
  generations: Generation[];
  reload: boolean;
  /**
   * A collection, tag or saved search the undo renamed back (`was` its name before the undo) or
   * brought back (`was` null): the sidebar reads its list again, and a query showing it follows the name.
   */
  named?: { what: 'collection' | 'tag' | 'search'; was: string | null; now: string };
}
