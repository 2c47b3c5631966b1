import { create } from 'zustand';
import type { BackupInfo } from '../../../shared/contract.ts';
import { api } from '../api.ts';
import { toastError, useToastStore } from './toast-store.ts';
import { useUiStore } from './ui-store.ts';

interface BackupsState {
  backups: BackupInfo[] | null;
  /** The backup being restored, while it is. */
  restoring: string | null;
  load(): Promise<void>;
  restore(backup: BackupInfo, label: string): Promise<void>;
  openFolder(): Promise<void>;
}

export const useBackupsStore = create<BackupsState>()((set, get) => ({
  backups: null,
  restoring: null,
  async load() {
    const result = await api.invoke('backup:list');
    if (result.ok) set({ backups: result.value });
    else toastError(result.error.message);
  },
  async restore(backup, label) {
    const sure = await useUiStore.getState().ask({
      title: 'Restore this backup?',
      message: `The library goes back to how it was on ${label}. The library as it is now is kept as a backup first, so this can be undone by restoring that one.`,
      confirmLabel: 'Restore',
    });
    if (!sure) return;
    set({ restoring: backup.name });
    const result = await api.invoke('backup:restore', { name: backup.name });
    set({ restoring: null });
    if (!result.ok) return toastError(result.error.message);
    // the 'library:restored' push reloads what is shown; the list gains the copy kept just now
    useToastStore.getState().show('Backup restored. The library as it was is kept as a backup.');
    await get().load();
  },
  async openFolder() {
    const result = await api.invoke('library:openFolder');
    if (!result.ok) toastError(result.error.message);
  },
}));
