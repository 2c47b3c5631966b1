/**
 * A stepped fill's transaction stops at STEP_MS even when its rows are slow to write (pages cold on
 * disk), though never before LEAST_ROWS: the mark then sits just past the last row written, so the
 * next step carries on there and nothing is skipped or written twice. Slowness here is a write that spins well past the step's
 * budget, so the outcome does not depend on how fast this machine is. A fill copies its log back
 * about once a second, not at every rest, so the log starts over (and syncs its header) about once
 * a second too, by the fill itself.
 */
import { readFileSync } from 'node:fs';
import { performance } from 'node:perf_hooks';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { libraryPath } from '../../electron/core/library/database.ts';
import { CHECKPOINT_MS, fillInSteps, LEAST_ROWS, markOf, REST_MS, STEP_MS, writeInTime } from '../../electron/core/library/in-steps.ts';
import { tempLibrary } from '../support/library.ts';

let library: ReturnType<typeof tempLibrary>;
beforeEach(() => {
  library = tempLibrary();
  library.db.prepare('INSERT INTO stack_backfill (id, below) VALUES (1, 101)').run();
});
afterEach(() => library.close());

/** Rows 100 down to 1, as a step reads them below the mark. */
const rows = Array.from({ length: 100 }, (_, i) => ({ id: 100 - i }));

function spin(ms: number): void {
  const until = performance.now() + ms;
  while (performance.now() < until) {
    // a write whose pages come from a cold disk
  }
}

describe('writeInTime', () => {
  it('stops a slow step after its time and leaves the mark just past the last row written', () => {
    const written: number[] = [];
    const done = writeInTime(library.db, 'stack_backfill', rows, rows.length, performance.now(), (row) => {
      written.push(row.id);
      spin(STEP_MS / 2);
    });
    // each row takes half the budget: the step ends right after its least rows, never all 100
    expect(done).toBe(written.length);
    expect(done).toBe(LEAST_ROWS);
    expect(done).toBeLessThan(rows.length);
    expect(markOf(library.db, 'stack_backfill')).toBe(written.at(-1));
  });

  it('walks every row exactly once over steps that each stop early', () => {
    const written: number[] = [];
    let steps = 0;
    let below = markOf(library.db, 'stack_backfill');
    while (below !== undefined) {
      const next = rows.filter((row) => row.id < (below as number)).slice(0, 40);
      writeInTime(library.db, 'stack_backfill', next, 40, performance.now(), (row) => {
        written.push(row.id);
        spin(STEP_MS / 4);
      });
      steps += 1;
      below = markOf(library.db, 'stack_backfill');
    }
    expect(written).toEqual(rows.map((row) => row.id));
    // each step stopped after its least rows, short of the 40 it was given
    expect(steps).toBe(Math.ceil(rows.length / LEAST_ROWS));
  });

  it('a quick step writes its whole batch and moves the mark as before, ending the fill when fewer rows came', () => {
    // the step's clock starts far ahead: however the machine pauses this thread, it is never over its time
    const never = performance.now() + 1e9;
    const first = writeInTime(library.db, 'stack_backfill', rows.slice(0, 60), 60, never, () => {});
    expect(first).toBe(60);
    expect(markOf(library.db, 'stack_backfill')).toBe(41);
    const last = writeInTime(library.db, 'stack_backfill', rows.slice(60), 60, never, () => {});
    expect(last).toBe(40);
    expect(markOf(library.db, 'stack_backfill')).toBeUndefined();
  });
});

describe('fillInSteps', () => {
  /** Times the write-ahead log has started over: its header's checkpoint sequence (bytes 12-15), one more at each start over (SQLite's wal.c). */
  const startsOver = () => readFileSync(`${libraryPath(library.dataDir)}-wal`).readUInt32BE(12);

  it('copies its log back about once a second and once when done, not after every step', async () => {
    const write = library.db.prepare('UPDATE stack_backfill SET below = below - 1 WHERE id = 1');
    write.run();
    library.db.pragma('wal_checkpoint(PASSIVE)');
    write.run();
    const before = startsOver();
    const steps = 40;
    const began = performance.now();
    const report = await fillInSteps({
      db: library.db,
      ready: () => (markOf(library.db, 'stack_backfill') as number) <= 101 - 2 - steps,
      step: () => write.run().changes,
      batch: { start: 1, min: 1, max: 1 },
    });
    const seconds = (performance.now() - began) / CHECKPOINT_MS;
    expect(report.steps).toBe(steps);
    // the rests alone take longer than one copy's wait
    expect(seconds).toBeGreaterThan((steps * REST_MS) / CHECKPOINT_MS);
    // a copy at every rest started the log over at each next step: 39 times here
    const during = startsOver() - before;
    expect(during).toBeGreaterThanOrEqual(1);
    expect(during).toBeLessThanOrEqual(Math.ceil(seconds) + 1);
    // the last copy took all of it and the fill started the log over itself: the next commit (the
    // core's) appends to it, with no header to sync
    write.run();
    expect(startsOver() - before).toBe(during);
  });
});
