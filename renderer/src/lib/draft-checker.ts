/**
 * The Generate form's check (draft-check.ts), loaded once the gallery's first page is painted: it
 * brings zod, ~13 % of the window's script and ~30-50 ms of its start, which the first screen does
 * not need. Until then the form shows no field's words (none speaks before it is filled or Generate
 * is tried), and Generate waits for the check.
 */
import { useMemo, useSyncExternalStore } from 'react';
import type { GenerationParams } from '../../../shared/generation.ts';
import type { DraftErrors, DraftFields } from './draft.ts';
import type * as DraftCheckModule from './draft-check.ts';

type DraftCheck = typeof DraftCheckModule;

let check: DraftCheck | null = null;
let loading: Promise<DraftCheck> | null = null;
const listeners = new Set<() => void>();
const NONE: DraftErrors = {};

/** Loads the check (once); the forms showing errors render again when it is in. */
export function loadDraftCheck(): Promise<DraftCheck> {
  loading ??= import('./draft-check.ts').then(
    (loaded) => {
      check = loaded;
      for (const listener of listeners) listener();
      return loaded;
    },
    (error: unknown) => {
      // the next Generate tries again
      loading = null;
      throw error;
    },
  );
  return loading;
}

/** The draft checked, loading the check first if it is not in yet (Generate). */
export async function checkDraft(fields: DraftFields): Promise<{ params: GenerationParams | null; errors: DraftErrors }> {
  return (await loadDraftCheck()).validateDraft(fields);
}

const subscribe = (listener: () => void) => {
  listeners.add(listener);
  return () => listeners.delete(listener);
};

/** Each field's words for the draft as typed: none until the check is loaded. */
export function useDraftErrors(fields: DraftFields): DraftErrors {
  const loaded = useSyncExternalStore(subscribe, () => check);
  return useMemo(() => (loaded === null ? NONE : loaded.validateDraft(fields).errors), [loaded, fields]);
}
