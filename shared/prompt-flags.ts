/**
 * Reads the Midjourney `--flags` an artist types into a prompt, so the app can show
 * what the server will really use. Never throws: any text gives a result.
 */
import { aspectRatios, qualities, type AspectRatio, type Model, type Quality } from './generation.ts';
import {
  aspectRatioMessage,
  fieldLabels,
  qualityMessage,
  wholeNumberMessage,
  wholeNumberRules,
  type FlagField,
  type WholeNumberField,
} from './param-rules.ts';

/** Values found in the prompt; a field is present only when a valid flag set it. */
export interface PromptFlags {
  model?: Model;
  aspectRatio?: AspectRatio;
  stylize?: number;
  chaos?: number;
  weird?: number;
  quality?: Quality;
  raw?: boolean;
  negativePrompt?: string;
  seed?: number;
}

export interface ParsedPrompt {
  /** The prompt with every flag (and its value) removed, spaces tidied. */
  prompt: string;
  flags: PromptFlags;
  /** How each found flag was typed, e.g. `--ar 16:9`, for messages. */
  flagTexts: Partial<Record<FlagField, string>>;
  /** Flags Atelier does not know, as typed (with their value when they seem to have one). */
  unknownFlags: string[];
  /** Artist-readable sentences about flags that are wrong or contradict each other. */
  problems: string[];
}

type FlagKind = WholeNumberField | 'aspectRatio' | 'quality' | 'version' | 'no' | 'style' | 'raw' | 'niji';

const flagNames: Record<string, FlagKind> = {
  ar: 'aspectRatio',
  aspect: 'aspectRatio',
  seed: 'seed',
  s: 'stylize',
  stylize: 'stylize',
  c: 'chaos',
  chaos: 'chaos',
  w: 'weird',
  weird: 'weird',
  q: 'quality',
  quality: 'quality',
  v: 'version',
  version: 'version',
  no: 'no',
  style: 'style',
  raw: 'raw',
  niji: 'niji',
};

const versionModels: Record<string, Model> = { '7': 'midjourney-v7', '8': 'midjourney-v8' };

// Two hyphens, or the long dash that macOS and phones substitute for them as you type.
const FLAG_START = /^(?:--|\u2014)(?=[^\s-])/;

/** Splits a prompt into its words and flags; safe on any string (or non-string). */
export function parsePromptFlags(prompt: string): ParsedPrompt {
  const text = typeof prompt === 'string' ? prompt : '';
  const tokens = text.match(/\S+/g) ?? [];
  const isFlag = (token: string | undefined): boolean => token !== undefined && FLAG_START.test(token);
  const result: ParsedPrompt = { prompt: '', flags: {}, flagTexts: {}, unknownFlags: [], problems: [] };
  const words: string[] = [];

  let i = 0;
  while (i < tokens.length) {
    const token = tokens[i] ?? '';
    i++;
    if (!isFlag(token)) {
      words.push(token);
      continue;
    }
    const typed = token.replace(FLAG_START, '--');
    const kind = flagNames[typed.slice(2).toLowerCase()];
    const next = tokens[i];
    const nextValue = next !== undefined && !isFlag(next) ? next : undefined;

    if (kind === undefined) {
      // Unknown flags usually carry a value like `--stop 50` or `--sref https://…`; plain words stay in the prompt.
      const takesValue = nextValue !== undefined && /[\d:/.]/.test(nextValue);
      if (takesValue) i++;
      result.unknownFlags.push(takesValue ? `${typed} ${nextValue}` : typed);
      continue;
    }
    if (kind === 'raw') {
      record(result, 'raw', true, typed);
      continue;
    }
    if (kind === 'niji') {
      if (nextValue !== undefined && /^\d+(?:\.\d+)?$/.test(nextValue)) {
        i++;
        if (Number(nextValue) !== 7) {
          result.problems.push(`${typed} ${nextValue}: only Niji 7 is available, so Niji 7 is used`);
        }
        record(result, 'model', 'midjourney-v7-niji', `${typed} ${nextValue}`);
      } else {
        record(result, 'model', 'midjourney-v7-niji', typed);
      }
      continue;
    }
    if (kind === 'no') {
      const parts: string[] = [];
      while (i < tokens.length && !isFlag(tokens[i])) parts.push(tokens[i++] ?? '');
      const value = parts.join(' ').replace(/[\s,]+$/, '');
      if (value === '') result.problems.push(`${typed} needs the things to leave out, e.g. ${typed} text, watermark`);
      else record(result, 'negativePrompt', value, `${typed} ${value}`);
      continue;
    }
    if (nextValue === undefined) {
      result.problems.push(`${typed} needs a value, e.g. ${typed} ${exampleValue(kind)}`);
      continue;
    }
    i++;
    readValue(result, kind, typed, nextValue);
  }
  result.prompt = words.join(' ');
  return result;
}

function readValue(result: ParsedPrompt, kind: Exclude<FlagKind, 'no' | 'raw' | 'niji'>, typed: string, value: string): void {
  const asTyped = `${typed} ${value}`;
  switch (kind) {
    case 'aspectRatio': {
      const ratio = aspectRatios.find((r) => r === value);
      if (ratio) record(result, 'aspectRatio', ratio, asTyped);
      else result.problems.push(`${asTyped}: ${aspectRatioMessage}`);
      return;
    }
    case 'quality': {
      const quality = /^\d*\.?\d+$/.test(value) ? qualities.find((q) => q === Number(value)) : undefined;
      if (quality !== undefined) record(result, 'quality', quality, asTyped);
      else result.problems.push(`${asTyped}: ${qualityMessage}`);
      return;
    }
    case 'version': {
      const model = versionModels[value.replace(/\.0$/, '')];
      if (model) record(result, 'model', model, asTyped);
      else result.problems.push(`${asTyped}: only versions 7 and 8 are available (or --niji for Niji 7)`);
      return;
    }
    case 'style':
      if (value.toLowerCase() === 'raw') record(result, 'raw', true, asTyped);
      else result.problems.push(`${asTyped}: only --style raw is available`);
      return;
    default: {
      const number = /^\d+$/.test(value) ? Number(value) : Number.NaN;
      if (Number.isSafeInteger(number) && number <= wholeNumberRules[kind].max) record(result, kind, number, asTyped);
      else result.problems.push(`${asTyped}: ${wholeNumberMessage(kind)}`);
    }
  }
}

function record<F extends FlagField>(result: ParsedPrompt, field: F, value: NonNullable<PromptFlags[F]>, typed: string): void {
  const earlier = result.flagTexts[field];
  if (earlier !== undefined && result.flags[field] !== value) {
    result.problems.push(`${fieldLabels[field]} is set twice in the prompt (${earlier}, then ${typed}); the last one counts`);
  }
  result.flags[field] = value;
  result.flagTexts[field] = typed;
}

function exampleValue(kind: FlagKind): string {
  const examples: Partial<Record<FlagKind, string>> = {
    aspectRatio: '16:9',
    quality: '1',
    version: '7',
    style: 'raw',
    seed: '1234',
    stylize: '250',
    chaos: '20',
    weird: '250',
  };
  return examples[kind] ?? '1';
}
