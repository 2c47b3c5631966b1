/**
 * How an artist files work: collections of images, tags on generations, saved searches. Names are
 * what an export carries and what the query language (`in:`, `tag:`) matches, so each is unique
 * regardless of case.
 */
import { z } from 'zod';
import { NAME_MAX_LENGTH, TAG_MAX_LENGTH } from './input-limits.ts';

/** One of a generation's four images. */
export interface ImageRef {
  generationId: number;
  index: number;
}

export interface Collection {
  id: number;
  name: string;
  createdAt: number;
  /** Images filed in it (binned generations' images included until they are purged). */
  images: number;
}

export interface Tag {
  name: string;
  /** Generations carrying it. */
  generations: number;
}

/** What a saved search restores besides the text, e.g. the layout; other keys are kept as they are. */
export type SearchFilters = Record<string, string | number | boolean>;

export interface SavedSearch {
  id: number;
  name: string;
  query: string;
  filters: SearchFilters;
  createdAt: number;
}

// eslint-disable-next-line no-control-regex -- control characters are exactly what is refused
const CONTROL = /[\u0000-\u001f\u007f]/u;

/** A collection or saved-search name: trimmed, not empty, bounded. */
export const curationName = (what: string) =>
  z
    .string()
    .trim()
    .min(1, `Give the ${what} a name.`)
    .max(NAME_MAX_LENGTH, `A ${what} name is at most ${NAME_MAX_LENGTH} characters.`)
    // names appear in queries between quotes: a quote inside could not be typed back
    .refine((name) => !name.includes('"'), { message: `A ${what} name cannot contain a double quote (").` })
    .refine((name) => !CONTROL.test(name), { message: `A ${what} name cannot contain tabs, line breaks or other invisible characters.` });

/** A tag: trimmed, bounded, no double quote (a tag with spaces is typed `tag:"golden hour"`). */
export const tagName = z
  .string()
  .trim()
  .min(1, 'Type a tag.')
  .max(TAG_MAX_LENGTH, `A tag is at most ${TAG_MAX_LENGTH} characters.`)
  .refine((tag) => !tag.includes('"'), { message: 'A tag cannot contain a double quote (").' })
  .refine((tag) => !CONTROL.test(tag), { message: 'A tag cannot contain tabs, line breaks or other invisible characters.' });

export const searchFiltersSchema = z
  .record(z.string().max(40), z.union([z.string().max(200), z.number(), z.boolean()]))
  .refine((filters) => Object.keys(filters).length <= 20, { message: 'A saved search keeps at most 20 filters.' });
