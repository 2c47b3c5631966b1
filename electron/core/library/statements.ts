import type Database from 'better-sqlite3';
import type { Library } from './database.ts';

/**
 * Statements prepared once per open library. Search builds its SQL from the filters
 * chosen, so the cache is keyed by text and bounded: the combinations an artist uses are few.
 */
const caches = new WeakMap<Library, Map<string, Database.Statement>>();
const MAX_CACHED = 200;

/** The prepared statement for `sql` on this library, prepared on first use. */
export function statement(db: Library, sql: string): Database.Statement {
  let cache = caches.get(db);
  if (cache === undefined) {
    cache = new Map();
    caches.set(db, cache);
  }
  const found = cache.get(sql);
  if (found !== undefined) return found;
  const prepared = db.prepare(sql);
  if (cache.size >= MAX_CACHED) {
    const oldest = cache.keys().next().value;
    if (oldest !== undefined) cache.delete(oldest);
  }
  cache.set(sql, prepared);
  return prepared;
}
