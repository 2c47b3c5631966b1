/** "Remove simulated generations…": the Sandbox's work leaves the library in one step, with one undo. */
import { api } from '../api.ts';
import { count } from '../lib/format.ts';
import { useGalleryStore } from './gallery-store.ts';
import { useSettingsStore } from './settings-store.ts';
import { toastError, useToastStore } from './toast-store.ts';
import { useUiStore } from './ui-store.ts';
import { undoInCore } from './undo-actions.ts';

export async function removeSimulatedGenerations(): Promise<void> {
  const sure = await useUiStore.getState().ask({
    title: 'Remove simulated generations?',
    message: 'Every generation the built-in Sandbox made moves to the trash. Your Kinovi and imported work stays. You can undo this.',
    confirmLabel: 'Remove simulated generations',
  });
  if (!sure) return;
  const result = await api.invoke('library:removeSimulated');
  if (!result.ok) return toastError(result.error.message);
  const { removed, undoId } = result.value;
  await Promise.all([useGalleryStore.getState().refresh(), useSettingsStore.getState().loadStats()]);
  if (removed === 0 || undoId === null) {
    useToastStore.getState().show('There were no simulated generations to remove.');
    return;
  }
  useToastStore.getState().offerUndo(`Removed ${count(removed, 'simulated generation')}`, () => undoInCore(undoId, () => useSettingsStore.getState().loadStats()), undoId);
}
