/**
 * The library's search as the core and its callers ask it: a search as sent (defaults not filled
 * in) is parsed with the IPC contract's schema, then run (search-engine.ts).
 */
import type { Library } from './database.ts';
import { librarySearchSchema, type LibrarySearch, type LibrarySearchInput, type SearchCount, type SearchPage } from '../../../shared/search.ts';
import { Failure } from '../failure.ts';
import { keptSearchCount, searchCount, searchIds, searchPage, searchPlan, searchTotal } from './search-engine.ts';

/** Validates a search the way the IPC contract does; a bad one is `invalid_input` in words an artist reads. */
export function parseSearch(input: LibrarySearchInput): LibrarySearch {
  const parsed = librarySearchSchema.safeParse(input);
  if (!parsed.success) {
    const first = parsed.error.issues[0];
    const where = first?.path.join('.') ?? '';
    throw new Failure('invalid_input', `The search is not valid${where ? ` (${where})` : ''}: ${first?.message ?? 'unknown problem'}.`);
  }
  return parsed.data;
}

/** One page of generations (with images) matching a search, in keyset order: never OFFSET, so deep pages cost the same. */
export const searchGenerations = (db: Library, input: LibrarySearchInput): SearchPage => searchPage(db, parseSearch(input));

/** The plan SQLite picks for a search page, one step a line: tests and the benchmark check that pages walk an index. */
export const explainSearch = (db: Library, input: LibrarySearchInput): string[] => searchPlan(db, parseSearch(input));

/** How many generations match a search in all (cursor, sort and limit are ignored). */
export const countSearch = (db: Library, input: LibrarySearchInput): number => searchTotal(db, parseSearch(input));

/** How many generations a search matches, members of the stacks it shows included, and (when stacked) how many tiles show them. */
export const countMatches = (db: Library, input: LibrarySearchInput): SearchCount => searchCount(db, parseSearch(input));

/** The count of a search with no text and no filter, read from the running totals, else null. */
export const keptCount = (db: Library, input: LibrarySearchInput): SearchCount | null => keptSearchCount(db, parseSearch(input));

/** The ids of every generation a search matches, for an action over a whole query. */
export const matchingIds = (db: Library, input: LibrarySearchInput): Float64Array => searchIds(db, parseSearch(input));
