import type { Library } from './database.ts';
import type { Generation } from '../../../shared/generation.ts';
import type { Batch } from '../../../shared/runs/batch.ts';
import type { SweepAxis } from '../../../shared/runs/sweep.ts';
import { Failure } from '../failure.ts';
import { cancelGeneration, insertGeneration, type NewGeneration } from './generations.ts';
import { GENERATION_COLUMNS, withImages, type GenerationRow } from './rows.ts';
import { statement } from './statements.ts';

interface BatchRow {
  id: number;
  name: string;
  sweep: string;
  created_at: number;
}

const batchOf = (row: BatchRow): Batch => ({ id: row.id, name: row.name, sweep: JSON.parse(row.sweep) as SweepAxis[], createdAt: row.created_at });

/** Saves a batch and all its runs as queued in one transaction: every run is saved, or none. */
export function insertBatch(
  db: Library,
  batch: { name: string; sweep: readonly SweepAxis[] },
  runs: readonly NewGeneration[],
  now: number = Date.now(),
): { batch: Batch; runs: Generation[] } {
  return db.transaction(() => {
    const info = statement(db, 'INSERT INTO batches (name, sweep, created_at) VALUES (?, ?, ?)').run(batch.name, JSON.stringify(batch.sweep), now);
    const batchId = Number(info.lastInsertRowid);
    const join = statement(db, 'UPDATE generations SET batch_id = ? WHERE id = ?');
    for (const run of runs) join.run(batchId, insertGeneration(db, run, now).id);
    return getBatch(db, batchId);
  })();
}

/** The batch with its runs in the order they were made; throws `not_found` when there is none. */
export function getBatch(db: Library, id: number): { batch: Batch; runs: Generation[] } {
  const row = statement(db, 'SELECT id, name, sweep, created_at FROM batches WHERE id = ?').get(id) as BatchRow | undefined;
  if (row === undefined) throw new Failure('not_found', 'This batch is no longer in the library.', { id });
  const runs = withImages(db, statement(db, `SELECT ${GENERATION_COLUMNS} FROM generations g WHERE g.batch_id = ? ORDER BY g.id`).all(id) as GenerationRow[]);
  return { batch: batchOf(row), runs };
}

/** Cancels every run of the batch still queued, in one transaction; returns the ids cancelled. */
export function cancelQueuedRuns(db: Library, id: number, now: number = Date.now()): number[] {
  return db.transaction(() => {
    getBatch(db, id);
    const queued = statement(db, "SELECT id FROM generations WHERE batch_id = ? AND status = 'queued' ORDER BY id").all(id) as { id: number }[];
    return queued.map((row) => cancelGeneration(db, row.id, now).id);
  })();
}
