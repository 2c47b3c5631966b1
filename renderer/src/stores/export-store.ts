import { create } from 'zustand';
import type { ExportProgress, ExportResult } from '../../../shared/contract.ts';
import type { ExportPicture } from '../../../shared/export-picture.ts';
import { api } from '../api.ts';

interface ExportState {
  /** The generations the open dialog exports; null = the whole library. Undefined while closed. */
  ids: number[] | null | undefined;
  running: boolean;
  progress: ExportProgress | null;
  result: ExportResult | null;
  error: string | null;
  open(ids: number[] | null): void;
  close(): void;
  start(destination: { kind: 'folder'; folder: string } | { kind: 'zip'; file: string } | { kind: 'download' }, options: { sidecars: boolean; picture: ExportPicture; includeRejected: boolean }): Promise<void>;
  cancel(): void;
  setProgress(progress: ExportProgress): void;
}

export const useExportStore = create<ExportState>((set, get) => ({
  ids: undefined,
  running: false,
  progress: null,
  result: null,
  error: null,
  open: (ids) => set({ ids, progress: null, result: null, error: null }),
  close: () => {
    if (!get().running) set({ ids: undefined });
  },
  async start(destination, { sidecars, picture, includeRejected }) {
    const ids = get().ids;
    if (ids === undefined || get().running) return;
    set({ running: true, progress: null, result: null, error: null });
    const answer = await api.invoke('export:start', { ids, destination, sidecars, picture, includeRejected });
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
