import { create } from 'zustand';
import type { AppInfo, LibraryDamage } from '../../../shared/contract.ts';
import type { AppError } from '../../../shared/result.ts';
import { api } from '../api.ts';
import { useCollectionsStore } from './collections-store.ts';
import { useGalleryStore } from './gallery-store.ts';
import { useSavedSearchesStore } from './saved-searches-store.ts';
import { useImportStore } from './import-store.ts';
import { useQueueStore } from './queue-store.ts';
import { useSettingsStore } from './settings-store.ts';
import { restoreUndoStack } from './undo-actions.ts';

interface AppState {
  info: AppInfo | undefined;
  error: AppError | undefined;
  /** Loads what the main process says about itself, then the queue, gallery and settings. */
  start(): Promise<void>;
  /** Asks app:info again (the provider changes when a key is saved or removed). */
  refreshInfo(): Promise<void>;
  /** The core found the library file damaged and stopped writing to it. */
  setLibraryDamage(damage: LibraryDamage): void;
}

export const useAppStore = create<AppState>((set, get) => ({
  info: undefined,
  error: undefined,
  async start() {
    // The gallery's first page is asked beside app:info, not after it: at 1M it is the longest wait
    // of the start, and app:info's answer then renders the whole window before anything else is asked.
    const firstPage = useGalleryStore.getState().refresh();
    const result = await api.invoke('app:info');
    set(result.ok ? { info: result.value, error: undefined } : { error: result.error });
    if (!result.ok) return;
    await Promise.all([
      useQueueStore.getState().load(),
      firstPage,
      useSettingsStore.getState().load(),
      useCollectionsStore.getState().load(),
      useSavedSearchesStore.getState().load(),
      useImportStore.getState().load(),
      // Ctrl/Cmd+Z reaches the changes made before a restart: the library keeps them
      restoreUndoStack(() =>
        Promise.all([useCollectionsStore.getState().load(), useSavedSearchesStore.getState().load(), useSettingsStore.getState().loadStats()]),
      ),
    ]);
  },
  async refreshInfo() {
    if (!get().info) return;
    const result = await api.invoke('app:info');
    if (result.ok) set({ info: result.value });
  },
  setLibraryDamage(damage) {
    const info = get().info;
    if (info) set({ info: { ...info, libraryDamage: damage } });
  },
}));
