/**
 * An action over everything a query matches (Ctrl/Cmd+A in the gallery): the selection travels as
 * the query and the few tiles the artist unticked, never as a list of 100,000 ids; the core
 * resolves it on a worker thread and writes in parts, as one change with one undo.
 */
import { z } from 'zod';
import { ratingSchema } from './image-curation.ts';
import { tagName } from './curation.ts';
import { withThousands } from './input-limits.ts';
import { librarySearchSchema } from './search.ts';

/** Tiles unticked by hand after Ctrl/Cmd+A: far more than anyone clicks, few enough for one request. */
export const MAX_EXCEPT = 10_000;

const id = z.number().int().positive();

/** Everything a search matches (its order and page do not matter), minus the generations in `except`. */
export const querySelectionSchema = z
  .object({
    search: librarySearchSchema.omit({ cursor: true, limit: true, sort: true }),
    except: z.array(id).max(MAX_EXCEPT, `At most ${withThousands(MAX_EXCEPT)} tiles can be left out of a selection of everything.`).default([]),
  })
  .strict();
export type QuerySelection = z.output<typeof querySelectionSchema>;
export type QuerySelectionInput = z.input<typeof querySelectionSchema>;

/** What one action does to every generation selected (all its images). */
export const bulkActionSchema = z.discriminatedUnion('kind', [
  z.object({ kind: z.literal('favorite'), favorite: z.boolean() }).strict(),
  z.object({ kind: z.literal('rate'), rating: ratingSchema.nullable() }).strict(),
  z.object({ kind: z.literal('reject'), rejected: z.boolean() }).strict(),
  z.object({ kind: z.literal('delete') }).strict(),
  z.object({ kind: z.literal('tag'), name: tagName }).strict(),
  z.object({ kind: z.literal('untag'), name: tagName }).strict(),
  z.object({ kind: z.literal('file'), collectionId: id }).strict(),
  z.object({ kind: z.literal('unfile'), collectionId: id }).strict(),
]);
export type BulkAction = z.output<typeof bulkActionSchema>;
export type BulkActionInput = z.input<typeof bulkActionSchema>;

export const bulkApplySchema = z.object({ selection: querySelectionSchema, action: bulkActionSchema }).strict();

/** What an action over a query did; `undoId` goes to `bulk:undo`. */
export interface BulkResult {
  undoId: number;
  /** Generations the selection held when the action ran. */
  generations: number;
  /** Images changed (tags: generations newly tagged or untagged; collections: images filed or taken out). */
  changed: number;
}
