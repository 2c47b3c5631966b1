/**
 * A count nobody waits for any more stops part way. The gallery's total of a common word reads
 * 0.2-3 s at 1M (every match's row, tens of MB from disk when cold), on the cores and the disk the
 * window needs: counted on while the artist typed the next word, it held that word's grid up by
 * 100-700 ms (bench:ui). SQLite cannot be interrupted from another thread through better-sqlite3,
 * so the count's own SQL asks: at every 1024th row it visits it calls a function the thread defines,
 * which throws once the core has raised the thread's stop count past the one the job was asked at.
 * A count visits 10^5-10^6 rows a second, so it stops within a few milliseconds.
 */
import { Failure } from '../failure.ts';
import type { Library } from './database.ts';

/** The condition a stoppable query adds first (so every row it visits passes it): true, or a throw once stopped. */
export const STILL_WANTED = '(g.id & 1023 <> 0 OR atelier_still_wanted())';

/** What a stopped job answers: the renderer drops answers to searches it has replaced anyway. */
export const stopped = () => new Failure('conflict', 'A newer search replaced this count.');

/** A thread's stop count, shared with the core: raising it stops every job asked before. */
export class StopCount {
  readonly buffer: SharedArrayBuffer;
  readonly #count: Int32Array;

  constructor(buffer = new SharedArrayBuffer(4)) {
    this.buffer = buffer;
    this.#count = new Int32Array(buffer);
  }

  get now(): number {
    return Atomics.load(this.#count, 0);
  }

  /** Stops the jobs asked until now (on the core). */
  raise(): void {
    Atomics.add(this.#count, 0, 1);
  }
}

/**
 * Defines, on a stoppable thread's connection, the function STILL_WANTED calls: it throws `stopped()`
 * once the stop count is no longer `asked()`, the count the job under way was asked at.
 */
export function defineStillWanted(db: Library, stops: StopCount, asked: () => number): void {
  db.function('atelier_still_wanted', { deterministic: false }, () => {
    if (stops.now !== asked()) throw stopped();
    return 1;
  });
}
