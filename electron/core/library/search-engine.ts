/**
 * The library's search on a search already parsed (search.ts parses with the contract's schema):
 * pages, counts and ids. The library threads run it on what the core parsed, so their code never
 * loads zod (60 % of a thread's start).
 */
import type { Library } from './database.ts';
import { MIDJOURNEY_DEFAULTS, type Generation } from '../../../shared/generation.ts';
import type { LibrarySearch, SearchCount, SearchPage } from '../../../shared/search.ts';
import { Failure } from '../failure.ts';
import { GENERATION_COLUMNS, withImages, type GenerationRow } from './rows.ts';
import { parseQuery } from '../../../shared/query/parse.ts';
import type { QueryNode } from '../../../shared/query/ast.ts';
import { compileQuery, settingSql, namesMemberTerm, namesRejected, namesStatus, namesText, narrows, type Condition } from './search-query.ts';
import { statement } from './statements.ts';
import { searchIndexReady } from './search-index.ts';
import { useSearchWords } from './search-words.ts';
import { streamsOf } from './search-streams.ts';
import { entriesAfter, VALUE_SORT, valueOrderReady, WALK_BUDGET, walkSql } from './value-order.ts';
import { memberOrderReady, memberPageSql, memberTest, type Member } from './member-order.ts';
import { countFromTotals } from './count-from-totals.ts';
import { STILL_WANTED } from './stoppable.ts';

interface Where {
  clauses: string[];
  values: unknown[];
  ignored: string[];
  /** A MATCH every result is in, when the date-ordered index can drive the page by it. */
  match: string | null;
  /** With no MATCH: a tag or collection every result is in, when its date-ordered list can drive the page by it. */
  member: Member | null;
  /** Whether the page shows stacks' heads only (their `stackSize` to be read). */
  stacked: boolean;
  /** The one status every result has, when a value order may be walked (no words: those list their matches). */
  walkStatus: string | null;
  /** A value order's walk: its top-level tag and collection terms, tested on each walked entry's id first (value-order.ts). */
  walkTests: { sql: string; values: unknown[] }[];
}

interface Cursor {
  /** The sort's value (value orders only). */
  value?: number;
  createdAt: number;
  id: number;
  /**
   * Date orders: the page before held every match of the cursor's millisecond (its look-ahead row
   * lay in another one), so the next page need not read the rest of that millisecond first.
   */
  wholeMoment?: boolean;
}

/**
 * What a value order sorts by before (created_at, id), highest first; the date orders have none.
 * Unrated counts as below every rating, an unset stylize or chaos as Midjourney's default (as a
 * search compares it): the key is never NULL (a NULL would break the keyset comparison).
 */
const sortValues: Record<LibrarySearch['sort'], { sql: string; of(row: GenerationRow): number } | null> = {
  newest: null,
  oldest: null,
  rating: { sql: 'coalesce(g.best_rating, 0)', of: (row) => row.best_rating ?? 0 },
  stylize: { sql: settingSql('stylize'), of: (row) => row.effective_stylize ?? MIDJOURNEY_DEFAULTS.stylize },
  chaos: { sql: settingSql('chaos'), of: (row) => row.effective_chaos ?? MIDJOURNEY_DEFAULTS.chaos },
};

/** The cursor's tag for each order, so a cursor of one order is refused by another. */
const cursorTags: Record<LibrarySearch['sort'], string> = { newest: 'n', oldest: 'o', rating: 'r', stylize: 's', chaos: 'c' };

const placeholders = (count: number) => Array.from({ length: count }, () => '?').join(', ');

/** The search's query tree; a query that does not parse is `invalid_input`, with where the problem is. */
function queryOf(search: LibrarySearch): { root: QueryNode | null; ignored: string[] } {
  const query = parseQuery(search.text);
  if (!query.ok) throw new Failure('invalid_input', query.problem.message, { from: query.problem.from, to: query.problem.to });
  return query;
}

/**
 * Every filter as SQL conditions on `g`, built only from placeholders: no typed text ever becomes SQL.
 * `branch` (one of the query's date-ordered streams, search-streams.ts) is compiled in place of the
 * whole tree; what the whole tree decides (statuses, stacking, hide rejected) still comes from it.
 */
function whereOf(db: Library, search: LibrarySearch, purpose: 'page' | 'count', branch?: QueryNode): Where {
  const clauses = ['g.deleted_at IS NULL'];
  const values: unknown[] = [];
  let match: string | null = null;
  const index = searchIndexReady(db) ? 'dated' : 'legacy';
  if (index === 'dated') useSearchWords(db);
  const add = (clause: string, ...more: unknown[]) => {
    clauses.push(clause);
    values.push(...more);
  };
  const typed: Condition[] = [];
  // only the date orders can be read from the date-ordered index
  const byDate = sortValues[search.sort] === null;
  const query = queryOf(search);
  const compiled = branch ?? query.root;
  if (compiled !== null) {
    // for a page, the unary + on the id keeps SQLite from fetching every text match by id and sorting
    // them (60 ms for a common word in 100k): it walks the (created_at, id) index and stops at the
    // page's last row. A count visits every match anyway, so there looking matches up by id is cheaper.
    const context = { now: search.now ?? Date.now(), utcOffsetMinutes: search.utcOffsetMinutes, id: purpose === 'page' ? '+g.id' : 'g.id', index } as const;
    for (const condition of compileQuery(compiled, context)) {
      // a page reads the index by the first such MATCH (joined, in date order) rather than test it row by row
      if (purpose === 'page' && byDate && match === null && condition.match !== undefined) match = condition.match;
      else typed.push(condition);
    }
  }
  // with no MATCH to read, a page of a tag or collection reads that list in date order (member-order.ts)
  let member: Member | null = null;
  const listed = purpose === 'page' && byDate && match === null ? typed.findIndex((condition) => condition.member !== undefined) : -1;
  if (listed >= 0 && memberOrderReady(db)) member = typed.splice(listed, 1)[0]?.member ?? null;
  const anyOf = (column: string, list: readonly unknown[] | undefined) => {
    if (list !== undefined && list.length > 0) add(`${column} IN (${placeholders(list.length)})`, ...list);
  };
  anyOf('g.effective_model', search.models);
  anyOf('g.effective_aspect_ratio', search.aspectRatios);
  // Nearly every generation is done, so the status index narrows little: beside a model, ratio or
  // favourites filter, or a typed term with such an index (whose indexes also walk by date), the +
  // keeps SQLite from walking it instead.
  const narrower =
    (search.models?.length ?? 0) > 0 || (search.aspectRatios?.length ?? 0) > 0 || search.favorite === true || narrows(compiled);
  if (!namesStatus(query.root)) anyOf(narrower ? '+g.status' : 'g.status', search.statuses);
  // a literal, not a parameter, so the partial index of favourites can serve it
  if (search.favorite !== undefined) add(search.favorite ? 'g.favorite = 1' : 'g.favorite = 0');
  if (search.hideRejected === true && !namesRejected(query.root)) add('g.all_rejected = 0');
  // reruns share prompt and settings, so those terms hold for every member alike; the rest (and the
  // favourites filter, the date bounds, the rating order) may hold for a hidden member only
  const stacked =
    search.stacked === true && search.sort !== 'rating' && search.favorite === undefined &&
    search.createdFrom === undefined && search.createdBefore === undefined && !namesMemberTerm(query.root);
  if (stacked) add('g.stack_hidden = 0');
  if (search.createdFrom !== undefined) add('g.created_at >= ?', search.createdFrom);
  if (search.createdBefore !== undefined) add('g.created_at < ?', search.createdBefore);
  if (search.seed !== undefined) add('g.effective_seed = ?', search.seed);
  for (const name of ['stylize', 'chaos', 'weird'] as const) {
    const range = search[name];
    if (range?.min !== undefined) add(`${settingSql(name)} >= ?`, range.min);
    if (range?.max !== undefined) add(`${settingSql(name)} <= ?`, range.max);
  }
  // the typed text last: SQLite tests conditions in the order written, and the filters are cheaper
  for (const condition of typed) add(condition.sql, ...condition.values);
  const [only, ...others] = search.statuses ?? [];
  const walkStatus = only !== undefined && others.length === 0 && !namesStatus(query.root) && !namesText(query.root) ? only : null;
  // (they stay in `clauses` too, which the sort of every match needs when the walk gives up)
  const walkTests = walkStatus === null || byDate ? [] : typed.flatMap((condition) => (condition.member === undefined ? [] : [memberTest(condition.member, 'w.generation_id')]));
  return { clauses, values, ignored: query.ignored, match, member, stacked, walkStatus, walkTests };
}

/** The cursor after `row`, the page's last; `wholeMoment` (date orders) as Cursor says. */
function encodeCursor(sort: LibrarySearch['sort'], row: GenerationRow, wholeMoment: boolean): string {
  const value = sortValues[sort];
  const key = value === null ? [row.created_at, row.id, ...(wholeMoment ? [1] : [])] : [value.of(row), row.created_at, row.id];
  return Buffer.from(JSON.stringify([cursorTags[sort], ...key])).toString('base64url');
}

function decodeCursor(sort: LibrarySearch['sort'], cursor: string): Cursor {
  try {
    const decoded: unknown = JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8'));
    const byValue = sortValues[sort] !== null;
    const sized = Array.isArray(decoded) && (byValue ? decoded.length === 4 : decoded.length === 3 || decoded.length === 4);
    if (sized && decoded[0] === cursorTags[sort]) {
      const [value, createdAt, id, whole] = (byValue ? decoded.slice(1) : [undefined, ...decoded.slice(1)]) as unknown[];
      const valueOk = !byValue || (typeof value === 'number' && Number.isFinite(value));
      if (valueOk && Number.isSafeInteger(createdAt) && Number.isSafeInteger(id) && (whole === undefined || whole === 1)) {
        return { ...(byValue ? { value: value as number } : {}), createdAt: createdAt as number, id: id as number, ...(whole === 1 ? { wholeMoment: true } : {}) };
      }
    }
  } catch {
    // falls through to the artist-readable failure below
  }
  throw new Failure('invalid_input', 'This page of results is out of date; start the search again.');
}

interface PageQuery {
  search: LibrarySearch;
  sql: string;
  values: unknown[];
  ignored: string[];
  stacked: boolean;
  /**
   * For a page read from the date-ordered index, whose key orders one millisecond by when a row was
   * indexed: the same query kept to one millisecond, in id order, at most `limit` rows (see pageRows).
   */
  moment?: { sql: string; values(createdAt: number, limit: number): unknown[]; cursor: Cursor | undefined };
  /** For a value order: the walk of `value_order` tried first (see pageRows); `sql` sorts every match. */
  walk?: { sql: string; values: unknown[]; sort: number; status: string; cursor: [number, number, number] | undefined };
  /** For an OR read as date-ordered streams (search-streams.ts): each branch's page, merged (see pageRows); `sql` is unused. */
  streams?: PageQuery[];
}

function pageQuery(db: Library, search: LibrarySearch): PageQuery {
  const where = whereOf(db, search, 'page');
  const cursor = search.cursor === undefined ? undefined : decodeCursor(search.sort, search.cursor);
  const value = sortValues[search.sort];
  if (value !== null) return valuePage(db, search, where, cursor, value.sql);
  const streams = searchIndexReady(db) ? streamsOf(queryOf(search).root) : null;
  if (streams !== null) {
    const branches = streams.map((branch) => datePage(search, whereOf(db, search, 'page', branch), cursor));
    return { search, sql: '', values: [], ignored: where.ignored, stacked: where.stacked, streams: branches };
  }
  return datePage(search, where, cursor);
}

/** A page in date order (newest or oldest first): a walk of a date-ordered index, or of the text index by its MATCH. */
function datePage(search: LibrarySearch, filters: Where, cursor: Cursor | undefined): PageQuery {
  const newest = search.sort === 'newest';
  const direction = newest ? 'DESC' : 'ASC';
  if (filters.member !== null) {
    // the list's (created_at, id) key is the page's order itself: its walk from the cursor is the page
    const walk = memberPageSql(GENERATION_COLUMNS, filters.member, filters.clauses, newest, cursor !== undefined);
    const after = cursor === undefined ? undefined : ([cursor.createdAt, cursor.id] as const);
    return { search, sql: walk.sql, values: walk.values(filters.values, after, search.limit + 1), ignored: filters.ignored, stacked: filters.stacked };
  }
  const where =
    cursor === undefined
      ? filters
      : {
          ...filters,
          clauses: [...filters.clauses, newest ? '(g.created_at, g.id) < (?, ?)' : '(g.created_at, g.id) > (?, ?)'],
          values: [...filters.values, cursor.createdAt, cursor.id],
        };
  if (where.match === null) {
    const sql = `SELECT ${GENERATION_COLUMNS} FROM generations g WHERE ${where.clauses.join(' AND ')}
      ORDER BY g.created_at ${direction}, g.id ${direction} LIMIT ?`;
    return { search, sql, values: [...where.values, search.limit + 1], ignored: where.ignored, stacked: where.stacked };
  }
  // The index's rowid is the date-order key (created_at << 20) + a number unique within that
  // millisecond (migration 7): read in key order it stops after a page. It starts past the cursor's
  // millisecond; the rest of that one comes first, from `moment` (pageRows), unless the cursor says
  // the page before held all of it (Cursor.wholeMoment).
  const from = `FROM generations_search s CROSS JOIN search_order o CROSS JOIN generations g
    WHERE generations_search MATCH ? AND o.key = s.rowid AND g.id = o.generation_id AND ${where.clauses.join(' AND ')}`;
  const range = cursor === undefined ? '' : newest ? ' AND s.rowid < ? << 20' : ' AND s.rowid >= (? + 1) << 20';
  const rangeValues = cursor === undefined ? [] : [cursor.createdAt];
  // One millisecond in id order: the generations index walks it by id from the cursor and stops
  // after `limit`, testing each row against the index's matches of that millisecond alone (a range
  // of keys: no row is read for them), so a millisecond of thousands of rows costs a page, not all of them.
  const moment = `SELECT ${GENERATION_COLUMNS} FROM generations g WHERE g.created_at = ? AND ${where.clauses.join(' AND ')}
    AND +g.id IN (SELECT o.generation_id FROM generations_search s JOIN search_order o ON o.key = s.rowid
      WHERE generations_search MATCH ? AND s.rowid BETWEEN ? << 20 AND (? << 20) + ${MOMENT_KEYS - 1})
    ORDER BY g.id ${direction} LIMIT ?`;
  return {
    search,
    sql: `SELECT ${GENERATION_COLUMNS} ${from}${range} ORDER BY s.rowid ${direction} LIMIT ?`,
    values: [where.match, ...where.values, ...rangeValues, search.limit + 1],
    ignored: where.ignored,
    stacked: where.stacked,
    moment: { sql: moment, values: (createdAt, limit) => [createdAt, ...where.values, where.match, createdAt, createdAt, limit], cursor },
  };
}

/**
 * A page in a value order (highest first, newest first among equals). Where one status is asked and
 * no words (the gallery's browse and filters), the walk of `value_order` is tried first and the
 * sort of every match is kept for when the walk gives up; otherwise only the sort.
 */
function valuePage(db: Library, search: LibrarySearch, where: Where, cursor: Cursor | undefined, valueSql: string): PageQuery {
  const sort = VALUE_SORT[search.sort as keyof typeof VALUE_SORT];
  const after = cursor === undefined ? undefined : ([cursor.value ?? 0, cursor.createdAt, cursor.id] as [number, number, number]);
  const walk =
    where.walkStatus === null || !valueOrderReady(db)
      ? undefined
      : {
          sql: walkSql(GENERATION_COLUMNS, where.clauses, after !== undefined, where.walkTests.map((test) => test.sql)),
          values: [sort, where.walkStatus, ...(after ?? []), WALK_BUDGET, ...where.walkTests.flatMap((test) => test.values), ...where.values, search.limit + 1],
          sort,
          status: where.walkStatus,
          cursor: after,
        };
  // one row-value comparison continues exactly after the cursor
  const clauses = after === undefined ? where.clauses : [...where.clauses, `(${valueSql}, g.created_at, g.id) < (?, ?, ?)`];
  const sql = `SELECT ${GENERATION_COLUMNS} FROM generations g WHERE ${clauses.join(' AND ')}
    ORDER BY ${valueSql} DESC, g.created_at DESC, g.id DESC LIMIT ?`;
  return { search, sql, values: [...where.values, ...(after ?? []), search.limit + 1], ignored: where.ignored, stacked: where.stacked, ...(walk === undefined ? {} : { walk }) };
}

/** Keys one millisecond holds in the date-ordered index (its low 20 bits). */
const MOMENT_KEYS = 1 << 20;

/**
 * The page's rows in (created_at, id) order. Within one millisecond the index orders by when a row
 * was indexed, not by id: the rest of the cursor's millisecond is read in id order first, and when
 * the page ends inside a millisecond the index does not hold in id order, its rows on the page are
 * read again in id order, as many as the page has room for, so the cut falls where (created_at, id)
 * puts it.
 */
function pageRows(db: Library, query: PageQuery): GenerationRow[] {
  const wanted = query.search.limit + 1;
  if (query.streams !== undefined) {
    // each branch's page is exact in (created_at, id) order: the OR's page is the first of their union
    const sign = query.search.sort === 'newest' ? -1 : 1;
    const union = new Map<number, GenerationRow>();
    for (const stream of query.streams) for (const row of pageRows(db, stream)) union.set(row.id, row);
    return [...union.values()].sort((a, b) => sign * (a.created_at - b.created_at || a.id - b.id)).slice(0, wanted);
  }
  if (query.walk !== undefined) {
    // the walk is exact when it fills the page, or when it saw every entry after the cursor
    const { walk } = query;
    const walked = statement(db, walk.sql).all(...walk.values) as GenerationRow[];
    if (walked.length === wanted || entriesAfter(db, walk.sort, walk.status, walk.cursor) < WALK_BUDGET) return walked;
  }
  const { moment } = query;
  if (moment === undefined) return statement(db, query.sql).all(...query.values) as GenerationRow[];
  const inMoment = (createdAt: number, limit: number) => statement(db, moment.sql).all(...moment.values(createdAt, limit)) as GenerationRow[];
  const first = moment.cursor === undefined || moment.cursor.wholeMoment === true ? [] : inMoment(moment.cursor.createdAt, wanted);
  if (first.length === wanted) return first;
  // a millisecond whole on the page comes in the index's order: put it in id order
  const sign = query.search.sort === 'newest' ? -1 : 1;
  const inOrder = (rows: GenerationRow[]) => rows.sort((a, b) => sign * (a.created_at - b.created_at || a.id - b.id));
  const rows = [...first, ...(statement(db, query.sql).all(...query.values) as GenerationRow[])].slice(0, wanted);
  const last = rows.at(-1);
  if (rows.length < wanted || last === undefined || last.created_at === moment.cursor?.createdAt) return inOrder(rows);
  // the look-ahead row (only there to say a next page exists) in another millisecond than the page's
  // last row: every millisecond on the page is whole on it, so id order needs no second read
  if (rows.at(-2)?.created_at !== last.created_at) return inOrder(rows);
  // the index keeps that millisecond in id order (as it does unless an edit or the backfill indexed
  // it otherwise): the walk read its first rows by id, and need not read them again
  if (momentInIdOrder(db, last.created_at)) return inOrder(rows);
  // the page's last millisecond, in id order: its rows on the page are the first of it by id
  const before = rows.filter((row) => row.created_at !== last.created_at);
  return [...inOrder(before), ...inMoment(last.created_at, wanted - before.length)];
}

/** Keys of one millisecond looked at to say it is in id order; a larger one is read again in id order. */
const MOMENT_CHECKED = 256;
const MOMENT_ORDER_SQL = `SELECT generation_id FROM search_order WHERE key BETWEEN ? << 20 AND (? << 20) + ${MOMENT_KEYS - 1} ORDER BY key LIMIT ${MOMENT_CHECKED + 1}`;

/**
 * Whether the date-ordered index holds every generation of one millisecond in id order (keys rise
 * with ids): a few keys of search_order, where reading the millisecond's matches again in id order is
 * a second text query (~0.1 ms at 1M, the most of a stacked word page's time beyond the floor's).
 */
function momentInIdOrder(db: Library, createdAt: number): boolean {
  const ids = statement(db, MOMENT_ORDER_SQL).raw().all(createdAt, createdAt) as [number][];
  if (ids.length > MOMENT_CHECKED) return false;
  for (let i = 1; i < ids.length; i++) if ((ids[i] as [number])[0] <= (ids[i - 1] as [number])[0]) return false;
  return true;
}

/** One page of generations (with images) matching a search, in keyset order: never OFFSET, so deep pages cost the same. */
export function searchPage(db: Library, search: LibrarySearch): SearchPage {
  const query = pageQuery(db, search);
  const rows = pageRows(db, query);
  const more = rows.length > query.search.limit;
  const page = more ? rows.slice(0, query.search.limit) : rows;
  const last = page.at(-1);
  // the rows are in exact order: a look-ahead in another millisecond leaves none of the last one's for later
  const wholeMoment = rows[query.search.limit]?.created_at !== last?.created_at;
  const items = withImages(db, page);
  return {
    items: query.stacked ? withStackSizes(db, items) : items,
    nextCursor: more && last !== undefined ? encodeCursor(query.search.sort, last, wholeMoment) : null,
    ignoredTerms: query.ignored,
  };
}

/** A stacked page's heads with the size of their stack (2 or more): one lookup per tile through the members' key. */
function withStackSizes(db: Library, items: Generation[]): Generation[] {
  if (items.length === 0) return items;
  const rows = statement(
    db,
    `SELECT m.generation_id AS id, s.size FROM stack_members m JOIN stacks s ON s.stack_key = m.stack_key
      WHERE m.generation_id IN (SELECT value FROM json_each(?)) AND s.head = m.generation_id AND s.size > 1`,
  ).all(JSON.stringify(items.map((g) => g.id))) as { id: number; size: number }[];
  const sizes = new Map(rows.map((r) => [r.id, r.size]));
  return items.map((g) => {
    const size = sizes.get(g.id);
    return size === undefined ? g : { ...g, stackSize: size };
  });
}

/** The plan SQLite picks for a search page, one step a line: tests and the benchmark check that pages walk an index. */
export function searchPlan(db: Library, search: LibrarySearch): string[] {
  const plan = (query: PageQuery): string[] => {
    if (query.streams !== undefined) return query.streams.flatMap(plan);
    const { sql, values } = query.walk ?? query;
    return (db.prepare(`EXPLAIN QUERY PLAN ${sql}`).all(...values) as { detail: string }[]).map((r) => r.detail);
  };
  return plan(pageQuery(db, search));
}

/** How many generations match a search in all (cursor, sort and limit are ignored). */
export function searchTotal(db: Library, search: LibrarySearch, { stoppable = false } = {}): number {
  const where = whereOf(db, search, 'count');
  const row = statement(db, `SELECT count(*) AS n FROM generations g WHERE ${conditions(where, stoppable)}`).get(...where.values) as { n: number };
  return row.n;
}

/**
 * How many generations a search matches, members of the stacks it shows included, and (when it is
 * stacked) how many tiles show them: one walk, the tiles counted as the matches that head a stack.
 */
export function searchCount(db: Library, search: LibrarySearch, { stoppable = false } = {}): SearchCount {
  const kept = keptSearchCount(db, search);
  if (kept !== null) return kept;
  const { stacked } = whereOf(db, search, 'count');
  if (!stacked) return { total: searchTotal(db, search, { stoppable }) };
  const where = whereOf(db, { ...search, stacked: false }, 'count');
  const row = statement(db, `SELECT count(*) AS n, total(g.stack_hidden = 0) AS tiles FROM generations g WHERE ${conditions(where, stoppable)}`).get(...where.values) as { n: number; tiles: number };
  return { total: row.n, tiles: row.tiles };
}

/** A count's conditions; a stoppable one's first asks whether it is still wanted (stoppable.ts), at each row it visits. */
function conditions(where: Where, stoppable: boolean): string {
  return (stoppable ? [STILL_WANTED, ...where.clauses] : where.clauses).join(' AND ');
}

/**
 * The count of a search with no text and no filter, read from the running totals
 * (count-from-totals.ts), else null: well under a millisecond, so the core may answer it itself.
 */
export function keptSearchCount(db: Library, search: LibrarySearch): SearchCount | null {
  const { stacked } = whereOf(db, search, 'count');
  const where = whereOf(db, { ...search, stacked: false }, 'count');
  return countFromTotals(db, where.clauses, where.values, stacked);
}

/**
 * The ids of every generation a search matches (cursor, sort and limit are ignored), for an action
 * over a whole query: a typed array, so handing 1,000,000 of them from a worker thread is one copy.
 */
export function searchIds(db: Library, search: LibrarySearch): Float64Array {
  // a selection of every match acts on every member of the stacks it shows, not on their heads alone
  const where = whereOf(db, { ...search, stacked: false }, 'count');
  const ids = statement(db, `SELECT g.id FROM generations g WHERE ${where.clauses.join(' AND ')}`).pluck().all(...where.values) as number[];
  return Float64Array.from(ids);
}
