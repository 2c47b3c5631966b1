/**
 * Curating images: which images a change is for, the change, and the state an undo puts back.
 * The IPC contract reuses these schemas; the library core works with their types.
 */
import { z } from 'zod';
import { RATING_MAX, type Generation, type Rating } from './generation.ts';

/** At most this many generations (or four times as many images) per change: one selection's worth. */
export const CURATION_MAX_GENERATIONS = 10_000;
const MAX_IMAGES = CURATION_MAX_GENERATIONS * 4;

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
  z.object({ images: z.array(imageRefSchema).min(1).max(MAX_IMAGES) }).strict(),
  z.object({ generations: z.array(id).min(1).max(CURATION_MAX_GENERATIONS) }).strict(),
]);
export type CurationTarget = z.output<typeof curationTargetSchema>;

/** What a change does to each image it is for. */
export type CurationChange = { favorite: boolean } | { rating: Rating | null } | { rejected: boolean } | { deleted: true };

/** An image's curation exactly as it was before a change. */
export const imageCurationSchema = z
  .object({
    generationId: id,
    index,
    favorite: z.boolean(),
    rating: ratingSchema.nullable(),
    rejected: z.boolean(),
    /** When it was deleted (the trash keeps that date), null while it was not. */
    deletedAt: z.number().int().min(0).nullable(),
  })
  .strict();
export type ImageCuration = z.output<typeof imageCurationSchema>;

/** What an undo needs: the images' states before the change, and the generations it moved to the trash. */
export const curationUndoSchema = z
  .object({
    images: z.array(imageCurationSchema).max(MAX_IMAGES),
    binned: z.array(id).max(CURATION_MAX_GENERATIONS),
  })
  .strict();
export type CurationUndo = z.output<typeof curationUndoSchema>;

export interface CurationResult {
  /** Pass to `image:undo` to put everything back as it was. */
  undo: CurationUndo;
  /** How many images the change was for. */
  images: number;
  /** The generations changed that are still in the library, as they are now. */
  generations: Generation[];
  /** Generations that lost their last image and went to the trash with it. */
  binned: number[];
}
