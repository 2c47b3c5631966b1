import { create } from 'zustand';
import type { ImportProgress, ImportReport } from '../../../shared/contract.ts';
import { api } from '../api.ts';
import { useGalleryStore } from './gallery-store.ts';
import { useSettingsStore } from './settings-store.ts';
import { useToastStore } from './toast-store.ts';

interface ImportState {
  /** The "Import" dialog is open (choosing a folder, or following the run). */
  open: boolean;
  running: boolean;
  progress: ImportProgress | null;
  /** The last run's report: shown in the "Import report" dialog until closed. */
  report: ImportReport | null;
  error: string | null;
  show(): void;
  close(): void;
  start(folder: string): Promise<void>;
  setProgress(progress: ImportProgress): void;
  finished(report: ImportReport): void;
  /** Catches up at start: an import resumed before this window opened, or its report. */
  load(): Promise<void>;
}

/** The gallery is read again at most this often while pictures come in, and once at the end. */
const REFRESH_EVERY_MS = 2_000;
let lastRefresh = 0;
/** The run whose report this window has shown already (a reload asks again). */
let seenReport: number | null = null;

export const useImportStore = create<ImportState>((set, get) => ({
  open: false,
  running: false,
  progress: null,
  report: null,
  error: null,
  show: () => set({ open: true, error: null, report: get().running ? null : get().report, progress: get().running ? get().progress : null }),
  close: () => set({ open: false, report: null }),
  async start(folder) {
    if (get().running) return;
    set({ running: true, progress: null, report: null, error: null });
    const answer = await api.invoke('import:start', { folder });
    // the report itself comes with 'import:finished'; a null answer means Atelier is closing
    set(answer.ok ? { running: false } : { running: false, error: answer.error.message });
  },
  setProgress(progress) {
    set({ progress, running: progress.done < progress.total });
    if (Date.now() - lastRefresh > REFRESH_EVERY_MS && progress.imported > 0) {
      lastRefresh = Date.now();
      void useGalleryStore.getState().refresh();
    }
  },
  async load() {
    const answer = await api.invoke('import:status');
    if (!answer.ok) return;
    const { progress, report } = answer.value;
    if (report && report.runId !== get().report?.runId && report.runId !== seenReport) get().finished(report);
    else if (progress) {
      get().setProgress(progress);
      // an import cut off (a crash, a quit) goes on by itself at start: say so, so the pictures coming in are no surprise
      if (progress.done < progress.total && !get().open) {
        const where = progress.folder.split(/[\\/]/u).filter(Boolean).at(-1) ?? progress.folder;
        useToastStore.getState().show(`Import of “${where}” goes on: ${progress.done.toLocaleString()} of ${progress.total.toLocaleString()} files`, {
          action: { label: 'Show', run: () => get().show() },
          ms: 8000,
        });
      }
    }
  },
  finished(report) {
    seenReport = report.runId;
    // a run resumed at start-up has no dialog open: its report opens one
    set({ report, running: false, open: true });
    void useGalleryStore.getState().refresh();
    void useSettingsStore.getState().loadStats();
  },
}));
