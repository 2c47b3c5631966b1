/**
 * Stacks of reruns (migration 12): generations with the same effective prompt, negative prompt,
 * model, parameters, reference and seed share a stack key, a 64-bit hash of those settings written
 * with the row. Triggers keep each stack's newest member (its head) and size in `stacks`, and mark
 * every other member `stack_hidden`, so a stacked page only adds `g.stack_hidden = 0` and never
 * groups. Rows written before migration 12 get their key from `fillStackKeys` on the upkeep thread,
 * newest first, in ~10 ms transactions; until then each of them is its own tile (unstacked), so
 * browsing loses nothing while the backfill runs.
 */
import { createHash } from 'node:crypto';
import { performance } from 'node:perf_hooks';
import { rerunText, type RerunSettings } from '../../../shared/stacks.ts';
import type { Library } from './database.ts';
import { fillInSteps, markOf, writeInTime } from './in-steps.ts';
import { statement } from './statements.ts';

/** The stack key of a run's effective settings (shared/stacks.ts says what a rerun is): a 64-bit hash, null when it never stacks. */
export function stackKey(e: RerunSettings): bigint | null {
  const text = rerunText(e);
  return text === null ? null : createHash('sha256').update(text).digest().readBigInt64BE(0);
}

/** A generations row's effective columns, as `SELECT_EFFECTIVE` reads them. */
interface EffectiveRow extends Omit<RerunSettings, 'raw'> {
  id: number;
  raw: number;
}

const SELECT_EFFECTIVE = `SELECT id, effective_model AS model, effective_prompt AS prompt, effective_negative_prompt AS negativePrompt,
  effective_aspect_ratio AS aspectRatio, effective_stylize AS stylize, effective_chaos AS chaos, effective_weird AS weird,
  effective_quality AS quality, effective_raw AS raw, effective_seed AS seed, effective_reference_image_url AS referenceImageUrl
  FROM generations`;

/** Whether every generation has its stack key by today's rule (always, for a library made at version 18 or later). */
export function stackKeysReady(db: Library): boolean {
  return markOf(db, 'stack_backfill') === undefined && markOf(db, 'stack_defaults') === undefined;
}

/** What the backfill did: generations given a key, the longest transaction. */
export interface StackBackfillReport {
  /** Generations walked (given a key, or checked against today's rule). */
  keyed: number;
  longestStepMs: number;
}

/**
 * Gives every generation written before migration 12 its stack key, then re-keys those keyed before
 * migration 18 by the rule of today, newest first, in transactions of about 10 ms (the triggers then
 * stack them). Safe to stop at any point and to run again.
 */
export async function fillStackKeys(db: Library): Promise<StackBackfillReport> {
  const done = await fillInSteps({
    db,
    ready: () => stackKeysReady(db),
    step: (batch) => step(db, batch, markOf(db, 'stack_backfill') === undefined ? 'stack_defaults' : 'stack_backfill'),
    batch: { start: 200, min: 10, max: 5000 },
  });
  return { keyed: done.rows, longestStepMs: done.longestStepMs };
}

/**
 * One transaction of either walk: up to `batch` generations below its mark get the key of today's
 * rule where theirs differs (none yet, after migration 12; a setting given as its default, after
 * migration 18), and the triggers move them to that stack; then the mark moves down. A row whose
 * key is already right is not written.
 */
function step(db: Library, batch: number, mark: 'stack_backfill' | 'stack_defaults'): number {
  return db
    .transaction(() => {
      const began = performance.now();
      const below = markOf(db, mark);
      if (below === undefined) return 0;
      // migration 18's walk ends where migration 12's began: the rows below that get today's key from it
      const floor = mark === 'stack_defaults' ? (statement(db, 'SELECT floor FROM stack_defaults WHERE id = 1').pluck().get() as number) : 0;
      const rows = statement(db, `${SELECT_EFFECTIVE} WHERE id < ? AND id >= ? ORDER BY id DESC LIMIT ?`).all(below, floor, batch) as EffectiveRow[];
      const write = statement(db, 'UPDATE generations SET stack_key = ? WHERE id = ? AND stack_key IS NOT ?');
      return writeInTime(db, mark, rows, batch, began, (row) => {
        const key = stackKey({ ...row, raw: row.raw === 1 });
        if (key !== null) write.run(key, row.id, key);
      });
    })
    .immediate();
}

/** The ids of every generation stacked with any of `ids` (the ids themselves included), newest first. */
export function stackMembers(db: Library, ids: readonly number[]): number[] {
  return statement(
    db,
    `SELECT id FROM (
       SELECT value AS id FROM json_each(?)
       UNION SELECT m.generation_id FROM stack_members own JOIN stack_members m ON m.stack_key = own.stack_key
         WHERE own.generation_id IN (SELECT value FROM json_each(?))
     ) JOIN generations g USING (id) WHERE g.deleted_at IS NULL ORDER BY g.created_at DESC, g.id DESC`,
  )
    .pluck()
    .all(JSON.stringify(ids), JSON.stringify(ids)) as number[];
}
