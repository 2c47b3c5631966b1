import { create } from 'zustand';
import type { BackupInfo } from '../../../shared/contract.ts';
import { api } from '../api.ts';
import { count } from '../lib/format.ts';
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
      message: `The library goes back to how it was on ${label}. The library as it is now is kept as a backup first, so this can be undone by restoring that one. A backup holds the library, not the image files: pictures deleted since then do not come back.`,
      confirmLabel: 'Restore',
    });
    if (!sure) return;
    set({ restoring: backup.name });
    const result = await api.invoke('backup:restore', { name: backup.name });
    set({ restoring: null });
    if (!result.ok) return toastError(result.error.message);
    // the 'library:restored' push reloads what is shown; the list gains the copy kept just now
    const { images, generations } = result.value.missing;
    useToastStore.getState().show(
      images === 0
        ? 'Backup restored. The library as it was is kept as a backup.'
        : `Backup restored. The library as it was is kept as a backup. ${count(images, 'picture')} of ${count(generations.length, 'generation')}${generations.length >= 1000 ? ' or more' : ''} were deleted after this backup was taken: their files cannot come back with it.`,
    );
    await get().load();
  },
  async openFolder() {
    const result = await api.invoke('library:openFolder');
    if (!result.ok) toastError(result.error.message);
  },
}));
