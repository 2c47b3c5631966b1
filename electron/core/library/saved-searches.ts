/** Saved searches: a query text and its filters under a name, listed beside the collections. */
import type { SavedSearch, SearchFilters } from '../../../shared/curation.ts';
import { Failure } from '../failure.ts';
import type { Library } from './database.ts';
import { statement } from './statements.ts';

interface SavedSearchRow {
  id: number;
  name: string;
  query: string;
  filters: string;
  created_at: number;
}

/** The stored filters, trusting only a plain object (the file may have been edited by hand). */
function filtersOf(text: string): SearchFilters {
  try {
    const value: unknown = JSON.parse(text);
    return typeof value === 'object' && value !== null && !Array.isArray(value) ? (value as SearchFilters) : {};
  } catch {
    return {};
  }
}

const toSavedSearch = (row: SavedSearchRow): SavedSearch => ({ id: row.id, name: row.name, query: row.query, filters: filtersOf(row.filters), createdAt: row.created_at });

/** Every saved search, by name. */
export function listSavedSearches(db: Library): SavedSearch[] {
  const rows = statement(db, 'SELECT id, name, query, filters, created_at FROM saved_searches ORDER BY name COLLATE NOCASE').all() as SavedSearchRow[];
  return rows.map(toSavedSearch);
}

function getSavedSearch(db: Library, id: number): SavedSearch {
  const row = statement(db, 'SELECT id, name, query, filters, created_at FROM saved_searches WHERE id = ?').get(id) as SavedSearchRow | undefined;
  if (row === undefined) throw new Failure('not_found', 'This saved search is no longer in the library.', { id });
  return toSavedSearch(row);
}

/** The saved search of that name (any case), or undefined: names are its identity across a delete and its undo. */
export function savedSearchNamed(db: Library, name: string): SavedSearch | undefined {
  const row = statement(db, 'SELECT id, name, query, filters, created_at FROM saved_searches WHERE name = ?').get(name) as SavedSearchRow | undefined;
  return row === undefined ? undefined : toSavedSearch(row);
}

function refuseTaken(db: Library, name: string, except: number | null): void {
  const holder = statement(db, 'SELECT id, name FROM saved_searches WHERE name = ?').get(name) as { id: number; name: string } | undefined;
  if (holder !== undefined && holder.id !== except) throw new Failure('conflict', `There is already a saved search named "${holder.name}".`, { name: holder.name });
}

/** Saves a search under a new name (`createdAt` given when an undo puts a deleted one back). */
export function saveSearch(db: Library, input: { name: string; query: string; filters: SearchFilters; createdAt?: number | undefined }, now: number = Date.now()): SavedSearch {
  return db.transaction(() => {
    refuseTaken(db, input.name, null);
    const info = statement(db, 'INSERT INTO saved_searches (name, query, filters, created_at) VALUES (?, ?, ?, ?)').run(
      input.name,
      input.query,
      JSON.stringify(input.filters),
      input.createdAt ?? now,
    );
    return getSavedSearch(db, Number(info.lastInsertRowid));
  })();
}

/** Renames a saved search; returns it and the name it had. */
export function renameSavedSearch(db: Library, id: number, name: string): { search: SavedSearch; previousName: string } {
  return db.transaction(() => {
    const before = getSavedSearch(db, id);
    refuseTaken(db, name, id);
    statement(db, 'UPDATE saved_searches SET name = ? WHERE id = ?').run(name, id);
    return { search: getSavedSearch(db, id), previousName: before.name };
  })();
}

/** Deletes a saved search; returns it whole, so an undo can save it again. */
export function deleteSavedSearch(db: Library, id: number): SavedSearch {
  return db.transaction(() => {
    const search = getSavedSearch(db, id);
    statement(db, 'DELETE FROM saved_searches WHERE id = ?').run(id);
    return search;
  })();
}
