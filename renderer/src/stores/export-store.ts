import { create } from 'zustand';
import type { ExportProgress, ExportResult } from '../../../shared/contract.ts';
import type { QuerySelectionInput } from '../../../shared/bulk.ts';
import type { ImageRef } from '../../../shared/curation.ts';
import type { ExportPicture } from '../../../shared/export-picture.ts';
import { CURATION_MAX_IMAGES, EXPORT_PICKS_LIMIT } from '../../../shared/input-limits.ts';
import { api } from '../api.ts';
import { toSearch } from './gallery-store.ts';
import { querySelection, selectedImageRefs, selectionShown, useSelectionStore } from './selection-store.ts';
import { withStackImages, withStackMembers } from './stack-actions.ts';
import { toastError } from './toast-store.ts';

/** What the Export dialog exports besides `ids`: a search's matches, under a name, a collection's filed images, or picked images. */
interface ExportScope {
  everything?: QuerySelectionInput | null;
  named?: string | null;
  collectionId?: number | null;
  images?: ImageRef[] | null;
}

interface ExportState {
  /** The generations the open dialog exports; null = the whole library. Undefined while closed. */
  ids: number[] | null | undefined;
  /** Instead of `ids`: everything a search matches (Ctrl/Cmd+A, a collection, a saved search), resolved by the core. */
  everything: QuerySelectionInput | null;
  /** What the dialog's title says is exported, for `everything` ("the collection “Prints”"). */
  named: string | null;
  /** A collection's export: only the images filed in it. */
  collectionId: number | null;
  /** Picked images (the single-image layout, the detail view's strip): exactly these, of the generations in `ids`. */
  images: ImageRef[] | null;
  running: boolean;
  progress: ExportProgress | null;
  result: ExportResult | null;
  error: string | null;
  open(ids: number[] | null, scope?: ExportScope): void;
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
  images: null,
  running: false,
  progress: null,
  result: null,
  error: null,
  open: (ids, { everything = null, named = null, collectionId = null, images = null } = {}) =>
    set({ ids, everything, named, collectionId, images, progress: null, result: null, error: null }),
  close: () => {
    if (!get().running) set({ ids: undefined });
  },
  async start(destination, { sidecars, picture, includeRejected }) {
    const { ids, everything, collectionId, images } = get();
    if (ids === undefined || get().running) return;
    set({ running: true, progress: null, result: null, error: null });
    const answer = await api.invoke('export:start', { ids, ...(everything === null ? {} : { everything }), ...(collectionId === null ? {} : { collectionId }), ...(images === null ? {} : { images }), destination, sidecars, picture, includeRejected });
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
 * "Export…" in the selection bar: everything the search matches, else the picked images (two of four
 * go as two), else the picked generations, collapsed stacks with every member, as the bar counts them.
 */
export async function exportSelection(): Promise<void> {
  const everything = querySelection();
  const { ids } = useSelectionStore.getState();
  if (everything !== null) return useExportStore.getState().open([...ids], { everything });
  const picked = selectedImageRefs();
  if (picked.length > 0) {
    // image N of a collapsed stack is image N of every rerun in it
    const images = await withStackImages(picked);
    // said now, before the artist chooses where it goes, rather than when Export is pressed
    if (images !== null && images.length > CURATION_MAX_IMAGES) toastError(EXPORT_PICKS_LIMIT);
    else if (images !== null) useExportStore.getState().open([...new Set(images.map((ref) => ref.generationId))], { images });
    return;
  }
  const all = await withStackMembers([...ids]);
  if (all !== null && all.length > 0) useExportStore.getState().open(all);
}

/** Opens the Export dialog on everything a query matches as the gallery would show it: a collection, a saved search. */
export function exportQuery(text: string, named: string, collectionId: number | null = null): void {
  const { sort: _sort, ...search } = toSearch({ text }, Date.now());
  useExportStore.getState().open(null, { everything: { search, except: [] }, named, collectionId });
}

/** Opens the Export dialog on the selection as the selection bar's Export… does; with none shown, on the whole library (the app menu's Export…). */
export function exportSelectionOrLibrary(): void {
  if (selectionShown(useSelectionStore.getState())) void exportSelection();
  else useExportStore.getState().open(null);
}
