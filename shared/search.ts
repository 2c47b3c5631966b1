/**
 * What an artist asks of the library: typed words plus a filter for every parameter.
 * The IPC contract reuses this schema; the library core parses with it too.
 */
import { z } from 'zod';
import { aspectRatios, generationStatuses, models, SEED_MAX, type Generation } from './generation.ts';
import { SEARCH_TEXT_MAX_LENGTH, withThousands } from './input-limits.ts';

const range = (min: number, max: number) =>
  z
    .object({ min: z.number().min(min).max(max).optional(), max: z.number().min(min).max(max).optional() })
    .refine((r) => r.min === undefined || r.max === undefined || r.min <= r.max, { message: 'The lowest value is above the highest.' });

const unixMs = z.number().int().min(0);

/**
 * The gallery's orders: by date, or by a value, highest first, with the newest first among equals
 * (`rating` is the generation's best image rating; unrated and unset values come last).
 */
export const searchSorts = ['newest', 'oldest', 'rating', 'stylize', 'chaos'] as const;
export type SearchSort = (typeof searchSorts)[number];

export const librarySearchSchema = z
  .object({
    /** The search language (shared/query/parse.ts): words, "exact words", -exclusions, OR, brackets, field terms. */
    text: z
      .string()
      .max(SEARCH_TEXT_MAX_LENGTH, `The search is too long (${withThousands(SEARCH_TEXT_MAX_LENGTH)} characters at most).`)
      .default(''),
    models: z.array(z.enum(models)).max(models.length).optional(),
    aspectRatios: z.array(z.enum(aspectRatios)).max(aspectRatios.length).optional(),
    favorite: z.boolean().optional(),
    /** "Hide rejected": leaves out generations whose images are all rejected, unless the text asks for `is:rejected`. */
    hideRejected: z.boolean().optional(),
    /**
     * "Stack reruns": one tile per stack of reruns (its newest member, with `stackSize`). Ignored
     * when the text holds a term reruns may differ on (ratings, tags, dates…) or opens a stack.
     */
    stacked: z.boolean().optional(),
    /** The statuses shown while the text names none; a `status:` term in the text replaces them. */
    statuses: z.array(z.enum(generationStatuses)).max(generationStatuses.length).optional(),
    /** Created at or after this moment (Unix ms). */
    createdFrom: unixMs.optional(),
    /** Created strictly before this moment (Unix ms), so whole days chain without overlap. */
    createdBefore: unixMs.optional(),
    seed: z.number().int().min(0).max(SEED_MAX).optional(),
    stylize: range(0, 1000).optional(),
    chaos: range(0, 100).optional(),
    weird: range(0, 3000).optional(),
    /** The artist's clock (Unix ms) for date terms (`date:today`, `last:7d`); the library's clock when absent. */
    now: unixMs.optional(),
    /** Minutes the artist's time zone is ahead of UTC, so `date:` terms are the artist's local days. */
    utcOffsetMinutes: z.number().int().min(-14 * 60).max(14 * 60).default(0),
    sort: z.enum(searchSorts).default('newest'),
    /** Opaque: the `nextCursor` of the previous page, unchanged. */
    cursor: z.string().max(200).optional(),
    limit: z.number().int().min(1).max(200).default(60),
  })
  .strict();

/** A parsed search, defaults filled in. */
export type LibrarySearch = z.output<typeof librarySearchSchema>;
/** What a caller may send (before defaults). */
export type LibrarySearchInput = z.input<typeof librarySearchSchema>;

/**
 * How many a search matches, as the artist counts: `total` is every generation, the members of a
 * stack included (a selection of every match acts on all of them); `tiles`, only while reruns are
 * stacked, is how many tiles show them.
 */
export interface SearchCount {
  total: number;
  tiles?: number;
}

export interface SearchPage {
  items: Generation[];
  /** Pass back as `cursor` for the next page; null on the last page. */
  nextCursor: string | null;
  /** Parts of the typed text that cannot be searched (e.g. only punctuation or emoji) and were left out. */
  ignoredTerms: string[];
}
