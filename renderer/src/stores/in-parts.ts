/**
 * Picked images in the parts one request carries, sent one after another. The contract takes at
 * most CURATION_MAX_IMAGES refs per request (what fits the browser preview's 256 KB bridge frame,
 * with room), yet a Shift+click range over a long single-image grid, or picks that bring their
 * collapsed stacks' reruns, can hold more. Each part is its own step in the core; the caller puts
 * them under one Ctrl/Cmd+Z (the toast store's entry holds every part's undo id).
 */
import { CURATION_MAX_IMAGES } from '../../../shared/input-limits.ts';
import type { AppError, Result } from '../../../shared/result.ts';
import { count } from '../lib/format.ts';
import type { UndoEnd } from './toast-store.ts';
import { refusedUndo } from './undo-actions.ts';

/** What went through, part by part, the refusal that stopped the rest (null when none did), and how many items that left unsent. */
export interface PartsSent<R> {
  done: R[];
  error: AppError | null;
  left: number;
}

/** "4,000 images", or "4,000 of 9,000 images" when a refusal left `left` of them unchanged. */
export function imagesDone(done: number, left: number): string {
  return left === 0 ? count(done, 'image') : `${done.toLocaleString('en-US')} of ${count(done + left, 'image')}`;
}

/** Sends `items` in parts of at most `size`, in order; the first refusal stops the parts after it. */
export async function inParts<T, R>(items: readonly T[], send: (part: T[], first: boolean) => Promise<Result<R>>, size = CURATION_MAX_IMAGES): Promise<PartsSent<R>> {
  const done: R[] = [];
  for (let start = 0; start === 0 || start < items.length; start += size) {
    const result = await send(items.slice(start, start + size), start === 0);
    if (!result.ok) return { done, error: result.error, left: items.length - start };
    done.push(result.value);
  }
  return { done, error: null, left: 0 };
}

/**
 * The undo of a change sent in parts: its parts' steps taken back newest first, each answer shown
 * as it comes. A refusal stops it, leaving the parts not yet taken back for the next Ctrl/Cmd+Z
 * (`refused`); a part the core no longer has is passed over.
 */
export function undoInParts<R>(undoIds: readonly number[], undoOne: (undoId: number) => Promise<Result<R>>, shown: (value: R) => void): () => Promise<UndoEnd> {
  const left = [...undoIds];
  return async () => {
    for (let undoId = left.at(-1); undoId !== undefined; undoId = left.at(-1)) {
      const undone = await undoOne(undoId);
      if (!undone.ok && refusedUndo(undone.error) === 'refused') return 'refused';
      left.pop();
      if (undone.ok) shown(undone.value);
    }
    return 'undone';
  };
}
