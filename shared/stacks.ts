/**
 * Stacks of reruns: generations with the same effective prompt, negative prompt, model, parameters,
 * reference and seed. The one rule of what makes a rerun, for the library's stack key and for the
 * gallery placing a run that has just finished.
 */

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

/**
 * The settings as one text, equal exactly for reruns. Null when the seed is unknown (-1, imported
 * pictures without one): such generations never stack, as two of them need not be reruns.
 */
export function rerunText(e: RerunSettings): string | null {
  if (e.seed < 0) return null;
  // a JSON list: unambiguous (no separator can be faked by a prompt)
  return JSON.stringify([e.model, e.prompt, e.negativePrompt, e.aspectRatio, e.stylize, e.chaos, e.weird, e.quality, e.raw, e.seed, e.referenceImageUrl]);
}
