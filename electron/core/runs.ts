/**
 * Turning what the artist asked for into runs to save: one run (`generation:create`) or a batch of
 * expanded runs (`batch:create`), with the same seed rule, flag check and createTask body for both.
 */
import { randomInt } from 'node:crypto';
import { SEED_MAX, type GenerationParams } from '../../shared/generation.ts';
import { resolveEffectiveParams } from '../../shared/effective-params.ts';
import { generationParamsSchema } from '../../shared/params.ts';
import { batchName, planRuns } from '../../shared/runs/plan.ts';
import type { SweepAxis } from '../../shared/runs/sweep.ts';
import { Failure } from './failure.ts';
import { createTaskBodyText } from './kinovi/index.ts';
import type { NewGeneration } from './library/generations.ts';

/** A seed for a run the artist left unseeded, so that "rerun with the same seed" can repeat it. */
export const randomSeed = (): number => randomInt(0, SEED_MAX + 1);

/** A run ready to save: its seed chosen, its prompt flags checked, its createTask body built once. */
export function prepareRun(params: GenerationParams, parentId?: number, label = '', source: NewGeneration['source'] = 'kinovi'): NewGeneration {
  const seed = params.seed ?? randomSeed();
  const resolved = resolveEffectiveParams(params, seed);
  if (resolved.problems.length > 0) {
    throw new Failure('invalid_input', `${label}${resolved.problems.join(' ')}`, { problems: resolved.problems });
  }
  return { params: { ...params, seed }, effective: resolved.effective, requestBody: createTaskBodyText(params, seed), parentId: parentId ?? null, source };
}

/**
 * The runs of one bulk action, each checked by the one parameter schema, or a Failure in words
 * naming the run that cannot be sent (so nothing is saved).
 */
export function prepareBatch(
  params: GenerationParams,
  sweep: readonly SweepAxis[],
  parentId?: number,
  source: NewGeneration['source'] = 'kinovi',
): { name: string; runs: NewGeneration[] } {
  const plan = planRuns(params, sweep, randomSeed());
  if (!plan.ok) throw new Failure('invalid_input', plan.message);
  const runs = plan.runs.map((run, i) => {
    const label = plan.runs.length > 1 ? `Run ${i + 1} (“${run.params.prompt.slice(0, 60)}”): ` : '';
    const parsed = generationParamsSchema.safeParse(run.params);
    if (!parsed.success) throw new Failure('invalid_input', `${label}${parsed.error.issues[0]?.message ?? 'these settings cannot be sent'}`);
    return prepareRun(parsed.data, parentId, label, source);
  });
  return { name: batchName(params, sweep), runs };
}
