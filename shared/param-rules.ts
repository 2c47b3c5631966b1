/**
 * The limits of each generation setting and how to say them to an artist. The form
 * schema and the prompt-flag parser share these so both speak the same words.
 */
import { aspectRatios, qualities, SEED_MAX, type GenerationParams } from './generation.ts';

export type WholeNumberField = 'stylize' | 'chaos' | 'weird' | 'seed';

export const wholeNumberRules: Record<WholeNumberField, { label: string; max: number }> = {
  stylize: { label: 'Stylize', max: 1000 },
  chaos: { label: 'Chaos', max: 100 },
  weird: { label: 'Weird', max: 3000 },
  seed: { label: 'Seed', max: SEED_MAX },
};

/** The fields a prompt flag can set, named as in GenerationParams. */
export type FlagField = Exclude<keyof GenerationParams, 'prompt' | 'referenceImageUrl'>;

export const fieldLabels: Record<FlagField, string> = {
  model: 'Model',
  aspectRatio: 'Aspect ratio',
  stylize: 'Stylize',
  chaos: 'Chaos',
  weird: 'Weird',
  quality: 'Quality',
  raw: 'Raw style',
  negativePrompt: 'Negative prompt',
  seed: 'Seed',
};

/** One sentence per limit, reused by the form and by the flag parser. */
export function wholeNumberMessage(field: WholeNumberField): string {
  const rule = wholeNumberRules[field];
  return `${rule.label} must be a whole number from 0 to ${rule.max}`;
}

export const aspectRatioMessage = `Aspect ratio must be one of ${aspectRatios.join(', ')}`;
export const qualityMessage = `Quality must be ${qualities.slice(0, -1).join(', ')} or ${qualities[qualities.length - 1]}`;
