/**
 * The one set of rules for generation settings: the zod schema every entry point
 * (form, IPC, queue) parses with, and how prompt flags turn settings into what the
 * server will actually use.
 */
import { z } from 'zod';
import { aspectRatios, models, SEED_MAX, type EffectiveParams, type GenerationParams } from './generation.ts';
import { NEGATIVE_PROMPT_MAX_LENGTH, PROMPT_MAX_LENGTH, URL_MAX_LENGTH } from './input-limits.ts';
import {
  aspectRatioMessage,
  fieldLabels,
  qualityMessage,
  wholeNumberMessage,
  type FlagField,
  type WholeNumberField,
} from './param-rules.ts';
import { parsePromptFlags } from './prompt-flags.ts';
import { isReferenceAddress } from './reference.ts';

export { parsePromptFlags, type ParsedPrompt, type PromptFlags } from './prompt-flags.ts';
export { fieldLabels, type FlagField } from './param-rules.ts';

/** Forms send '' or null for a cleared field; both mean "not set". The input type says so, too. */
function optional<T extends z.ZodType>(schema: T) {
  return z.preprocess(
    (value: z.input<T> | '' | null | undefined) => (value === null || (typeof value === 'string' && value.trim() === '') ? undefined : value),
    schema.optional(),
  );
}

function wholeNumber(field: WholeNumberField, max: number) {
  const error = wholeNumberMessage(field);
  return optional(z.number({ error }).int({ error }).min(0, { error }).max(max, { error }));
}

const settingsShape = z.object({
  model: z.enum(models, { error: `Choose a model: ${models.join(', ')}` }),
  prompt: z
    .string({ error: 'Write a prompt: it cannot be empty' })
    .trim()
    .min(1, { error: 'Write a prompt: it cannot be empty' })
    .max(PROMPT_MAX_LENGTH, { error: `The prompt is too long: at most ${PROMPT_MAX_LENGTH} characters` }),
  aspectRatio: optional(z.enum(aspectRatios, { error: aspectRatioMessage })),
  stylize: wholeNumber('stylize', 1000),
  chaos: wholeNumber('chaos', 100),
  weird: wholeNumber('weird', 3000),
  quality: optional(z.literal([0.25, 0.5, 1], { error: qualityMessage })),
  raw: optional(z.boolean({ error: 'Raw style is either on or off' })),
  negativePrompt: optional(
    z
      .string({ error: 'The negative prompt must be text' })
      .trim()
      .max(NEGATIVE_PROMPT_MAX_LENGTH, { error: `The negative prompt is too long: at most ${NEGATIVE_PROMPT_MAX_LENGTH} characters` }),
  ),
  seed: wholeNumber('seed', SEED_MAX),
  referenceImageUrl: optional(
    z
      .string({ error: 'The reference image must be a web address starting with https://' })
      .trim()
      .max(URL_MAX_LENGTH, { error: `The reference image address is too long: at most ${URL_MAX_LENGTH} characters` })
      .refine(isReferenceAddress, { error: 'The reference image must be a web address starting with https://' }),
  ),
});

/** Parses what the artist asked for; cleared fields come out absent, never undefined-valued or null. */
export const generationParamsSchema = settingsShape.transform(
  (settings) => Object.fromEntries(Object.entries(settings).filter(([, value]) => value !== undefined)) as typeof settings,
);

// Compile-time proof that what the schema produces is a GenerationParams.
const _schemaMatchesDomain = (parsed: z.output<typeof generationParamsSchema>): GenerationParams => parsed;

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
