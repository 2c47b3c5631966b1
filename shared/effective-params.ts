/**
 * What the server will really use for a run: the settings with the flags typed in the prompt
 * applied over them (as the server does), what overrides what, and what is wrong with the flags.
 */
import type { EffectiveParams, GenerationParams } from './generation.ts';
import { fieldLabels, type FlagField } from './param-rules.ts';
import { parsePromptFlags } from './prompt-flags.ts';

export interface ParamOverride {
  field: FlagField;
  fieldValue: unknown;
  flagValue: unknown;
  /** e.g. "--ar 16:9 in the prompt overrides the Aspect ratio field (1:1)". */
  message: string;
}

export interface ResolvedParams {
  effective: EffectiveParams;
  overrides: ParamOverride[];
  /** Artist-readable sentences: invalid flags, contradictions, a prompt of flags only. */
  problems: string[];
}

/**
 * What the server will really use: flags typed in the prompt win over fields, as they
 * do on the server. `seed` is the seed this run uses when neither field nor flag sets one.
 */
export function resolveEffectiveParams(params: GenerationParams, seed: number): ResolvedParams {
  const parsed = parsePromptFlags(params.prompt);
  const { flags } = parsed;
  const overrides: ParamOverride[] = [];
  const problems = [...parsed.problems];
  if (parsed.prompt === '' && params.prompt.trim() !== '') {
    problems.push('The prompt has only flags: describe what to picture, too');
  }

  for (const field of Object.keys(flags) as FlagField[]) {
    const flagValue = flags[field];
    // raw: false is what an untouched checkbox sends, so only raw: true counts as set.
    const fieldValue = field === 'raw' && params.raw !== true ? undefined : params[field];
    if (fieldValue === undefined || flagValue === undefined || fieldValue === flagValue) continue;
    overrides.push({
      field,
      fieldValue,
      flagValue,
      message: `${parsed.flagTexts[field] ?? ''} in the prompt overrides the ${fieldLabels[field]} field (${String(fieldValue)})`,
    });
  }

  const effective: EffectiveParams = {
    model: flags.model ?? params.model,
    prompt: parsed.prompt,
    aspectRatio: flags.aspectRatio ?? params.aspectRatio ?? '1:1',
    stylize: flags.stylize ?? params.stylize ?? null,
    chaos: flags.chaos ?? params.chaos ?? null,
    weird: flags.weird ?? params.weird ?? null,
    quality: flags.quality ?? params.quality ?? null,
    raw: flags.raw ?? params.raw ?? false,
    negativePrompt: flags.negativePrompt ?? params.negativePrompt ?? null,
    seed: flags.seed ?? params.seed ?? seed,
    referenceImageUrl: params.referenceImageUrl ?? null,
  };
  return { effective, overrides, problems };
}
