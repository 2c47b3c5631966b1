/**
 * The Sort menu's value orders read in order (migration 13): `value_order` holds, for every
 * generation not in the bin, one entry per order keyed (sort, status, value, created_at, id), so a
 * page sorted by highest rated, stylize or chaos walks it from the cursor and stops after the page.
 * Rows older than the migration are added by a background backfill on the upkeep thread, in ~10 ms
 * transactions (a CREATE INDEX would hold the write lock for seconds at 1,000,000 generations). An
 * unset stylize or chaos sorts as Midjourney's default (migration 17), as a search compares it.
 */
import { performance } from 'node:perf_hooks';
import type { Library } from './database.ts';
import { fillInSteps, markOf, writeInTime } from './in-steps.ts';
import { statement } from './statements.ts';
import { settingSql } from './search-query.ts';
import { MIDJOURNEY_DEFAULTS } from '../../../shared/generation.ts';

/** The `sort` number of each value order in `value_order`. */
export const VALUE_SORT = { rating: 1, stylize: 2, chaos: 3 } as const;

/**
 * Entries a page walks at most before giving up on the order: a filter that keeps fewer than about
 * one generation in 40 would walk far for a page, and then listing the matches and sorting them is cheaper.
 */
export const WALK_BUDGET = 2500;

/** The backfill's page cache, in SQLite's negative-KiB form: 64 MB. */
const BACKFILL_CACHE_KIB = -65_536;

/**
 * Whether `value_order` holds every generation under its current key (always, for a library made at
 * version 17 or later): the rows older than migration 13 added, and the entries of unset settings
 * older than migration 17 moved to Midjourney's default.
 */
export function valueOrderReady(db: Library): boolean {
  return markOf(db, 'value_order_backfill') === undefined && markOf(db, 'value_order_defaults') === undefined;
}

/** What the backfill did: generations added or re-keyed, in how many transactions, the longest of them. */
export interface ValueOrderReport {
  added: number;
  steps: number;
  longestStepMs: number;
}

/**
 * Adds the generations written before migration 13 to `value_order`, then re-keys the entries of
 * unset settings written before migration 17, newest id first, in transactions of about 10 ms with a
 * rest as long between, so the core's writes never wait long; then says the order is complete.
 * Safe to stop at any point and to run again: it carries on where it was.
 */
export async function fillValueOrder(db: Library): Promise<ValueOrderReport> {
  // each step writes at a thousand places of a tree of millions of entries (one per value): with
  // SQLite's default 2 MB of cache most of them would be read from disk again, inside the write lock
  const cache = db.pragma('cache_size', { simple: true }) as number;
  db.pragma(`cache_size = ${BACKFILL_CACHE_KIB}`);
  try {
    const done = await fillInSteps({
      db,
      ready: () => valueOrderReady(db),
      step: (batch) => (markOf(db, 'value_order_backfill') === undefined ? defaultsStep(db, batch) : step(db, batch)),
      batch: { start: 200, min: 20, max: 2000 },
    });
    return { added: done.rows, steps: done.steps, longestStepMs: done.longestStepMs };
  } finally {
    db.pragma(`cache_size = ${cache}`);
  }
}

/**
 * One backfill transaction: up to `batch` generations below the mark, one at a time until the step
 * has held the lock ~10 ms (`writeInTime`: each adds three entries at scattered places of the tree,
 * so a step that meets pages cold on disk must stop mid-batch), then the mark moves down.
 */
function step(db: Library, batch: number): number {
  return db
    .transaction(() => {
      const began = performance.now();
      const below = markOf(db, 'value_order_backfill');
      if (below === undefined) return 0;
      const rows = statement(db, 'SELECT id FROM generations WHERE id < ? ORDER BY id DESC LIMIT ?').all(below, batch) as { id: number }[];
      // (OR IGNORE: a row changed since the migration already has its entries, from the triggers)
      const add = statement(
        db,
        `INSERT OR IGNORE INTO value_order (sort, status, value, created_at, generation_id)
         SELECT s.sort, g.status,
           CASE s.sort WHEN 1 THEN coalesce(g.best_rating, 0) WHEN 2 THEN ${settingSql('stylize')} ELSE ${settingSql('chaos')} END,
           g.created_at, g.id
         FROM generations g CROSS JOIN (SELECT 1 AS sort UNION ALL SELECT 2 UNION ALL SELECT 3) s
         WHERE g.id = ? AND g.deleted_at IS NULL`,
      );
      return writeInTime(db, 'value_order_backfill', rows, batch, began, ({ id }) => add.run(id));
    })
    .immediate();
}

/**
 * One re-keying transaction (migration 17): of up to `batch` generations below the mark, the entries
 * an unset stylize or chaos still holds under the old key (-1) move to the default's; then the mark
 * moves down. A row without such an entry (written since, or not yet added above) needs nothing.
 */
function defaultsStep(db: Library, batch: number): number {
  return db
    .transaction(() => {
      const began = performance.now();
      const below = markOf(db, 'value_order_defaults');
      if (below === undefined) return 0;
      const rows = statement(
        db,
        `SELECT id, status, created_at, effective_stylize IS NULL AS stylize, effective_chaos IS NULL AS chaos
         FROM generations WHERE id < ? ORDER BY id DESC LIMIT ?`,
      ).all(below, batch) as { id: number; status: string; created_at: number; stylize: number; chaos: number }[];
      // OR REPLACE: the entry under the new key may exist already (a trigger wrote it); the old one goes either way
      const rekey = statement(
        db,
        'UPDATE OR REPLACE value_order SET value = ? WHERE sort = ? AND status = ? AND value = -1 AND created_at = ? AND generation_id = ?',
      );
      return writeInTime(db, 'value_order_defaults', rows, batch, began, (row) => {
        if (row.stylize === 1) rekey.run(MIDJOURNEY_DEFAULTS.stylize, VALUE_SORT.stylize, row.status, row.created_at, row.id);
        if (row.chaos === 1) rekey.run(MIDJOURNEY_DEFAULTS.chaos, VALUE_SORT.chaos, row.status, row.created_at, row.id);
      });
    })
    .immediate();
}

/**
 * A value-order page as one statement: the first entries after the cursor (at most WALK_BUDGET, in
 * order), each joined to its generation and kept when `clauses` hold, stopping after `limit` rows.
 * `idTests` (a tag or collection term, on `w.generation_id`) are tested on the walked entries
 * before their generations are read: a member key is far narrower than a generation's row, and a
 * tag's page sorted by rating at 1,000,000 took half the CPU so (0.58 → 0.31 ms). This layer's
 * LIMIT keeps SQLite from flattening it into the join, which would read each generation first.
 * Placeholders: sort, status, [cursor value, created_at, id], budget, the id tests' values, the clauses' values, limit.
 */
export function walkSql(columns: string, clauses: readonly string[], withCursor: boolean, idTests: readonly string[] = []): string {
  const after = withCursor ? ' AND (value, created_at, generation_id) < (?, ?, ?)' : '';
  const order = 'ORDER BY value DESC, created_at DESC, generation_id DESC';
  const walked = `SELECT value, created_at, generation_id FROM value_order WHERE sort = ? AND status = ?${after} ${order} LIMIT ?`;
  const entries = idTests.length === 0 ? walked : `SELECT * FROM (${walked}) w WHERE ${idTests.join(' AND ')} ${order} LIMIT ${WALK_BUDGET}`;
  return `SELECT ${columns} FROM (${entries}) v CROSS JOIN generations g
    WHERE g.id = v.generation_id AND ${clauses.join(' AND ')}
    ORDER BY v.value DESC, v.created_at DESC, v.generation_id DESC LIMIT ?`;
}

/** How many entries follow the cursor, counted up to WALK_BUDGET: fewer means a walk saw them all. */
export function entriesAfter(db: Library, sort: number, status: string, cursor: readonly [number, number, number] | undefined): number {
  const after = cursor === undefined ? '' : ' AND (value, created_at, generation_id) < (?, ?, ?)';
  const sql = `SELECT count(*) FROM (SELECT 1 FROM value_order WHERE sort = ? AND status = ?${after} LIMIT ?)`;
  return statement(db, sql).pluck().get(sort, status, ...(cursor ?? []), WALK_BUDGET) as number;
}
