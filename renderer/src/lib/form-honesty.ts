/**
 * What the form shows beyond its own fields: the values prompt flags set (so the lit control is
 * what will be sent), and the settings that differ from the defaults, in one line.
 */
import type { GenerationParams } from '../../../shared/generation.ts';
import type { FlagField } from '../../../shared/param-rules.ts';
import { parsePromptFlags, type PromptFlags } from '../../../shared/prompt-flags.ts';
import { expandPrompt } from '../../../shared/runs/expand.ts';
import { modelNames } from './format.ts';
import type { DraftErrors, DraftFields } from './draft.ts';

export interface PromptSet {
  flags: PromptFlags;
  /** How each flag was typed, e.g. "--ar 16:9", for the "from prompt" title. */
  typed: Partial<Record<FlagField, string>>;
}

/** The flags of the first run the prompt makes (braces expanded): what its controls must show. */
export function promptSettings(prompt: string): PromptSet {
  const expansion = expandPrompt(prompt);
  const first = expansion.ok ? (expansion.prompts[0] ?? prompt) : prompt;
  const parsed = parsePromptFlags(first);
  return { flags: parsed.flags, typed: parsed.flagTexts };
}

/** "raw · no: text, watermark · s 600": every setting that is not the default, flags included. */
export function settingsSummary(params: GenerationParams, flags: PromptFlags): string {
  const p = { ...params, ...flags };
  const parts: string[] = [];
  if (p.model !== 'midjourney-v7') parts.push(modelNames[p.model]);
  if (p.aspectRatio !== undefined && p.aspectRatio !== '1:1') parts.push(p.aspectRatio);
  if (p.raw === true) parts.push('raw');
  if (p.negativePrompt) parts.push(`no: ${p.negativePrompt}`);
  if (p.stylize !== undefined) parts.push(`s ${p.stylize}`);
  if (p.chaos !== undefined) parts.push(`c ${p.chaos}`);
  if (p.weird !== undefined) parts.push(`w ${p.weird}`);
  if (p.quality !== undefined) parts.push(`q ${p.quality}`);
  if (p.seed !== undefined) parts.push(`seed ${p.seed}`);
  if (p.referenceImageUrl) parts.push('reference image');
  return parts.join(' · ');
}

/** The form's fields in the order they are laid out, with the id of each one's input. */
const fieldInputs: [keyof DraftFields, string][] = [
  ['prompt', 'prompt'],
  ['stylize', 'stylize'],
  ['chaos', 'chaos'],
  ['weird', 'weird'],
  ['negativePrompt', 'negative-prompt'],
  ['seed', 'seed'],
  ['referenceImageUrl', 'reference-image'],
];

/** The id of the first input with an error, top to bottom, for Generate to move focus to. */
export function firstInvalidInput(errors: DraftErrors): string | null {
  return fieldInputs.find(([field]) => errors[field] !== undefined)?.[1] ?? null;
}
