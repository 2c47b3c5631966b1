import type { KeyboardEvent as ReactKeyboardEvent } from 'react';

/** Whether a key press belongs to a field the artist is typing in (so shortcuts stay out of the way). */
export function isTypingTarget(target: EventTarget | null): boolean {
  if (!(target instanceof HTMLElement)) return false;
  if (target.isContentEditable) return true;
  if (target instanceof HTMLTextAreaElement || target instanceof HTMLSelectElement) return true;
  if (target instanceof HTMLInputElement) {
    return !['checkbox', 'radio', 'button', 'range', 'submit', 'reset'].includes(target.type);
  }
  return false;
}

/** Ctrl on Windows/Linux, Cmd on macOS. */
export function isModKey(event: KeyboardEvent | ReactKeyboardEvent): boolean {
  return event.ctrlKey || event.metaKey;
}
