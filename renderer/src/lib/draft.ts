/**
 * The generate form as typed (numbers still text, so "12a" can be shown and explained) and
 * what the one shared schema is asked to parse (the check itself is draft-check.ts).
 */
import type { AspectRatio, Generation, GenerationParams, Model, Quality } from '../../../shared/generation.ts';

export interface DraftFields {
  prompt: string;
  model: Model;
  /** null: not chosen, the server's default (1:1). */
  aspectRatio: AspectRatio | null;
  stylize: string;
  chaos: string;
  weird: string;
  quality: Quality | null;
  raw: boolean;
  negativePrompt: string;
  /** Empty: Atelier picks a random seed for each run. */
  seed: string;
  referenceImageUrl: string;
}

export type DraftErrors = Partial<Record<keyof DraftFields, string>>;

export const emptyDraft: DraftFields = {
  prompt: '',
  model: 'midjourney-v7',
  aspectRatio: null,
  stylize: '',
  chaos: '',
  weird: '',
  quality: null,
  raw: false,
  negativePrompt: '',
  seed: '',
  referenceImageUrl: '',
};

const numberOrEmpty = (text: string): number | string => (text.trim() === '' ? '' : Number(text));

/** What the schema is asked to parse; it decides what is valid, the form only shows its words. */
export function draftCandidate(f: DraftFields): Record<string, unknown> {
  return {
    model: f.model,
    prompt: f.prompt,
    aspectRatio: f.aspectRatio ?? undefined,
    stylize: numberOrEmpty(f.stylize),
    chaos: numberOrEmpty(f.chaos),
    weird: numberOrEmpty(f.weird),
    quality: f.quality ?? undefined,
    raw: f.raw ? true : undefined,
    negativePrompt: f.negativePrompt,
    seed: numberOrEmpty(f.seed),
    referenceImageUrl: f.referenceImageUrl,
  };
}

const text = (n: number | undefined | null): string => (n === undefined || n === null ? '' : String(n));

/** A finished generation's settings as a new draft (the seed it really used, so a rerun can repeat it). */
export function draftFromGeneration(g: Generation): DraftFields {
  const p = g.params;
  return {
    prompt: p.prompt,
    model: p.model,
    aspectRatio: p.aspectRatio ?? null,
    stylize: text(p.stylize),
    chaos: text(p.chaos),
    weird: text(p.weird),
    quality: p.quality ?? null,
    raw: p.raw ?? false,
    negativePrompt: p.negativePrompt ?? '',
    seed: text(p.seed ?? g.effective.seed),
    referenceImageUrl: p.referenceImageUrl ?? '',
  };
}

const wholeOrAbsent = (value: string): number | undefined => {
  const n = Number(value);
  return value.trim() !== '' && Number.isInteger(n) ? n : undefined;
};

/** The draft as params even while some fields are invalid, for the override notes. */
export function looseParams(f: DraftFields): GenerationParams {
  return {
    model: f.model,
    prompt: f.prompt,
    aspectRatio: f.aspectRatio ?? undefined,
    stylize: wholeOrAbsent(f.stylize),
    chaos: wholeOrAbsent(f.chaos),
    weird: wholeOrAbsent(f.weird),
    quality: f.quality ?? undefined,
    raw: f.raw,
    negativePrompt: f.negativePrompt.trim() || undefined,
    seed: wholeOrAbsent(f.seed),
  };
}
