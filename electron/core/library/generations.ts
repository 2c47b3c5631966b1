import type { Library } from './database.ts';
import {
  unfinishedStatuses,
  type EffectiveParams,
  type Generation,
  type GenerationParams,
  type GenerationRetry,
  type GenerationStatus,
} from '../../../shared/generation.ts';
import { belongsInQueue, QUEUE_ENDED_DAYS } from '../../../shared/queue-rule.ts';
import { Failure } from '../failure.ts';
import { GENERATION_COLUMNS, withImages, type GenerationRow } from './rows.ts';
import { statement } from './statements.ts';
import { SETTINGS_COLUMNS, SETTINGS_PLACEHOLDERS, settingsValues } from './settings-row.ts';

export interface NewGeneration {
  params: GenerationParams;
  effective: EffectiveParams;
  /**
   * The body sent to createTask, kept so a run can be audited or repeated: a string is stored as the
   * exact JSON text sent, byte for byte; anything else is stored as its JSON.
   */
  requestBody: unknown;
  parentId?: number | null;
  /** The API that will take it as things stand (the one it is sent to decides in the end); Kinovi when absent. */
  source?: 'kinovi' | 'sandbox';
}

const sqlList = (values: readonly string[]) => values.map((v) => `'${v}'`).join(',');
const UNFINISHED = sqlList(unfinishedStatuses);

/** Saves a new generation as queued and returns it. */
export function insertGeneration(db: Library, input: NewGeneration, now: number = Date.now()): Generation {
  return getGeneration(db, insertGenerationRow(db, input, now));
}

/** Saves a new generation as queued and returns its id, reading nothing back: it also writes into a library at an older schema, as migrations' tests need. */
export function insertGenerationRow(db: Library, input: NewGeneration, now: number = Date.now()): number {
  const { params: p, effective: e } = input;
  const parentId = input.parentId ?? null;
  if (parentId !== null && statement(db, 'SELECT 1 FROM generations WHERE id = ?').get(parentId) === undefined) {
    throw new Failure('not_found', 'The generation this one comes from is no longer in the library.', { parentId });
  }
  const info = statement(
    db,
    `INSERT INTO generations (${SETTINGS_COLUMNS}, request_body, status, parent_id, source, created_at, updated_at)
     VALUES (${SETTINGS_PLACEHOLDERS}, ?, 'queued', ?, ?, ?, ?)`,
  ).run(
    ...settingsValues(p, e), typeof input.requestBody === 'string' ? input.requestBody : JSON.stringify(input.requestBody), parentId,
    input.source ?? 'kinovi', now, now,
  );
  return Number(info.lastInsertRowid);
}

/** The generation with its images, or undefined if there is none with this id (soft-deleted ones included). */
export function findGeneration(db: Library, id: number): Generation | undefined {
  const row = statement(db, `SELECT ${GENERATION_COLUMNS} FROM generations g WHERE g.id = ?`).get(id) as GenerationRow | undefined;
  return row === undefined ? undefined : withImages(db, [row])[0];
}

/** Whether the generation is in the library and not in the trash. */
export function isInLibrary(db: Library, id: number): boolean {
  return statement(db, 'SELECT 1 FROM generations WHERE id = ? AND deleted_at IS NULL').get(id) !== undefined;
}

/** The generations with these ids that exist (soft-deleted ones included), with their images, by id. */
export function findGenerations(db: Library, ids: readonly number[]): Generation[] {
  return rows(db, `SELECT ${GENERATION_COLUMNS} FROM generations g WHERE g.id IN (SELECT value FROM json_each(?)) ORDER BY g.id`, JSON.stringify(ids));
}

/** The generation with its images; throws `not_found` if it is not in the library. */
export function getGeneration(db: Library, id: number): Generation {
  const found = findGeneration(db, id);
  if (found === undefined) throw new Failure('not_found', 'This generation is no longer in the library.', { id });
  return found;
}

/** The exact JSON text of the request body sent (or to be sent) for this generation. */
export function getRequestBody(db: Library, id: number): string {
  const row = statement(db, 'SELECT request_body FROM generations WHERE id = ?').get(id) as { request_body: string } | undefined;
  if (row === undefined) throw new Failure('not_found', 'This generation is no longer in the library.', { id });
  return row.request_body;
}

/**
 * Replaces the body a queued generation will send (its reference upload was made again): stored
 * before it is sent, so the record of what was asked stays the request. A run already on its way keeps its own.
 */
export function setRequestBody(db: Library, id: number, body: string, now: number = Date.now()): void {
  statement(db, "UPDATE generations SET request_body = ?, updated_at = ? WHERE id = ? AND status = 'queued'").run(body, now, id);
}

/** What one status change writes; a field left out stays as it is. */
interface Change {
  status?: GenerationStatus;
  taskId?: string;
  /** Which API took the run (the Sandbox's runs are simulated). */
  source?: 'kinovi' | 'sandbox';
  submittedAt?: number;
  /** Null: not finished after all (an image is downloaded again). */
  completedAt?: number | null;
  /** The error an artist will read; null clears it. */
  error?: { code: string; message: string } | null;
  /** Why the generation waits to try again; null forgets it (every step forward and every end does). */
  retry?: GenerationRetry | null;
  dismissed?: false;
  /** Counts one more createTask attempt. */
  countAttempt?: true;
}

/** The SET clause of a change, built only from fixed column names; every value is a placeholder. */
function setClause(change: Change): { set: string[]; values: unknown[] } {
  const set: string[] = [];
  const values: unknown[] = [];
  const put = (column: string, value: unknown) => {
    set.push(`${column} = ?`);
    values.push(value);
  };
  if (change.status !== undefined) put('status', change.status);
  if (change.taskId !== undefined) put('task_id', change.taskId);
  if (change.source !== undefined) put('source', change.source);
  if (change.submittedAt !== undefined) put('submitted_at', change.submittedAt);
  if (change.completedAt !== undefined) put('completed_at', change.completedAt);
  if (change.error !== undefined) {
    put('error_code', change.error?.code ?? null);
    put('error_message', change.error?.message ?? null);
  }
  if (change.retry !== undefined) {
    put('retry_reason', change.retry?.reason ?? null);
    put('retry_attempt', change.retry?.attempt ?? null);
    put('retry_at', change.retry?.nextAttemptAt ?? null);
  }
  if (change.dismissed !== undefined) put('dismissed', 0);
  if (change.countAttempt) set.push('submission_attempts = submission_attempts + 1');
  return { set, values };
}

/**
 * Runs one guarded status change: it only applies when the generation is in one of `from`,
 * so a late poll cannot drag a finished generation back to "generating".
 */
function transition(db: Library, id: number, from: readonly GenerationStatus[], change: Change, now: number): Generation {
  const { set, values } = setClause(change);
  const sql = `UPDATE generations SET ${[...set, 'updated_at = ?'].join(', ')} WHERE id = ? AND status IN (${from.map(() => '?').join(', ')})`;
  const info = statement(db, sql).run(...values, now, id, ...from);
  const generation = getGeneration(db, id);
  if (info.changes === 0) {
    throw new Failure('conflict', `This generation is already ${generation.status}.`, { id, status: generation.status });
  }
  return generation;
}

/**
 * queued → submitting, counting the attempt (the queue calls this just before createTask). The
 * retry stays: it tells which attempt this is until the answer comes.
 */
export function markSubmitting(db: Library, id: number, now: number = Date.now()): Generation {
  return transition(db, id, ['queued'], { status: 'submitting', countAttempt: true }, now);
}

/** The generation a task id belongs to, if any (a task belongs to one generation only). */
export function taskOwner(db: Library, taskId: string): number | undefined {
  const owner = statement(db, 'SELECT id FROM generations WHERE task_id = ?').get(taskId) as { id: number } | undefined;
  return owner?.id;
}

/** submitting/unknown → waiting, storing the API's task id and which API took it (the Sandbox's runs are simulated). */
export function markSubmitted(
  db: Library,
  id: number,
  taskId: string,
  now: number = Date.now(),
  sentTo: 'kinovi' | 'sandbox' = 'kinovi',
): Generation {
  const owner = taskOwner(db, taskId);
  if (owner !== undefined && owner !== id) {
    throw new Failure('conflict', 'This task already belongs to another generation.', { id, taskId, owner });
  }
  return transition(db, id, ['submitting', 'unknown'], { status: 'waiting', taskId, source: sentTo, submittedAt: now, error: null, retry: null }, now);
}

/** Statuses of a generation the API has accepted and not yet finished with. */
const SENT: readonly GenerationStatus[] = ['waiting', 'generating', 'downloading'];

/** Moves a sent generation along: waiting → generating → downloading (a step forward: the retry is forgotten). */
export function markStatus(db: Library, id: number, status: 'waiting' | 'generating' | 'downloading', now: number = Date.now()): Generation {
  return transition(db, id, SENT, { status, retry: null }, now);
}

/** Records why a sent generation waits to ask or download again (null: the last attempt went through). */
export function setRetry(db: Library, id: number, retry: GenerationRetry | null, now: number = Date.now()): Generation {
  return transition(db, id, SENT, { retry }, now);
}

/** Any unfinished or unknown generation → failed, with the error an artist will read. */
export function markFailed(db: Library, id: number, code: string, message: string, now: number = Date.now()): Generation {
  return transition(
    db, id, [...unfinishedStatuses, 'unknown'],
    { status: 'failed', error: { code, message }, completedAt: now, dismissed: false, retry: null }, now,
  );
}

/** submitting → unknown: createTask went out but no usable answer came back, so it may have been charged. */
export function markUnknown(db: Library, id: number, code: string, message: string, now: number = Date.now()): Generation {
  return transition(db, id, ['submitting'], { status: 'unknown', error: { code, message }, dismissed: false, retry: null }, now);
}

/** A sent generation whose images are all saved → done. */
export function markDone(db: Library, id: number, now: number = Date.now()): Generation {
  return transition(db, id, SENT, { status: 'done', completedAt: now, error: null, retry: null }, now);
}

/**
 * submitting → queued: the API refused the request without creating a task (busy, paused, offline),
 * so it waits its turn again; `retry` says why and when it goes next (null: when the queue resumes).
 */
export function returnToQueue(db: Library, id: number, retry: GenerationRetry | null, now: number = Date.now()): Generation {
  return transition(db, id, ['submitting'], { status: 'queued', retry }, now);
}

/**
 * The artist asked for one image that was not saved (failed, or gone at the server) to be fetched
 * again: the image waits again, and a run that had failed for it goes back to downloading.
 */
export function downloadImageAgain(db: Library, id: number, index: number, now: number = Date.now()): Generation {
  return db.transaction(() => {
    const image = statement(db, "UPDATE images SET state = 'pending', error_message = NULL WHERE generation_id = ? AND idx = ? AND state IN ('failed', 'expired')").run(id, index);
    if (image.changes === 0) throw new Failure('conflict', 'This image is saved already, or is being downloaded.', { id, index });
    const generation = getGeneration(db, id);
    if (generation.status !== 'failed') return generation; // still downloading: the queue's next pass takes it
    return transition(db, id, ['failed'], { status: 'downloading', error: null, completedAt: null, retry: null }, now);
  })();
}

/** queued → cancelled; anything already sent cannot be cancelled (`conflict`). */
export function cancelGeneration(db: Library, id: number, now: number = Date.now()): Generation {
  return transition(db, id, ['queued'], { status: 'cancelled', completedAt: now, retry: null }, now);
}

/** Records what the API charged (0 again after a refund). */
export function setCredits(db: Library, id: number, credits: number, now: number = Date.now()): Generation {
  statement(db, 'UPDATE generations SET credits = ?, updated_at = ? WHERE id = ?').run(credits, now, id);
  return getGeneration(db, id);
}

const rows = (db: Library, sql: string, ...values: unknown[]) => withImages(db, statement(db, sql).all(...values) as GenerationRow[]);

/** Generations still in flight, oldest first, for resuming after a restart. */
export function listUnfinished(db: Library): Generation[] {
  return rows(db, `SELECT ${GENERATION_COLUMNS} FROM generations g WHERE g.status IN (${UNFINISHED}) ORDER BY g.created_at, g.id`);
}

/**
 * The ids of the oldest queued generations, at most `limit`, leaving out `skip` (those waiting out a
 * backoff): what the queue submits next (no images read).
 */
export function nextQueued(db: Library, limit: number, skip: readonly number[] = []): number[] {
  const rows = statement(
    db,
    `SELECT id FROM generations WHERE status = 'queued' AND id NOT IN (SELECT value FROM json_each(?))
     ORDER BY created_at, id LIMIT ?`,
  ).all(JSON.stringify(skip), limit) as { id: number }[];
  return rows.map((row) => row.id);
}

/**
 * The queue panel, oldest first (`belongsInQueue` is the rule). The SQL only narrows to the rows it
 * could apply to, by what the Generation shape does not carry (not binned, not dismissed): runs in
 * flight through the status index, and ended runs of the last days through their list by when they
 * last changed (migration 20), so a library of many old failures is not read whole.
 */
export function listQueue(db: Library, now: number = Date.now()): Generation[] {
  const candidates = rows(
    db,
    `SELECT ${GENERATION_COLUMNS} FROM generations g WHERE g.deleted_at IS NULL AND g.status IN (${UNFINISHED})
     UNION ALL
     SELECT ${GENERATION_COLUMNS} FROM ended_runs e CROSS JOIN generations g WHERE e.updated_at >= ? AND g.id = e.generation_id
     ORDER BY created_at, id`,
    now - QUEUE_ENDED_DAYS * 86_400_000,
  );
  return candidates.filter((generation) => belongsInQueue(generation, now));
}

function forEach(db: Library, ids: readonly number[], run: (id: number) => number): number {
  return db.transaction(() => ids.reduce((changed, id) => changed + run(id), 0))();
}

/** Hides finished generations from the queue panel; returns how many changed. */
export function dismissGenerations(db: Library, ids: readonly number[], now: number = Date.now()): number {
  const update = statement(db, `UPDATE generations SET dismissed = 1, updated_at = ? WHERE id = ? AND status NOT IN (${UNFINISHED})`);
  return forEach(db, ids, (id) => update.run(now, id).changes);
}

/** Moves generations to the bin (undoable); unfinished ones are left alone. Returns the ids moved. */
export function softDelete(db: Library, ids: readonly number[], now: number = Date.now()): number[] {
  const update = statement(
    db,
    `UPDATE generations SET deleted_at = ?, updated_at = ? WHERE id = ? AND deleted_at IS NULL AND status NOT IN (${UNFINISHED})`,
  );
  return db.transaction(() => ids.filter((id) => update.run(now, now, id).changes === 1))();
}

/** Brings back those of `ids` binned at exactly `at` (the undo of one delete, not of a later one); answers them. */
export function restoreStamped(db: Library, ids: readonly number[], at: number, now: number = Date.now()): number[] {
  const update = statement(db, 'UPDATE generations SET deleted_at = NULL, updated_at = ? WHERE id = ? AND deleted_at = ?');
  return db.transaction(() => ids.filter((id) => update.run(now, id, at).changes === 1))();
}

/** Where a generation comes from and what was made from it (children oldest first, binned ones left out). */
export function getLineage(db: Library, id: number): { parent: Generation | null; children: Generation[] } {
  const generation = getGeneration(db, id);
  const parent = generation.parentId === null ? null : (findGeneration(db, generation.parentId) ?? null);
  const children = rows(
    db,
    `SELECT ${GENERATION_COLUMNS} FROM generations g WHERE g.parent_id = ? AND g.deleted_at IS NULL ORDER BY g.created_at, g.id`,
    id,
  );
  return { parent, children };
}

/** The status a generation is in now (cheap: no images). */
export function statusOf(db: Library, id: number): GenerationStatus | undefined {
  const row = statement(db, 'SELECT status FROM generations WHERE id = ?').get(id) as { status: GenerationStatus } | undefined;
  return row?.status;
}
