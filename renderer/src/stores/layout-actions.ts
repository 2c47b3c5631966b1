/** Folding the Generate panel, with focus kept where the artist can use it. */
import { useLayoutStore } from './layout-store.ts';

/** Shows or hides the Generate panel: opened, the prompt takes focus; hidden with focus inside, focus goes to its button. */
export function toggleGeneratePanel(): void {
  const panel = document.getElementById('generate-panel');
  const hadFocus = panel?.contains(document.activeElement) ?? false;
  useLayoutStore.getState().togglePanel();
  if (useLayoutStore.getState().panelOpen) {
    // After React has shown the panel again: a hidden field cannot take focus.
    requestAnimationFrame(() => document.getElementById('prompt')?.focus());
  } else if (hadFocus) {
    document.querySelector<HTMLElement>('[aria-controls="generate-panel"]')?.focus();
  }
}
