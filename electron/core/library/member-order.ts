/**
 * Tags and collections read in date order (migration 16): `member_order` holds every member row
 * keyed (list kind, list id, created_at, generation id), so a page of `tag:` or `in:` walks its
 * list from the cursor and stops after the page, however few or many the list holds. Rows older
 * than the migration are added by a background backfill on the upkeep thread, in short
 * transactions (in-steps.ts); until it is done, pages test each row as before.
 */
import type { Library } from './database.ts';
import { fillInSteps, markOf, moveMark } from './in-steps.ts';
import { statement } from './statements.ts';

/** A list of generations a search term names: a tag (`tag:`) or a collection (`in:`), by name, any case. */
export interface Member {
  list: 'tag' | 'collection';
  name: string;
}

/** `list_kind` in member_order, and where each list keeps its member rows. */
const LISTS = {
  tag: { kind: 1, table: 'generation_tags', column: 'tag_id', idOf: '(SELECT id FROM tags WHERE name = ?)' },
  // a binned collection holds nothing: its id is NULL here, and nothing equals NULL
  collection: { kind: 2, table: 'collection_members', column: 'collection_id', idOf: '(SELECT id FROM collections WHERE name = ? AND deleted_at IS NULL)' },
} as const;

/** Whether `member_order` holds every member row (always, for a library made at version 16 or later). */
export function memberOrderReady(db: Library): boolean {
  return markOf(db, 'member_order_backfill') === undefined;
}

/**
 * A tag or collection term as a condition on `g`, marked with its list so a page may walk that list
 * instead (search-engine.ts). A page tests its rows one by one, so it looks up each row's own member row
 * by the table's key: listing the members for every page cost 51 ms for a tag of 54,000
 * generations at 1,000,000. A count visits every match, so it lists the members once.
 */
export function memberCondition(member: Member, id: '+g.id' | 'g.id'): { sql: string; values: unknown[]; member: Member } {
  const { table, column, idOf } = LISTS[member.list];
  const sql = id === '+g.id' ? memberTest(member, 'g.id').sql : `g.id IN (SELECT generation_id FROM ${table} WHERE ${column} = ${idOf})`;
  return { sql, values: [member.name], member };
}

/** A tag or collection term tested on one id (`idColumn`): its member row looked up by the table's key. */
export function memberTest(member: Member, idColumn: string): { sql: string; values: unknown[] } {
  const { table, column, idOf } = LISTS[member.list];
  return { sql: `EXISTS (SELECT 1 FROM ${table} WHERE ${column} = ${idOf} AND generation_id = ${idColumn})`, values: [member.name] };
}

/**
 * A page of one list in date order as one statement: the list's entries after the cursor, in
 * order, each joined to its generation and kept when `clauses` hold, stopping after `limit` rows.
 * (created_at, id) is unique, so the cursor continues exactly where the page before ended.
 */
export function memberPageSql(
  columns: string,
  member: Member,
  clauses: readonly string[],
  newest: boolean,
  withCursor: boolean,
): { sql: string; values(clauseValues: readonly unknown[], cursor: readonly [number, number] | undefined, limit: number): unknown[] } {
  const { kind, idOf } = LISTS[member.list];
  const direction = newest ? 'DESC' : 'ASC';
  const after = withCursor ? ` AND (o.created_at, o.generation_id) ${newest ? '<' : '>'} (?, ?)` : '';
  return {
    sql: `SELECT ${columns} FROM member_order o CROSS JOIN generations g
      WHERE o.list_kind = ${kind} AND o.list_id = ${idOf}${after} AND g.id = o.generation_id AND ${clauses.join(' AND ')}
      ORDER BY o.created_at ${direction}, o.generation_id ${direction} LIMIT ?`,
    values: (clauseValues, cursor, limit) => [member.name, ...(cursor ?? []), ...clauseValues, limit],
  };
}

/** What the backfill did: generations walked, member entries added, in how many transactions, the longest of them. */
export interface MemberOrderReport {
  walked: number;
  added: number;
  steps: number;
  longestStepMs: number;
}

/**
 * Adds the member rows written before migration 16 to `member_order`, newest generation id first,
 * in transactions of about 10 ms with a rest as long between (in-steps.ts); then says the order is
 * complete. Safe to stop at any point and to run again: it carries on where it was.
 */
export async function fillMemberOrder(db: Library): Promise<MemberOrderReport> {
  let added = 0;
  const done = await fillInSteps({
    db,
    ready: () => memberOrderReady(db),
    step: (batch) => {
      const [walked, entries] = step(db, batch);
      added += entries;
      return walked;
    },
    // most generations are in no list, so a step walks many ids for few entries
    batch: { start: 2000, min: 200, max: 50_000 },
  });
  return { walked: done.rows, added, steps: done.steps, longestStepMs: done.longestStepMs };
}

/** One backfill transaction: the member rows of up to `batch` generations below the mark, then the mark moves down. */
function step(db: Library, batch: number): [walked: number, added: number] {
  return db
    .transaction((): [number, number] => {
      const below = markOf(db, 'member_order_backfill');
      if (below === undefined) return [0, 0];
      const ids = statement(db, 'SELECT id FROM generations WHERE id < ? ORDER BY id DESC LIMIT ?').pluck().all(below, batch) as number[];
      const lowest = ids.at(-1);
      let added = 0;
      if (lowest !== undefined) {
        // each list's member rows by their generation index, then the generation by id for its date
        added = statement(
          db,
          `INSERT OR IGNORE INTO member_order (list_kind, list_id, created_at, generation_id)
           SELECT ${LISTS.tag.kind}, t.tag_id, g.created_at, g.id FROM generation_tags t CROSS JOIN generations g
             WHERE t.generation_id BETWEEN ? AND ? AND g.id = t.generation_id
           UNION ALL
           SELECT ${LISTS.collection.kind}, m.collection_id, g.created_at, g.id FROM collection_members m CROSS JOIN generations g
             WHERE m.generation_id BETWEEN ? AND ? AND g.id = m.generation_id`,
        ).run(lowest, below - 1, lowest, below - 1).changes;
      }
      moveMark(db, 'member_order_backfill', ids.length, batch, lowest);
      return [ids.length, added];
    })
    .immediate();
}
