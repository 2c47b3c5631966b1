/**
 * Stacks of reruns: generations with the same effective prompt, negative prompt, model, parameters,
 * reference and seed. The one rule of what makes a rerun, for the library's stack key and for the
 * gallery placing a run that has just finished.
 */
import { MIDJOURNEY_DEFAULTS } from './generation.ts';

/** The effective settings reruns share (a run's `EffectiveParams`, or an imported picture's, whose model may be one Atelier cannot run). */
export interface RerunSettings {
  model: string;
  prompt: string;
  negativePrompt: string | null;
  aspectRatio: string;
  stylize: number | null;
  chaos: number | null;
  weird: number | null;
  quality: number | null;
  raw: boolean;
  seed: number;
  referenceImageUrl: string | null;
}

/** A setting given as Midjourney's default reads as left unset: Midjourney used the same value either way. */
const unlessDefault = (value: number | null, fallback: number): number | null => (value === fallback ? null : value);

/**
 * The settings as one text, equal exactly for reruns. Null when the seed is unknown (-1, imported
 * pictures without one): such generations never stack, as two of them need not be reruns. An
 * explicit `--s 100` (or chaos 0, weird 0, quality 1) is a rerun of the same run left at the default,
 * as every search already compares them (migration 18 re-keyed the stacks made before).
 */
export function rerunText(e: RerunSettings): string | null {
  if (e.seed < 0) return null;
  const { stylize, chaos, weird, quality } = MIDJOURNEY_DEFAULTS;
  // a JSON list: unambiguous (no separator can be faked by a prompt)
  return JSON.stringify([
    e.model, e.prompt, e.negativePrompt, e.aspectRatio, unlessDefault(e.stylize, stylize), unlessDefault(e.chaos, chaos),
    unlessDefault(e.weird, weird), unlessDefault(e.quality, quality), e.raw, e.seed, e.referenceImageUrl,
  ]);
}
