/**
 * The studio's keyboard: one listener for the whole window. Keys act on the open
 * generation in the detail view, otherwise on the gallery's selection, and wait while
 * the artist is typing in a field.
 */
import { useEffect } from 'react';
import type { Generation } from '../../shared/generation.ts';
import { leaveViewer, viewerKey } from './keyboard-viewer.ts';
import { isModKey, isTypingTarget } from './lib/typing.ts';
import { useCompareStore } from './stores/compare-store.ts';
import { currentTarget, useCollectionsStore } from './stores/collections-store.ts';
import { useDetailStore } from './stores/detail-store.ts';
import { useDraftStore } from './stores/draft-store.ts';
import { useGalleryStore } from './stores/gallery-store.ts';
import { toggleGeneratePanel } from './stores/layout-actions.ts';
import { deleteAimed, rate, toggleFavorite, toggleReject } from './stores/curation-actions.ts';
import { rerun } from './stores/library-actions.ts';
import type { Rating } from '../../shared/generation.ts';
import { useSelectionStore } from './stores/selection-store.ts';
import { spreadFiling } from './stores/stack-actions.ts';
import type { FilingTarget } from './lib/filing.ts';
import { useToastStore } from './stores/toast-store.ts';
import { useUiStore } from './stores/ui-store.ts';

function target(): Generation | null {
  const compare = useCompareStore.getState();
  if (compare.panes.length > 0) return compare.panes[compare.focused]?.generation ?? null;
  const { open, selected } = useDetailStore.getState();
  if (open) return open;
  if (!selected) return null;
  return useGalleryStore.getState().items.find((g) => g.id === selected.id) ?? null;
}

function onKeyDown(e: KeyboardEvent): void {
  const ui = useUiStore.getState();
  if (ui.confirm || e.defaultPrevented) return;
  const mod = isModKey(e);

  if (mod && e.key === 'Enter') {
    if (ui.overlay !== 'none') return;
    e.preventDefault();
    void useDraftStore.getState().generate();
    return;
  }
  // Ctrl/Cmd+B folds the Generate panel away from anywhere, a text field too (the Keyboard map).
  if (mod && e.key.toLowerCase() === 'b' && !e.shiftKey && !e.altKey) {
    // Not under the detail view or compare: the panel lies behind them, and the prompt must not take focus from them.
    if (ui.overlay !== 'none' || useDetailStore.getState().open || useCompareStore.getState().panes.length > 0) return;
    e.preventDefault();
    toggleGeneratePanel();
    return;
  }
  // Esc closes whatever is on top even when focus has wandered out of it (the dialog handles it first otherwise).
  if (e.key === 'Escape' && !isTypingTarget(e.target)) {
    if (ui.overlay !== 'none') ui.close();
    else if (ui.queueOpen) ui.toggleQueue(false);
    // In order: full screen, zoom, compare (leaveViewer), then the detail view, then the selection.
    else if (!leaveViewer()) {
      if (useDetailStore.getState().open) useDetailStore.getState().close();
      else if (useSelectionStore.getState().ids.size > 0 || useSelectionStore.getState().everything !== null) useSelectionStore.getState().clear();
      else return;
    }
    e.preventDefault();
    return;
  }
  const typing = isTypingTarget(e.target);
  if (typing || ui.overlay !== 'none' || e.altKey) return;
  // Arrow keys belong to the control that has focus when it uses them (radio groups, sliders).
  if (e.target instanceof HTMLInputElement && e.key.startsWith('Arrow')) return;

  if (mod && e.key.toLowerCase() === 'j' && !e.shiftKey) {
    e.preventDefault();
    ui.toggleQueue();
    return;
  }
  if (mod && e.key.toLowerCase() === 'z' && !e.shiftKey) {
    e.preventDefault();
    void useToastStore.getState().runUndo();
    return;
  }
  const detail = useDetailStore.getState();
  const selection = useSelectionStore.getState();
  if (mod && e.key.toLowerCase() === 'a' && !e.shiftKey) {
    if (detail.open) return;
    e.preventDefault();
    selection.selectAll();
    return;
  }
  if (mod) return;
  if (viewerKey(e)) {
    e.preventDefault();
    return;
  }

  const moves: Record<string, () => void> = detail.open
    ? {
        ArrowLeft: () => detail.stepImage(-1),
        ArrowRight: () => detail.stepImage(1),
        ArrowUp: () => detail.stepGeneration(-1),
        ArrowDown: () => detail.stepGeneration(1),
      }
    : {
        ArrowLeft: () => detail.step(-1),
        ArrowRight: () => detail.step(1),
        ArrowUp: () => detail.stepRow(-1),
        ArrowDown: () => detail.stepRow(1),
      };
  const move = moves[e.key];
  if (move) {
    e.preventDefault();
    const from = detail.selected;
    move();
    if (detail.open) return;
    // Shift+arrows grow the selection from its anchor; a bare arrow goes back to one tile, as in Finder.
    const to = useDetailStore.getState().selected;
    if (e.shiftKey && to !== null) selection.extendTo(to, from);
    else selection.clear();
    return;
  }
  // Curation keys act on the shown image, else on the picked tiles (checkmarks), else on the current
  // tile (curation-actions' aim). Letters match in either case but never with Shift: Shift+F is the
  // viewer's full screen (the Keyboard map), and Shift+digits are other characters anyway.
  const key = e.key.length === 1 ? e.key.toLowerCase() : e.key;
  if (!e.shiftKey && curationKey(key)) {
    e.preventDefault();
    return;
  }

  const generation = target();
  switch (e.key) {
    case '?':
      e.preventDefault();
      ui.open('help');
      return;
    case '/':
      e.preventDefault();
      document.getElementById('search')?.focus();
      return;
    case 'Enter': {
      // Enter on a focused button presses it; only a bare selection opens from here.
      if (detail.open || !detail.selected || (e.target instanceof HTMLElement && e.target.closest('button'))) return;
      e.preventDefault();
      void detail.show(detail.selected.id, detail.selected.index);
      return;
    }
    case 'b':
    case 'B':
      // B, as in board: the collection picker for what the keys act on (Shift+B is not B)
      if (e.shiftKey) return;
      e.preventDefault();
      void pickerFor(currentTarget());
      return;
    case 'r':
    case 'R':
      if (!generation || e.shiftKey) return;
      e.preventDefault();
      void rerun(generation, 'same');
      return;
  }
}

/** The `B` picker for a target: a selection's collapsed stacks bring every member along. */
async function pickerFor(target: FilingTarget | null): Promise<void> {
  // spread before the picker opens, so it says how many images it will file
  const spread = target === null ? null : await spreadFiling(target);
  if (target !== null && spread === null) return;
  useCollectionsStore.getState().openPicker(spread);
}

/** F, 1–5, 0, X, Delete/Backspace (bare keys, lower-cased); true when the key is one of them. */
function curationKey(key: string): boolean {
  if (key === 'f') void toggleFavorite();
  else if (key === 'x') void toggleReject();
  else if (key === '0') void rate(null);
  else if (key >= '1' && key <= '5' && key.length === 1) void rate(Number(key) as Rating);
  else if (key === 'Delete' || key === 'Backspace') void deleteAimed();
  else return false;
  return true;
}

export function useStudioShortcuts(): void {
  useEffect(() => {
    window.addEventListener('keydown', onKeyDown);
    return () => window.removeEventListener('keydown', onKeyDown);
  }, []);
}
