/**
 * The runs one Generate press makes: the prompt's permutations and repeats, times the sweep's
 * values. The form counts and prices them with this, and the core builds exactly these. Pure.
 */
import type { GenerationParams } from '../generation.ts';
import { fieldLabels } from '../param-rules.ts';
import { parsePromptFlags } from '../prompt-flags.ts';
import { expandPrompt, MAX_RUNS_PER_ACTION } from './expand.ts';
import { sweepLabels, sweepValueText, withSweepValue, type SweepAxis, type SweepValue } from './sweep.ts';

export interface PlannedRun {
  params: GenerationParams;
  /** The swept values of this run, one per axis (e.g. [600, "16:9"]); empty without a sweep. */
  sweptValues: SweepValue[];
}

export type RunPlan = { ok: true; runs: PlannedRun[] } | { ok: false; message: string };

/**
 * Every run `params` and `sweep` ask for. With a sweep every run shares `sweepSeed` (unless a seed
 * is set), so only the swept setting changes; otherwise an unset seed stays unset and each run gets
 * its own.
 */
export function planRuns(params: GenerationParams, sweep: readonly SweepAxis[] = [], sweepSeed?: number): RunPlan {
  const expansion = expandPrompt(params.prompt);
  if (!expansion.ok) return expansion;
  for (const axis of sweep) {
    const problem = sweepConflict(expansion.prompts, axis);
    if (problem) return { ok: false, message: problem };
  }
  if (sweep.length === 2 && sweep[0]?.parameter === sweep[1]?.parameter) {
    return { ok: false, message: `${sweepLabels[sweep[0]?.parameter ?? 'stylize']} is swept twice; pick two different settings` };
  }
  const combinations = sweep.reduce((total, axis) => total * axis.values.length, 1);
  const total = expansion.prompts.length * combinations;
  if (total > MAX_RUNS_PER_ACTION) {
    return { ok: false, message: `This asks for ${total} runs; at most ${MAX_RUNS_PER_ACTION} can be sent at once. Try fewer values or fewer {options}.` };
  }
  const seed = sweep.length > 0 ? (params.seed ?? sweepSeed) : params.seed;
  const runs: PlannedRun[] = [];
  for (const prompt of expansion.prompts) {
    for (const swept of combine(sweep)) {
      let run: GenerationParams = { ...params, prompt };
      if (seed !== undefined) run.seed = seed;
      sweep.forEach((axis, i) => (run = withSweepValue(run, axis.parameter, swept[i] as SweepValue)));
      runs.push({ params: run, sweptValues: swept });
    }
  }
  return { ok: true, runs };
}

function* combine(sweep: readonly SweepAxis[], index = 0): Generator<SweepValue[]> {
  const axis = sweep[index];
  if (axis === undefined) {
    yield [];
    return;
  }
  for (const rest of combine(sweep, index + 1)) for (const value of axis.values) yield [value, ...rest];
}

/** A flag in the prompt would win over the swept field, so every run would be the same: say so. */
function sweepConflict(prompts: string[], axis: SweepAxis): string | null {
  for (const prompt of prompts) {
    const typed = parsePromptFlags(prompt).flagTexts[axis.parameter];
    if (typed !== undefined) {
      return `${typed} in the prompt would win over the sweep; take it out to sweep ${fieldLabels[axis.parameter].toLowerCase()}`;
    }
  }
  return null;
}

/** A batch's name: its prompt without flags, shortened, and what it sweeps. */
export function batchName(params: GenerationParams, sweep: readonly SweepAxis[] = []): string {
  const words = beforeFlags(params.prompt).replace(/\s+/gu, ' ').trim();
  const short = words.length > 60 ? `${words.slice(0, 59).trimEnd()}…` : words || 'Untitled';
  const swept = sweep.map((axis) => sweepLabels[axis.parameter].toLowerCase()).join(' × ');
  return swept === '' ? short : `${short} · ${swept} sweep`;
}

/** The words before the first flag outside braces: flags come last, and a `--ar {1:1, 16:9}` is not a word. */
function beforeFlags(prompt: string): string {
  let depth = 0;
  for (let i = 0; i < prompt.length; i++) {
    const ch = prompt[i];
    if (ch === '\\') i++;
    else if (ch === '{') depth++;
    else if (ch === '}') depth = Math.max(0, depth - 1);
    else if (depth === 0 && (i === 0 || /\s/u.test(prompt[i - 1] ?? '')) && /^(?:--|\u2014)[^\s-]/u.test(prompt.slice(i, i + 3))) return prompt.slice(0, i);
  }
  return prompt;
}

/** "stylize 600 · v8": how one run differs within its batch. */
export function sweptText(sweep: readonly SweepAxis[], values: readonly SweepValue[]): string {
  return sweep.map((axis, i) => labelOf(axis, values[i])).join(' · ');
}

function labelOf(axis: SweepAxis, value: SweepValue | undefined): string {
  if (value === undefined) return '';
  if (axis.parameter === 'raw' || axis.parameter === 'model' || axis.parameter === 'aspectRatio') return sweepValueText(axis.parameter, value);
  return `${sweepLabels[axis.parameter].toLowerCase()} ${sweepValueText(axis.parameter, value)}`;
}
