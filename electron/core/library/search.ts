import type { Library } from './database.ts';
import { librarySearchSchema, type LibrarySearch, type LibrarySearchInput, type SearchPage } from '../../../shared/search.ts';
import { Failure } from '../failure.ts';
import { GENERATION_COLUMNS, withImages, type GenerationRow } from './rows.ts';
import { parseQuery } from '../../../shared/query/parse.ts';
import { compileQuery, namesRejected, namesStatus } from './search-query.ts';
import { statement } from './statements.ts';

interface Where {
  clauses: string[];
  values: unknown[];
  ignored: string[];
}

interface Cursor {
  createdAt: number;
  id: number;
}

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

const placeholders = (count: number) => Array.from({ length: count }, () => '?').join(', ');

/** Every filter as SQL conditions on `g`, built only from placeholders: no typed text ever becomes SQL. */
function whereOf(search: LibrarySearch, purpose: 'page' | 'count'): Where {
  const clauses = ['g.deleted_at IS NULL'];
  const values: unknown[] = [];
  const add = (clause: string, ...more: unknown[]) => {
    clauses.push(clause);
    values.push(...more);
  };
  const query = parseQuery(search.text);
  if (!query.ok) throw new Failure('invalid_input', query.problem.message, { from: query.problem.from, to: query.problem.to });
  if (query.root !== null) {
    // for a page, the unary + on the id keeps SQLite from fetching every text match by id and sorting
    // them (60 ms for a common word in 100k): it walks the (created_at, id) index and stops at the
    // page's last row. A count visits every match anyway, so there looking matches up by id is cheaper.
    const context = { now: search.now ?? Date.now(), utcOffsetMinutes: search.utcOffsetMinutes, id: purpose === 'page' ? '+g.id' : 'g.id' } as const;
    for (const condition of compileQuery(query.root, context)) add(condition.sql, ...condition.values);
  }
  const anyOf = (column: string, list: readonly unknown[] | undefined) => {
    if (list !== undefined && list.length > 0) add(`${column} IN (${placeholders(list.length)})`, ...list);
  };
  anyOf('g.effective_model', search.models);
  anyOf('g.effective_aspect_ratio', search.aspectRatios);
  if (!namesStatus(query.root)) anyOf('g.status', search.statuses);
  // a literal, not a parameter, so the partial index of favourites can serve it
  if (search.favorite !== undefined) add(search.favorite ? 'g.favorite = 1' : 'g.favorite = 0');
  if (search.hideRejected === true && !namesRejected(query.root)) add('g.all_rejected = 0');
  if (search.createdFrom !== undefined) add('g.created_at >= ?', search.createdFrom);
  if (search.createdBefore !== undefined) add('g.created_at < ?', search.createdBefore);
  if (search.seed !== undefined) add('g.effective_seed = ?', search.seed);
  for (const name of ['stylize', 'chaos', 'weird'] as const) {
    const range = search[name];
    if (range?.min !== undefined) add(`g.effective_${name} >= ?`, range.min);
    if (range?.max !== undefined) add(`g.effective_${name} <= ?`, range.max);
  }
  return { clauses, values, ignored: query.ignored };
}

function encodeCursor(sort: LibrarySearch['sort'], row: GenerationRow): string {
  return Buffer.from(JSON.stringify([sort === 'newest' ? 'n' : 'o', row.created_at, row.id])).toString('base64url');
}

function decodeCursor(sort: LibrarySearch['sort'], cursor: string): Cursor {
  try {
    const value: unknown = JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8'));
    if (Array.isArray(value) && value.length === 3 && value[0] === (sort === 'newest' ? 'n' : 'o')) {
      const [, createdAt, id] = value as [string, unknown, unknown];
      if (Number.isSafeInteger(createdAt) && Number.isSafeInteger(id)) return { createdAt: createdAt as number, id: id as number };
    }
  } catch {
    // falls through to the artist-readable failure below
  }
  throw new Failure('invalid_input', 'This page of results is out of date; start the search again.');
}

function pageQuery(input: LibrarySearchInput): { search: LibrarySearch; sql: string; values: unknown[]; ignored: string[] } {
  const search = parseSearch(input);
  const where = whereOf(search, 'page');
  const newest = search.sort === 'newest';
  if (search.cursor !== undefined) {
    const cursor = decodeCursor(search.sort, search.cursor);
    where.clauses.push(newest ? '(g.created_at, g.id) < (?, ?)' : '(g.created_at, g.id) > (?, ?)');
    where.values.push(cursor.createdAt, cursor.id);
  }
  const direction = newest ? 'DESC' : 'ASC';
  const sql = `SELECT ${GENERATION_COLUMNS} FROM generations g WHERE ${where.clauses.join(' AND ')}
    ORDER BY g.created_at ${direction}, g.id ${direction} LIMIT ?`;
  return { search, sql, values: [...where.values, search.limit + 1], ignored: where.ignored };
}

/** One page of generations (with images) matching a search, in keyset order: never OFFSET, so deep pages cost the same. */
export function searchGenerations(db: Library, input: LibrarySearchInput): SearchPage {
  const { search, sql, values, ignored } = pageQuery(input);
  const rows = statement(db, sql).all(...values) as GenerationRow[];
  const more = rows.length > search.limit;
  const page = more ? rows.slice(0, search.limit) : rows;
  const last = page.at(-1);
  return {
    items: withImages(db, page),
    nextCursor: more && last !== undefined ? encodeCursor(search.sort, last) : null,
    ignoredTerms: ignored,
  };
}

/** The plan SQLite picks for a search page, one step a line: tests and the benchmark check that pages walk an index. */
export function explainSearch(db: Library, input: LibrarySearchInput): string[] {
  const { sql, values } = pageQuery(input);
  return (db.prepare(`EXPLAIN QUERY PLAN ${sql}`).all(...values) as { detail: string }[]).map((r) => r.detail);
}

/** How many generations match a search in all (cursor, sort and limit are ignored). */
export function countSearch(db: Library, input: LibrarySearchInput): number {
  const where = whereOf(parseSearch(input), 'count');
  const row = statement(db, `SELECT count(*) AS n FROM generations g WHERE ${where.clauses.join(' AND ')}`).get(...where.values) as { n: number };
  return row.n;
}
