/** What the desktop menus (app:command) ask of the studio, done the same way the keyboard does it. */
import type { AppCommand } from '../../shared/contract.ts';
import { useDetailStore } from './stores/detail-store.ts';
import { exportSelectionOrLibrary } from './stores/export-store.ts';
import { useImportStore } from './stores/import-store.ts';
import { useUiStore } from './stores/ui-store.ts';

export function runCommand(command: AppCommand): void {
  const ui = useUiStore.getState();
  switch (command) {
    case 'new-generation':
      useDetailStore.getState().close();
      ui.close();
      document.getElementById('prompt')?.focus();
      return;
    case 'export':
      // Settings or Help give way, as their own Export… buttons do
      ui.close();
      exportSelectionOrLibrary();
      return;
    case 'import':
      // the Import dialog: a folder or ZIP to choose, or the import under way with its progress
      ui.close();
      useImportStore.getState().show();
      return;
    case 'focus-search':
      useDetailStore.getState().close();
      ui.close();
      document.getElementById('search')?.focus();
      return;
    case 'open-settings':
      ui.open('settings');
      return;
    case 'toggle-queue':
      ui.toggleQueue();
      return;
    case 'show-shortcuts':
      ui.open('help');
      return;
  }
}
