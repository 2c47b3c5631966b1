/**
 * The undo steps kept in the library (migration 15): the last changes an artist can take back with
 * Ctrl/Cmd+Z, each with the record that puts it back, so the history survives a restart. A step's
 * `at` is unique and is the `deleted_at` of everything it moved to the trash: when the step leaves
 * the undo window, exactly those rows are removed for good (library/purge.ts, core/undo-log.ts).
 */
import type { Library } from './database.ts';
import { statement } from './statements.ts';

/**
 * What a step puts back: image states (`images`, `delete`), generations (`trash`, `tag`, `untag`),
 * images in a collection (`file`, `unfile`), a removal of simulated work, or a name: a collection,
 * tag or saved search renamed, a collection or saved search deleted (core/undo-names.ts).
 */
export type UndoKind =
  | 'images'
  | 'delete'
  | 'trash'
  | 'simulated'
  | 'tag'
  | 'untag'
  | 'file'
  | 'unfile'
  | 'collection-rename'
  | 'collection-delete'
  | 'tag-rename'
  | 'search-rename'
  | 'search-delete';

export interface UndoStep {
  id: number;
  kind: UndoKind;
  at: number;
  quiet: boolean;
  size: number;
  note: string | null;
  data: Uint8Array;
}

interface StepRow {
  id: number;
  kind: UndoKind;
  at: number;
  quiet: number;
  size: number;
  note: string | null;
  data: Uint8Array;
}

/** The highest undo id ever given out in this library (AUTOINCREMENT's own record), 0 before the first. */
export function lastUndoId(db: Library): number {
  return (statement(db, "SELECT seq FROM sqlite_sequence WHERE name = 'undo_steps'").pluck().get() as number | undefined) ?? 0;
}

/**
 * Makes every later undo id follow `id`. A restored backup brings its own, lower record: a page
 * still holding an id given out before the restore must meet a refusal, never a later change.
 */
export function undoIdsAfter(db: Library, id: number): void {
  db.transaction(() => {
    const raised = statement(db, "UPDATE sqlite_sequence SET seq = max(seq, ?) WHERE name = 'undo_steps'").run(id);
    if (raised.changes === 0 && id > 0) statement(db, "INSERT INTO sqlite_sequence (name, seq) VALUES ('undo_steps', ?)").run(id);
  })();
}

/** Stores a step (not yet expired); answers its id. */
export function insertStep(db: Library, step: Omit<UndoStep, 'id'>): number {
  const info = statement(db, 'INSERT INTO undo_steps (kind, at, quiet, size, note, data) VALUES (?, ?, ?, ?, ?, ?)').run(
    step.kind,
    step.at,
    step.quiet ? 1 : 0,
    step.size,
    step.note,
    step.data,
  );
  return Number(info.lastInsertRowid);
}

/** A step still in the undo window, or undefined. */
export function keptStep(db: Library, id: number): UndoStep | undefined {
  const row = statement(db, 'SELECT id, kind, at, quiet, size, note, data FROM undo_steps WHERE id = ? AND expired = 0').get(id) as StepRow | undefined;
  return row === undefined ? undefined : { ...row, quiet: row.quiet === 1 };
}

export function deleteStep(db: Library, id: number): void {
  statement(db, 'DELETE FROM undo_steps WHERE id = ?').run(id);
}

/** The steps in the undo window, oldest first (ids and sizes only). */
export function keptSteps(db: Library): { id: number; size: number; at: number }[] {
  return statement(db, 'SELECT id, size, at FROM undo_steps WHERE expired = 0 ORDER BY id').all() as { id: number; size: number; at: number }[];
}

/**
 * Marks expired every step beyond the newest `steps`, beyond `states` image states or ids in all
 * (the newest step always stays), or made before `olderThan`; answers how many were marked.
 */
export function expireSteps(db: Library, limits: { steps: number; states: number; olderThan: number }): number {
  const kept = keptSteps(db);
  let states = 0;
  let count = 0;
  const expire = statement(db, 'UPDATE undo_steps SET expired = 1 WHERE id = ?');
  return db.transaction(() => {
    let marked = 0;
    for (let i = kept.length - 1; i >= 0; i--) {
      const step = kept[i];
      if (step === undefined) continue;
      states += step.size;
      count += 1;
      const newest = i === kept.length - 1;
      if (!newest && (count > limits.steps || states > limits.states || step.at < limits.olderThan)) {
        expire.run(step.id);
        marked += 1;
      }
    }
    return marked;
  })();
}

/** The steps out of the window whose trash is still to be removed, oldest first. */
export function expiredSteps(db: Library): { id: number; at: number }[] {
  return statement(db, 'SELECT id, at FROM undo_steps WHERE expired = 1 ORDER BY id').all() as { id: number; at: number }[];
}

/** The latest `at` of any step (0 when none): the next step's `at` must be above it. */
export function lastStepAt(db: Library): number {
  const row = statement(db, 'SELECT max(at) AS at FROM undo_steps').get() as { at: number | null };
  return row.at ?? 0;
}

/**
 * The smallest trash date after `after` that no kept step holds: trash left by a change whose undo
 * is gone (an older Atelier kept undos in memory, or a crash cut a change short). One seek per date.
 */
export function nextOrphanStamp(db: Library, after: number): number | null {
  const generation = statement(db, 'SELECT min(deleted_at) AS at FROM generations WHERE deleted_at IS NOT NULL AND deleted_at > ?');
  const image = statement(db, 'SELECT min(deleted_at) AS at FROM images WHERE deleted_at IS NOT NULL AND deleted_at > ?');
  const kept = statement(db, 'SELECT 1 FROM undo_steps WHERE at = ? AND expired = 0');
  let from = after;
  for (;;) {
    const a = (generation.get(from) as { at: number | null }).at;
    const b = (image.get(from) as { at: number | null }).at;
    const next = a === null ? b : b === null ? a : Math.min(a, b);
    if (next === null) return null;
    if (kept.get(next) === undefined) return next;
    from = next;
  }
}

/**
 * The stamps of binned collections before `before` that no kept step holds: an older Atelier kept a
 * collection's delete undo in memory. Collections are few, so one statement reads them all.
 */
export function orphanCollectionStamps(db: Library, before: number): number[] {
  const rows = statement(
    db,
    `SELECT DISTINCT c.deleted_at AS at FROM collections c
     WHERE c.deleted_at IS NOT NULL AND c.deleted_at < ? AND NOT EXISTS (SELECT 1 FROM undo_steps s WHERE s.at = c.deleted_at AND s.expired = 0)
     ORDER BY c.deleted_at`,
  ).all(before) as { at: number }[];
  return rows.map((row) => row.at);
}
