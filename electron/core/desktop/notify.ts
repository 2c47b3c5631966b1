import type { Generation, GenerationStatus } from '../../../shared/generation.ts';
import { unfinishedStatuses } from '../../../shared/generation.ts';

export interface FinishNotice {
  title: string;
  body: string;
}

const PROMPT_LENGTH = 90;

/**
 * What to tell the artist when a generation changes, or null for nothing: only when one they were
 * waiting for has just finished (done or failed) and the window is not in front of them.
 * `previous` is the last status the shell saw (undefined if it never saw this generation on its way).
 */
export function finishNotice(previous: GenerationStatus | undefined, next: Generation, windowFocused: boolean): FinishNotice | null {
  if (windowFocused) return null;
  // A favourite toggled on an old image also sends an update: only a real transition counts.
  if (previous === undefined || !unfinishedStatuses.includes(previous)) return null;
  const prompt = shorten(next.effective.prompt || next.params.prompt);
  if (next.status === 'done') {
    return { title: next.images.length === 1 ? 'Your image is ready' : 'Your images are ready', body: prompt };
  }
  if (next.status === 'failed') {
    return { title: 'A generation did not finish', body: next.errorMessage ? `${prompt}\n${shorten(next.errorMessage)}` : prompt };
  }
  return null;
}

function shorten(text: string): string {
  const oneLine = text.replace(/\s+/g, ' ').trim();
  return oneLine.length > PROMPT_LENGTH ? `${oneLine.slice(0, PROMPT_LENGTH - 1)}…` : oneLine;
}
