/**
 * The one set of rules for generation settings: the zod schema every entry point (form, IPC,
 * queue) parses with. How prompt flags turn settings into what the server will actually use is
 * `effective-params.ts` (no zod: the window's start shows it before the form's check loads).
 */
import { z } from 'zod';
import { aspectRatios, models, SEED_MAX, type GenerationParams } from './generation.ts';
import { NEGATIVE_PROMPT_MAX_LENGTH, PROMPT_MAX_LENGTH, URL_MAX_LENGTH } from './input-limits.ts';
import {
  aspectRatioMessage,
  qualityMessage,
  wholeNumberMessage,
  type WholeNumberField,
} from './param-rules.ts';
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
