import Database from 'better-sqlite3';
import { describe, expect, it } from 'vitest';
import { closeLibrary, libraryPath, openLibrary } from '../../electron/core/library/database.ts';
import { migrate } from '../../electron/core/library/migrations.ts';
import { tempDir } from '../support/temp-dir.ts';
import type { Library } from '../../electron/core/library/database.ts';
import {
  cancelGeneration, dismissGenerations, findGeneration, getGeneration, getLineage, getRequestBody, insertGeneration, listQueue,
  listUnfinished, markDone, markFailed, markStatus, markSubmitted, markSubmitting, markUnknown, nextQueued, restoreStamped,
  returnToQueue, setCredits, setRetry, softDelete,
} from '../../electron/core/library/generations.ts';
import {
  createImages, listImages, markImageDownloaded, markImageExpired, markImageFailed,
} from '../../electron/core/library/images.ts';
import { Failure } from '../../electron/core/failure.ts';
import { addGeneration, newGeneration } from '../support/library.ts';
import { libraryPerTest } from '../support/library-per-test.ts';
import { purgeBinnedBefore } from '../support/purge.ts';

let db: Library;
libraryPerTest((library) => ({ db } = library));

function codeOf(run: () => unknown): string {
  try {
    run();
  } catch (error) {
    if (error instanceof Failure) return error.code;
    throw error;
  }
  return 'no failure';
}

const saved = (id: number, index: number) => ({
  file: `images/${id}-${index}.png`, thumbnail: `thumbnails/${id}-${index}.webp`, bytes: 1000 + index, sha256: 'ab'.repeat(32),
  fileSha256: 'cd'.repeat(32), width: 1024, height: 768,
});

function finished(createdAt: number, prompt: string) {
  const g = addGeneration(db, createdAt, { prompt });
  markSubmitting(db, g.id, createdAt + 1);
  markSubmitted(db, g.id, `task-${g.id}`, createdAt + 2);
  markStatus(db, g.id, 'downloading', createdAt + 3);
  createImages(db, g.id, [0, 1, 2, 3].map((i) => ({ remoteUrl: `https://cdn.example/${g.id}/${i}.png` })));
  for (let i = 0; i < 4; i += 1) markImageDownloaded(db, g.id, i, saved(g.id, i));
  return markDone(db, g.id, createdAt + 4);
}

describe('generations', () => {
  it('stores every parameter and gives back the shared shape, unset ones absent', () => {
    const input = newGeneration(
      { prompt: 'koi pond --ar 16:9', aspectRatio: '1:1', stylize: 250, chaos: 5, weird: 0, quality: 0.5, raw: true, negativePrompt: 'text', seed: 0, referenceImageUrl: 'https://example.com/a.png' },
      { requestBody: { model: 'midjourney-v7', input: { prompt: 'koi pond', sref: ['x'] } } },
    );
    input.effective = { ...input.effective, prompt: 'koi pond', aspectRatio: '16:9' };
    const g = insertGeneration(db, input, 1234);
    expect(g).toEqual({
      id: g.id, params: input.params, effective: input.effective, status: 'queued', errorCode: null, errorMessage: null, taskId: null,
      credits: 0, favorite: false, bestRating: null, culledImages: 0, parentId: null, createdAt: 1234, updatedAt: 1234, submittedAt: null, completedAt: null, retry: null, source: 'kinovi', midjourneyJobId: null, images: [], grid: null,
    });
    const bare = addGeneration(db, 1, { prompt: 'plain' });
    expect(Object.keys(bare.params).sort()).toEqual(['model', 'prompt']);
    expect(JSON.parse(getRequestBody(db, g.id))).toEqual(input.requestBody);
    const exact = '{"model":"midjourney-v7",  "input":{"prompt":"spaced"}}';
    expect(getRequestBody(db, insertGeneration(db, { ...input, requestBody: exact }).id)).toBe(exact);
    expect(findGeneration(db, 999)).toBeUndefined();
    expect(codeOf(() => getGeneration(db, 999))).toBe('not_found');
  });

  it('walks the happy path and refuses transitions that make no sense', () => {
    const g = addGeneration(db, 100, { prompt: 'fox' });
    expect(codeOf(() => markSubmitted(db, g.id, 't1'))).toBe('conflict');
    expect(markSubmitting(db, g.id, 101).status).toBe('submitting');
    expect(codeOf(() => cancelGeneration(db, g.id))).toBe('conflict');
    const submitted = markSubmitted(db, g.id, 't1', 102);
    expect(submitted).toMatchObject({ status: 'waiting', taskId: 't1', submittedAt: 102 });
    expect(markStatus(db, g.id, 'generating', 103).status).toBe('generating');
    expect(setCredits(db, g.id, 12).credits).toBe(12);
    const done = markDone(db, g.id, 104);
    expect(done).toMatchObject({ status: 'done', completedAt: 104, updatedAt: 104 });
    expect(codeOf(() => markStatus(db, g.id, 'generating'))).toBe('conflict');
    expect(codeOf(() => markFailed(db, g.id, 'api_timeout', 'late'))).toBe('conflict');
  });

  it('keeps task ids unique', () => {
    const a = addGeneration(db, 1, { prompt: 'a' });
    const b = addGeneration(db, 2, { prompt: 'b' });
    markSubmitting(db, a.id);
    markSubmitting(db, b.id);
    markSubmitted(db, a.id, 'same');
    expect(codeOf(() => markSubmitted(db, b.id, 'same'))).toBe('conflict');
  });

  it('records failures and unknown outcomes', () => {
    const g = addGeneration(db, 1, { prompt: 'owl' });
    markSubmitting(db, g.id, 2);
    expect(markUnknown(db, g.id, 'api_timeout', 'No answer from Kinovi', 3)).toMatchObject({
      status: 'unknown', errorCode: 'api_timeout', errorMessage: 'No answer from Kinovi',
    });
    expect(markFailed(db, g.id, 'api_server_error', 'Kinovi had a problem', 4)).toMatchObject({
      status: 'failed', errorCode: 'api_server_error', completedAt: 4,
    });
  });

  it('remembers why a generation waits to try again, through a restart, until a step forward or an end', () => {
    const busy = { reason: 'account_busy', attempt: 2, nextAttemptAt: 5_000 } as const;
    const g = addGeneration(db, 1, { prompt: 'patient' });
    const other = addGeneration(db, 2, { prompt: 'other' });
    markSubmitting(db, g.id, 2);
    expect(returnToQueue(db, g.id, busy, 3)).toMatchObject({ status: 'queued', retry: busy });
    expect(nextQueued(db, 5, [g.id])).toEqual([other.id]);
    expect(nextQueued(db, 5)).toEqual([g.id, other.id]);
    // Sending it again keeps the retry (it says which attempt this is) until the answer comes.
    expect(markSubmitting(db, g.id, 4).retry).toEqual(busy);
    expect(markSubmitted(db, g.id, 'task_patient', 5).retry).toBeNull();
    const slow = { reason: 'server_error', attempt: 1, nextAttemptAt: 9_000 } as const;
    expect(setRetry(db, g.id, slow, 6).retry).toEqual(slow);
    expect(getGeneration(db, g.id).retry).toEqual(slow);
    expect(markStatus(db, g.id, 'generating', 7).retry).toBeNull();
    setRetry(db, g.id, slow, 8);
    expect(markFailed(db, g.id, 'api_task_not_found', 'gone', 9).retry).toBeNull();
    expect(codeOf(() => setRetry(db, g.id, slow, 10))).toBe('conflict');
  });

  it('lists unfinished work oldest first and the queue view without dismissed failures', () => {
    const late = addGeneration(db, 300, { prompt: 'late' });
    const early = addGeneration(db, 100, { prompt: 'early' });
    const failed = addGeneration(db, 200, { prompt: 'failed' });
    markSubmitting(db, failed.id);
    markFailed(db, failed.id, 'api_busy', 'busy');
    const cancelled = addGeneration(db, 50, { prompt: 'cancelled' });
    expect(cancelGeneration(db, cancelled.id).status).toBe('cancelled');
    finished(10, 'done');
    expect(listUnfinished(db).map((g) => g.id)).toEqual([early.id, late.id]);
    expect(listQueue(db).map((g) => g.id)).toEqual([early.id, failed.id, late.id]);
    expect(dismissGenerations(db, [failed.id, early.id])).toBe(1);
    expect(listQueue(db).map((g) => g.id)).toEqual([early.id, late.id]);
  });

  it('lets failed and outcome-unknown runs leave the queue view once three days old (issue 10)', () => {
    const day = 86_400_000;
    const now = 100 * day;
    const oldFailure = addGeneration(db, 1, { prompt: 'old failure' });
    markSubmitting(db, oldFailure.id, 2);
    markFailed(db, oldFailure.id, 'api_server_error', 'Kinovi had a problem', now - 4 * day);
    const recentFailure = addGeneration(db, 3, { prompt: 'recent failure' });
    markSubmitting(db, recentFailure.id, 4);
    markFailed(db, recentFailure.id, 'api_server_error', 'Kinovi had a problem', now - 1 * day);
    const oldUnknown = addGeneration(db, 5, { prompt: 'old unknown' });
    markSubmitting(db, oldUnknown.id, 6);
    markUnknown(db, oldUnknown.id, 'api_timeout', 'no answer', now - 4 * day);
    const recentUnknown = addGeneration(db, 7, { prompt: 'recent unknown' });
    markSubmitting(db, recentUnknown.id, 8);
    markUnknown(db, recentUnknown.id, 'api_timeout', 'no answer', now - 2 * day);
    expect(listQueue(db, now).map((g) => g.id)).toEqual([recentFailure.id, recentUnknown.id]);
    // gone from the feed, not from the library
    expect(findGeneration(db, oldFailure.id)?.status).toBe('failed');
    expect(findGeneration(db, oldUnknown.id)?.status).toBe('unknown');
  });


  it("keeps the feed's list of ended runs (migration 20) as the library's rows say, through every change", () => {
    /** What the list must hold: every failed or outcome-unknown run not dismissed and not binned, keyed by when it last changed. */
    const byRule = () =>
      db.prepare("SELECT updated_at, id FROM generations WHERE status IN ('failed', 'unknown') AND dismissed = 0 AND deleted_at IS NULL ORDER BY 1, 2").raw().all();
    const listed = () => db.prepare('SELECT updated_at, generation_id FROM ended_runs ORDER BY 1, 2').raw().all();
    const failedRun = addGeneration(db, 10, { prompt: 'fails' });
    markSubmitting(db, failedRun.id, 11);
    markFailed(db, failedRun.id, 'api_busy', 'busy', 12);
    const unknownRun = addGeneration(db, 20, { prompt: 'unknown' });
    markSubmitting(db, unknownRun.id, 21);
    markUnknown(db, unknownRun.id, 'api_timeout', 'no answer', 22);
    const inFlight = addGeneration(db, 30, { prompt: 'in flight' });
    markSubmitting(db, inFlight.id, 31);
    expect(listed()).toEqual(byRule());
    expect(listed()).toHaveLength(2);
    // a change of anything moves the run to when it last changed; a run that fails joins
    setCredits(db, unknownRun.id, 2, 41);
    markFailed(db, inFlight.id, 'api_busy', 'busy', 42);
    expect(listed()).toEqual(byRule());
    expect(listed()).toEqual([[12, failedRun.id], [41, unknownRun.id], [42, inFlight.id]]);
    dismissGenerations(db, [inFlight.id], 43);
    dismissGenerations(db, [failedRun.id], 50);
    const binned = softDelete(db, [unknownRun.id], 51);
    expect(listed()).toEqual([]);
    restoreStamped(db, binned, 51, 52);
    expect(listed()).toEqual([[52, unknownRun.id]]);
    db.prepare('DELETE FROM generations WHERE id = ?').run(unknownRun.id);
    expect(listed()).toEqual(byRule());
    expect(listed()).toEqual([]);
  });

  it('lists the ended runs a library made before migration 20 already holds', () => {
    const dir = tempDir('atelier-library-v19-');
    try {
      const raw = new Database(libraryPath(dir.path));
      migrate(raw, 19);
      const insert = raw.prepare(
        `INSERT INTO generations (id, model, prompt, effective_model, effective_prompt, effective_aspect_ratio,
           effective_seed, request_body, status, dismissed, created_at, updated_at)
         VALUES (?, 'midjourney-v7', 'lantern', 'midjourney-v7', 'lantern', '1:1', 1, '{}', ?, ?, 1000, ?)`,
      );
      insert.run(1, 'failed', 0, 5000);
      insert.run(2, 'failed', 1, 5001);
      insert.run(3, 'unknown', 0, 5002);
      insert.run(4, 'done', 0, 5003);
      insert.run(5, 'queued', 0, 5004);
      raw.close();
      const old = openLibrary(dir.path);
      expect(old.prepare('SELECT updated_at, generation_id FROM ended_runs ORDER BY 1').raw().all()).toEqual([[5000, 1], [5002, 3]]);
      expect(listQueue(old, 6000).map((g) => g.id)).toEqual([1, 3, 5]);
      closeLibrary(old);
    } finally {
      dir.remove();
    }
  });

  it('reads only the last days of ended runs for the queue view, however many older ones the library holds', () => {
    const day = 86_400_000;
    const now = 1_000 * day;
    for (let i = 0; i < 50; i += 1) {
      const old = addGeneration(db, i, { prompt: `old failure ${i}` });
      markFailed(db, markSubmitting(db, old.id, i).id, 'api_busy', 'busy', i * day);
    }
    const recent = addGeneration(db, 999 * day, { prompt: 'recent failure' });
    markFailed(db, markSubmitting(db, recent.id, 999 * day).id, 'api_busy', 'busy', 999 * day + 1);
    const read = db.prepare('SELECT count(*) FROM ended_runs WHERE updated_at >= ?').pluck();
    expect(read.get(now - 3 * day)).toBe(1);
    expect(listQueue(db, now).map((g) => g.id)).toEqual([recent.id]);
    const plan = (db.prepare(`EXPLAIN QUERY PLAN SELECT g.id FROM ended_runs e CROSS JOIN generations g WHERE e.updated_at >= ? AND g.id = e.generation_id`).all(now) as { detail: string }[]).map((r) => r.detail);
    expect(plan[0]).toMatch(/SEARCH e USING PRIMARY KEY \(updated_at>\?\)/);
  });

  it('bins, restores and purges, returning the files to remove and keeping the spend', () => {
    const a = finished(1000, 'a');
    const b = finished(2000, 'b');
    setCredits(db, a.id, 12);
    const running = addGeneration(db, 3000, { prompt: 'running' });
    expect(softDelete(db, [a.id, b.id, running.id], 5000)).toEqual([a.id, b.id]);
    expect(restoreStamped(db, [b.id], 5000)).toEqual([b.id]);
    expect(purgeBinnedBefore(db, 4000)).toEqual({ ids: [], files: [] });
    const purged = purgeBinnedBefore(db, 6000);
    expect(purged.ids).toEqual([a.id]);
    expect(purged.files.sort()).toEqual([0, 1, 2, 3].flatMap((i) => [`images/${a.id}-${i}.png`, `thumbnails/${a.id}-${i}.webp`]).sort());
    expect(findGeneration(db, a.id)).toBeUndefined();
    expect(db.prepare('SELECT count(*) AS n FROM images WHERE generation_id = ?').get(a.id)).toEqual({ n: 0 });
    expect(db.prepare('SELECT credits FROM credits_spent_archive').all()).toEqual([{ credits: 12 }]);
    expect(getGeneration(db, b.id).status).toBe('done');
  });

  it('follows lineage and survives the parent being purged', () => {
    const parent = finished(1, 'parent');
    const child1 = addGeneration(db, 2, { prompt: 'child one' }, { parentId: parent.id });
    const child2 = addGeneration(db, 3, { prompt: 'child two' }, { parentId: parent.id });
    expect(codeOf(() => addGeneration(db, 4, { prompt: 'orphan' }, { parentId: 999 }))).toBe('not_found');
    const lineage = getLineage(db, parent.id);
    expect(lineage.parent).toBeNull();
    expect(lineage.children.map((g) => g.id)).toEqual([child1.id, child2.id]);
    expect(getLineage(db, child1.id).parent?.id).toBe(parent.id);
    softDelete(db, [parent.id], 10);
    purgeBinnedBefore(db, 11);
    expect(getGeneration(db, child1.id).parentId).toBeNull();
  });
});

describe('images', () => {
  it('creates pending rows and records saved files, expired links and failures', () => {
    const g = addGeneration(db, 1, { prompt: 'a' });
    const images = createImages(db, g.id, [0, 1, 2, 3].map((i) => ({ remoteUrl: `https://cdn.example/${i}.png`, width: 1024, height: 1024 })));
    expect(images.map((i) => [i.index, i.state, i.width])).toEqual([[0, 'pending', 1024], [1, 'pending', 1024], [2, 'pending', 1024], [3, 'pending', 1024]]);
    markImageDownloaded(db, g.id, 0, saved(g.id, 0));
    markImageExpired(db, g.id, 1, 'The link expired');
    markImageFailed(db, g.id, 2, 'Connection reset');
    expect(listImages(db, g.id).map((i) => [i.state, i.errorMessage])).toEqual([
      ['done', null], ['expired', 'The link expired'], ['failed', 'Connection reset'], ['pending', null],
    ]);
    expect(listImages(db, g.id)[0]).toEqual({
      index: 0, file: `images/${g.id}-0.png`, thumbnail: `thumbnails/${g.id}-0.webp`, width: 1024, height: 768, bytes: 1000,
      sha256: 'ab'.repeat(32), fileSha256: 'cd'.repeat(32), remoteUrl: 'https://cdn.example/0.png', state: 'done', errorMessage: null, favorite: false, rating: null, rejected: false,
    });
    // a resumed task offering fresh links does not undo a saved file
    createImages(db, g.id, [0, 1, 2, 3].map((i) => ({ remoteUrl: `https://cdn.example/new-${i}.png` })));
    expect(listImages(db, g.id).map((i) => [i.state, i.remoteUrl])).toEqual([
      ['done', 'https://cdn.example/0.png'], ['pending', 'https://cdn.example/new-1.png'], ['pending', 'https://cdn.example/new-2.png'], ['pending', 'https://cdn.example/new-3.png'],
    ]);
    expect(getGeneration(db, g.id).images).toHaveLength(4);
    expect(codeOf(() => markImageFailed(db, g.id, 9, 'x'))).toBe('not_found');
    expect(codeOf(() => createImages(db, 999, [{ remoteUrl: 'x' }]))).toBe('not_found');
  });
});
