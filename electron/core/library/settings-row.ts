/**
 * How a generation's settings are written to its row: as asked (`params`, absent fields NULL) and as
 * the server will use them (`effective`), with the stack key of the latter. One source for both
 * writers of new generations: a run saved from the app (generations.ts) and an imported one
 * (import/import-rows.ts), which keeps whatever text its picture carried.
 */
import type { GenerationParams } from '../../../shared/generation.ts';
import type { RerunSettings } from '../../../shared/stacks.ts';
import { stackKey } from './stacks.ts';

/** The settings columns of `generations`, in the order `settingsValues` answers them. */
export const SETTINGS_COLUMNS = `model, prompt, aspect_ratio, stylize, chaos, weird, quality, raw, negative_prompt, seed,
  reference_image_url, effective_model, effective_prompt, effective_aspect_ratio, effective_stylize, effective_chaos,
  effective_weird, effective_quality, effective_raw, effective_negative_prompt, effective_seed,
  effective_reference_image_url, stack_key`;

/** One `?` for each of SETTINGS_COLUMNS. */
export const SETTINGS_PLACEHOLDERS = SETTINGS_COLUMNS.split(',').map(() => '?').join(', ');

/** Settings as asked: the app's typed ones, or an import's as its picture said them (any field may be absent). */
export type AskedSettings = { model: string; prompt: string } & { [K in Exclude<keyof GenerationParams, 'model' | 'prompt'>]?: unknown };

const nullable = (value: unknown): unknown => (value === undefined ? null : value);
const flag = (value: unknown): number | null => (value === undefined ? null : value ? 1 : 0);

/** The values of SETTINGS_COLUMNS for one generation. */
export function settingsValues(p: AskedSettings, e: RerunSettings): unknown[] {
  return [
    p.model, p.prompt, nullable(p.aspectRatio), nullable(p.stylize), nullable(p.chaos), nullable(p.weird),
    nullable(p.quality), flag(p.raw), nullable(p.negativePrompt), nullable(p.seed), nullable(p.referenceImageUrl),
    e.model, e.prompt, e.aspectRatio, e.stylize, e.chaos, e.weird, e.quality, e.raw ? 1 : 0, e.negativePrompt, e.seed,
    e.referenceImageUrl, stackKey(e),
  ];
}
