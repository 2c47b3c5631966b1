import { create } from 'zustand';
import type { ExportProgress, ExportResult } from '../../../shared/contract.ts';
import type { QuerySelectionInput } from '../../../shared/bulk.ts';
import type { ExportPicture } from '../../../shared/export-picture.ts';
import { api } from '../api.ts';
import { toSearch } from './gallery-store.ts';
import { querySelection, selectionShown, useSelectionStore } from './selection-store.ts';
import { withStackMembers } from './stack-actions.ts';

interface ExportState {
  /** The generations the open dialog exports; null = the whole library. Undefined while closed. */
  ids: number[] | null | undefined;
  /** Instead of `ids`: everything a search matches (Ctrl/Cmd+A, a collection, a saved search), resolved by the core. */
  everything: QuerySelectionInput | null;
  /** What the dialog's title says is exported, for `everything` ("the collection “Prints”"). */
  named: string | null;
  /** A collection's export: only the images filed in it. */
  collectionId: number | null;
  running: boolean;
  progress: ExportProgress | null;
  result: ExportResult | null;
  error: string | null;
  open(ids: number[] | null, everything?: QuerySelectionInput | null, named?: string | null, collectionId?: number | null): void;
  close(): void;
  start(destination: { kind: 'folder'; folder: string } | { kind: 'zip'; file: string } | { kind: 'download' }, options: { sidecars: boolean; picture: ExportPicture; includeRejected: boolean }): Promise<void>;
  cancel(): void;
  setProgress(progress: ExportProgress): void;
}

export const useExportStore = create<ExportState>((set, get) => ({
  ids: undefined,
  everything: null,
  named: null,
  collectionId: null,
  running: false,
  progress: null,
  result: null,
  error: null,
  open: (ids, everything = null, named = null, collectionId = null) => set({ ids, everything, named, collectionId, progress: null, result: null, error: null }),
  close: () => {
    if (!get().running) set({ ids: undefined });
  },
  async start(destination, { sidecars, picture, includeRejected }) {
    const { ids, everything, collectionId } = get();
    if (ids === undefined || get().running) return;
    set({ running: true, progress: null, result: null, error: null });
    const answer = await api.invoke('export:start', { ids, ...(everything === null ? {} : { everything }), ...(collectionId === null ? {} : { collectionId }), destination, sidecars, picture, includeRejected });
    if (answer.ok && answer.value.status === 'download') {
      // the browser saves the ZIP the host streams; progress and cancel go on through the bridge
      const link = document.createElement('a');
      link.href = answer.value.url;
      link.download = '';
      link.click();
    }
    set(answer.ok ? { running: false, result: answer.value } : { running: false, error: answer.error.message });
  },
  cancel: () => void api.invoke('export:cancel'),
  setProgress: (progress) => set({ progress }),
}));

/**
 * "Export…" in the selection bar: everything the search matches, else the picked generations (or the
 * generations of the picked images) with every member of their collapsed stacks, as the bar counts them.
 */
export async function exportSelection(): Promise<void> {
  const everything = querySelection();
  const { ids } = useSelectionStore.getState();
  if (everything !== null) return useExportStore.getState().open([...ids], everything);
  const all = await withStackMembers([...ids]);
  if (all !== null && all.length > 0) useExportStore.getState().open(all);
}

/** Opens the Export dialog on everything a query matches as the gallery would show it: a collection, a saved search. */
export function exportQuery(text: string, named: string, collectionId: number | null = null): void {
  const { sort: _sort, ...search } = toSearch({ text }, Date.now());
  useExportStore.getState().open(null, { search, except: [] }, named, collectionId);
}

/** Opens the Export dialog on the selection as the selection bar's Export… does; with none shown, on the whole library (the app menu's Export…). */
export function exportSelectionOrLibrary(): void {
  if (selectionShown(useSelectionStore.getState())) void exportSelection();
  else useExportStore.getState().open(null);
}
