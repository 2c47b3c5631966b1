/**
 * A sweep's results as a labelled grid (A1111's X/Y plot): the first swept setting across, the
 * second, if any, down; each cell the run made with that pair of values. Pure, never throws.
 */
import type { EffectiveParams, GenerationStatus } from '../generation.ts';
import { sweptText } from './plan.ts';
import { sweepLabels, type SweepAxis, type SweepValue } from './sweep.ts';

/** One run of the sweep as the grid needs it. */
export interface SweepRun {
  id: number;
  status: GenerationStatus;
  effective: EffectiveParams;
}

/** A heading: the setting swept along that side of the grid and each value's label. */
export interface SweepSide {
  setting: string;
  labels: string[];
}

export interface SweepGrid {
  /** The first swept setting, one column per value. */
  across: SweepSide;
  /** The second swept setting, one row per value; null for a one-setting sweep (one row). */
  down: SweepSide | null;
  /** cells[row][column]: the run made with those values, or null where no run has them. */
  cells: (SweepRun | null)[][];
}

function side(axis: SweepAxis): SweepSide {
  return { setting: sweepLabels[axis.parameter], labels: axis.values.map((value) => sweptText([axis], [value])) };
}

/** Lays the runs of a sweep out by their values; runs whose values are not on an axis are left out. */
export function sweepGrid(sweep: readonly SweepAxis[], runs: readonly SweepRun[]): SweepGrid | null {
  const [x, y] = sweep;
  if (!x) return null;
  const rows = y ? y.values : [undefined];
  const valueOf = (run: SweepRun, axis: SweepAxis): SweepValue | undefined => run.effective[axis.parameter] as SweepValue | undefined;
  const cells = rows.map((yValue) =>
    x.values.map((xValue) => runs.find((run) => valueOf(run, x) === xValue && (y === undefined || valueOf(run, y) === yValue)) ?? null),
  );
  return { across: side(x), down: y ? side(y) : null, cells };
}
