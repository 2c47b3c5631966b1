/**
 * What differs between generations' settings, the one source for compare's "Differences" table
 * and lineage's sentence ("stylize 600 → 50, seed kept").
 */
import { MIDJOURNEY_DEFAULTS, modelNames, type EffectiveParams } from './generation.ts';

export type ComparedKey = keyof EffectiveParams;

/** Every setting compare shows, in the order the artist reads them, each as text. */
export const comparedParameters: readonly { key: ComparedKey; label: string; show(settings: EffectiveParams): string }[] = [
  { key: 'prompt', label: 'Prompt', show: (s) => s.prompt },
  { key: 'model', label: 'Model', show: (s) => modelNames[s.model] },
  { key: 'aspectRatio', label: 'Aspect ratio', show: (s) => s.aspectRatio },
  { key: 'stylize', label: 'Stylize', show: (s) => orDefault(s.stylize, MIDJOURNEY_DEFAULTS.stylize) },
  { key: 'chaos', label: 'Chaos', show: (s) => orDefault(s.chaos, MIDJOURNEY_DEFAULTS.chaos) },
  { key: 'weird', label: 'Weird', show: (s) => orDefault(s.weird, MIDJOURNEY_DEFAULTS.weird) },
  { key: 'quality', label: 'Quality', show: (s) => orDefault(s.quality, MIDJOURNEY_DEFAULTS.quality) },
  { key: 'raw', label: 'Raw style', show: (s) => (s.raw ? 'on' : 'off') },
  { key: 'negativePrompt', label: 'Negative prompt', show: (s) => s.negativePrompt ?? 'none' },
  { key: 'referenceImageUrl', label: 'Reference image', show: (s) => s.referenceImageUrl ?? 'none' },
  { key: 'seed', label: 'Seed', show: (s) => String(s.seed) },
];

/**
 * Unset and Midjourney's own default read the same ("100 (default)"): the same picture to the
 * service, one stack in the library (`shared/stacks.ts`), so compare and lineage never call them a change.
 */
function orDefault(value: number | null, fallback: number): string {
  const shown = value ?? fallback;
  return shown === fallback ? `${shown} (default)` : String(shown);
}

export interface ParameterRow {
  key: ComparedKey;
  label: string;
  /** One value per compared generation, in their order. */
  values: string[];
  /** True when not every generation has the same value. */
  differs: boolean;
}

/** One row per setting for the generations compared; `differs` marks the rows to highlight. */
export function parameterRows(settings: readonly EffectiveParams[]): ParameterRow[] {
  return comparedParameters.map(({ key, label, show }) => {
    const values = settings.map(show);
    return { key, label, values, differs: values.some((value) => value !== values[0]) };
  });
}

export interface WordChange {
  kind: 'same' | 'added' | 'removed';
  text: string;
}

/** Longer prompts than this (in words, after the common start and end) are compared as a whole, so a diff never stalls the page. */
const WORD_DIFF_LIMIT = 2000;

/** The words of `after` against `before`: kept, added and removed, in reading order (a longest-common-subsequence diff). */
export function wordDiff(before: string, after: string): WordChange[] {
  const a = words(before);
  const b = words(after);
  let start = 0;
  while (start < a.length && start < b.length && a[start] === b[start]) start++;
  let end = 0;
  while (end < a.length - start && end < b.length - start && a[a.length - 1 - end] === b[b.length - 1 - end]) end++;
  const midA = a.slice(start, a.length - end);
  const midB = b.slice(start, b.length - end);
  const middle: WordChange[] =
    midA.length > WORD_DIFF_LIMIT || midB.length > WORD_DIFF_LIMIT
      ? [...midA.map((text) => ({ kind: 'removed' as const, text })), ...midB.map((text) => ({ kind: 'added' as const, text }))]
      : lcsDiff(midA, midB);
  return [...a.slice(0, start).map(same), ...middle, ...a.slice(a.length - end).map(same)];
}

function same(text: string): WordChange {
  return { kind: 'same', text };
}

function words(text: string): string[] {
  return text.split(/\s+/).filter((word) => word !== '');
}

function lcsDiff(a: string[], b: string[]): WordChange[] {
  const width = b.length + 1;
  // lengths[i * width + j]: the longest common run of a[i..] and b[j..].
  const lengths = new Uint16Array((a.length + 1) * width);
  for (let i = a.length - 1; i >= 0; i--) {
    for (let j = b.length - 1; j >= 0; j--) {
      lengths[i * width + j] = a[i] === b[j] ? (lengths[(i + 1) * width + j + 1] ?? 0) + 1 : Math.max(lengths[(i + 1) * width + j] ?? 0, lengths[i * width + j + 1] ?? 0);
    }
  }
  const changes: WordChange[] = [];
  let i = 0;
  let j = 0;
  while (i < a.length || j < b.length) {
    if (i < a.length && j < b.length && a[i] === b[j]) {
      changes.push(same(a[i++] ?? ''));
      j++;
    } else if (j < b.length && (i === a.length || (lengths[i * width + j + 1] ?? 0) >= (lengths[(i + 1) * width + j] ?? 0))) {
      changes.push({ kind: 'added', text: b[j++] ?? '' });
    } else {
      changes.push({ kind: 'removed', text: a[i++] ?? '' });
    }
  }
  return changes;
}

/** Consecutive added (or removed) words as phrases: "neon sign", not "neon", "sign". */
function phrases(changes: WordChange[], kind: 'added' | 'removed'): string[] {
  const found: string[] = [];
  let run: string[] = [];
  for (const change of [...changes, same('')]) {
    if (change.kind === kind) run.push(change.text);
    else if (run.length > 0) {
      found.push(run.join(' '));
      run = [];
    }
  }
  return found;
}

function promptChange(before: string, after: string): string {
  const changes = wordDiff(before, after);
  const added = phrases(changes, 'added').map((text) => `+“${text}”`);
  const removed = phrases(changes, 'removed').map((text) => `−“${text}”`);
  return `prompt ${[...added, ...removed].join(' ')}`;
}

/**
 * What changed from a parent's settings to a child's, in words: "stylize 600 → 50, seed kept",
 * "prompt +“neon”, new seed", "same settings, seed kept".
 */
export function changesInWords(parent: EffectiveParams, child: EffectiveParams): string {
  const changes: string[] = [];
  for (const row of parameterRows([parent, child])) {
    if (!row.differs || row.key === 'seed') continue;
    const [before = '', after = ''] = row.values;
    if (row.key === 'prompt') changes.push(promptChange(before, after));
    else if (row.key === 'referenceImageUrl') changes.push(after === 'none' ? 'reference image removed' : before === 'none' ? 'reference image added' : 'reference image changed');
    else changes.push(`${row.label.toLowerCase()} ${before} → ${after}`);
  }
  const seed = parent.seed === child.seed ? 'seed kept' : 'new seed';
  return changes.length === 0 ? `same settings, ${seed}` : `${changes.join(', ')}, ${seed}`;
}
