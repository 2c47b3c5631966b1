import type { SweepAxis } from './sweep.ts';

/** A batch: the runs one Generate press made, found (`batch:12` in the search) and cancelled as one. */
export interface Batch {
  id: number;
  /** Derived from the prompt, e.g. "a lighthouse at dusk · stylize sweep". */
  name: string;
  /** What the batch sweeps, in order; empty for permutations and repeats. */
  sweep: SweepAxis[];
  /** Unix milliseconds. */
  createdAt: number;
}
