/**
 * A sweep: one setting (or two, an X/Y plot) run over a list or range of values with everything
 * else, the seed included, held still. Reads what the artist types into values; pure, never throws.
 */
import { aspectRatios, models, qualities, type GenerationParams, type Model } from '../generation.ts';
import { fieldLabels, wholeNumberRules } from '../param-rules.ts';
import { MAX_RUNS_PER_ACTION } from './expand.ts';

export const sweepParameters = ['stylize', 'chaos', 'weird', 'quality', 'model', 'aspectRatio', 'raw'] as const;
export type SweepParameter = (typeof sweepParameters)[number];
export type SweepValue = number | string | boolean;

/** One swept setting and the values it takes, in order. */
export interface SweepAxis {
  parameter: SweepParameter;
  values: SweepValue[];
}

/** A swept setting is named as the form names its field. */
export const sweepLabels: Record<SweepParameter, string> = Object.fromEntries(sweepParameters.map((p) => [p, fieldLabels[p]])) as Record<SweepParameter, string>;

/** How the artist may write the values, shown under the field. */
export const sweepExamples: Record<SweepParameter, string> = {
  stylize: '0, 250, 500 or 0 to 1000 step 250',
  chaos: '0, 25, 50 or 0 to 100 step 25',
  weird: '0, 500, 1000 or 0 to 3000 step 1000',
  quality: '0.25, 0.5, 1',
  model: 'v7, v8, niji',
  aspectRatio: '1:1, 16:9, 9:16',
  raw: 'off, on',
};

const modelWords: Record<string, Model> = { v7: 'midjourney-v7', '7': 'midjourney-v7', v8: 'midjourney-v8', '8': 'midjourney-v8', niji: 'midjourney-v7-niji' };
for (const model of models) modelWords[model] = model;

/** A value as the artist reads it on a label: "600", "16:9", "v8", "raw on". */
export function sweepValueText(parameter: SweepParameter, value: SweepValue): string {
  if (parameter === 'raw') return value === true ? 'raw on' : 'raw off';
  if (parameter === 'model') return Object.entries(modelWords).find(([word, model]) => model === value && !word.includes('-') && word.length > 1)?.[0] ?? String(value);
  return String(value);
}

export type SweepValues = { ok: true; values: SweepValue[] } | { ok: false; message: string };

/** Reads "0, 250, 500" or "0 to 1000 step 250" (or model names, ratios, on/off) into values. */
export function readSweepValues(parameter: SweepParameter, typed: string): SweepValues {
  const text = typeof typed === 'string' ? typed.trim() : '';
  const label = sweepLabels[parameter];
  if (text === '') {
    if (parameter === 'raw') return { ok: true, values: [false, true] };
    return { ok: false, message: `Give the ${label.toLowerCase()} values to try, e.g. ${sweepExamples[parameter]}` };
  }
  const range = /^(\d+)\s*(?:to|\.\.)\s*(\d+)\s+step\s+(\d+)$/iu.exec(text);
  let words: string[];
  if (range) {
    if (parameter !== 'stylize' && parameter !== 'chaos' && parameter !== 'weird') {
      return { ok: false, message: `${label} takes a list, e.g. ${sweepExamples[parameter]}` };
    }
    const [from, to, step] = [Number(range[1]), Number(range[2]), Number(range[3])];
    if (step === 0 || to < from) return { ok: false, message: `"${text}": write the lower number first and a step above 0, e.g. ${sweepExamples[parameter]}` };
    if ((to - from) / step + 1 > MAX_RUNS_PER_ACTION) return { ok: false, message: `"${text}" makes more than ${MAX_RUNS_PER_ACTION} values; take a bigger step` };
    words = [];
    for (let v = from; v <= to; v += step) words.push(String(v));
  } else {
    words = text.split(',').map((w) => w.trim()).filter((w) => w !== '');
  }
  if (words.length > MAX_RUNS_PER_ACTION) return { ok: false, message: `At most ${MAX_RUNS_PER_ACTION} values can be swept at once` };
  const values: SweepValue[] = [];
  for (const word of words) {
    const value = readOne(parameter, word);
    if (value === undefined) return { ok: false, message: `"${word}" is not a ${label.toLowerCase()} value; write e.g. ${sweepExamples[parameter]}` };
    if (!values.includes(value)) values.push(value);
  }
  if (values.length < 2) return { ok: false, message: `A sweep needs at least two different values, e.g. ${sweepExamples[parameter]}` };
  return { ok: true, values };
}

function readOne(parameter: SweepParameter, word: string): SweepValue | undefined {
  const lower = word.toLowerCase();
  switch (parameter) {
    case 'stylize':
    case 'chaos':
    case 'weird': {
      const n = /^\d+$/u.test(word) ? Number(word) : Number.NaN;
      return n <= wholeNumberRules[parameter].max ? n : undefined;
    }
    case 'quality':
      return qualities.find((q) => /^\d*\.?\d+$/u.test(word) && q === Number(word));
    case 'model':
      return modelWords[lower];
    case 'aspectRatio':
      return aspectRatios.find((r) => r === word);
    case 'raw':
      return ['on', 'yes', 'true', 'raw'].includes(lower) ? true : ['off', 'no', 'false'].includes(lower) ? false : undefined;
  }
}

/** `params` with one swept value set, as the field would send it. */
export function withSweepValue(params: GenerationParams, parameter: SweepParameter, value: SweepValue): GenerationParams {
  return { ...params, [parameter]: value } as GenerationParams;
}
