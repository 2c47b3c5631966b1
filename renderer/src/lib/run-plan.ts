/**
 * How many runs the form will send and what they cost, before Generate is pressed: the shared
 * planner over the draft and its sweep, so the number shown is the number sent.
 */
import { planRuns } from '../../../shared/runs/plan.ts';
import { readSweepValues, sweepLabels, type SweepAxis, type SweepParameter } from '../../../shared/runs/sweep.ts';
import { looseParams, type DraftFields } from './draft.ts';

/** One sweep row of the form: the setting and its values as typed. */
export interface SweepDraft {
  parameter: SweepParameter;
  values: string;
}

export type SweepRead = { ok: true; axes: SweepAxis[] } | { ok: false; message: string; index: number };

/** The form's sweep rows as axes, or the first row's problem in words. */
export function readSweeps(drafts: readonly SweepDraft[]): SweepRead {
  const axes: SweepAxis[] = [];
  for (const [index, draft] of drafts.entries()) {
    const read = readSweepValues(draft.parameter, draft.values);
    if (!read.ok) return { ok: false, message: `Sweep ${sweepLabels[draft.parameter].toLowerCase()}: ${read.message}`, index };
    axes.push({ parameter: draft.parameter, values: read.values });
  }
  return { ok: true, axes };
}

export type DraftPlan = { ok: true; runs: number; axes: SweepAxis[] } | { ok: false; message: string };

/** The number of runs the draft makes now, or why it cannot be sent as it stands. */
export function planDraft(fields: DraftFields, sweeps: readonly SweepDraft[]): DraftPlan {
  const read = readSweeps(sweeps);
  if (!read.ok) return read;
  const plan = planRuns(looseParams(fields), read.axes, 0);
  return plan.ok ? { ok: true, runs: plan.runs.length, axes: read.axes } : plan;
}
