import { useEffect } from 'react';
import { bytes, count } from '../lib/format.ts';
import { useAppStore } from '../stores/app-store.ts';
import { hashingText, useDuplicatesStore } from '../stores/duplicates-store.ts';
import { useExportStore } from '../stores/export-store.ts';
import { useImportStore } from '../stores/import-store.ts';
import { removeSimulatedGenerations } from '../stores/simulated-actions.ts';
import { useSettingsStore } from '../stores/settings-store.ts';
import { useUiStore } from '../stores/ui-store.ts';

export function LibrarySection() {
  const dataDir = useAppStore((s) => s.info?.dataDir);
  const stats = useSettingsStore((s) => s.stats);
  const hashing = hashingText(useDuplicatesStore((s) => s.hashing));
  // a window opened after the hashing of older images started learns how far it is (then pushes keep it current)
  useEffect(() => void useDuplicatesStore.getState().reload(), []);
  return (
    <section className="settings-section" aria-label="Library">
      <h3>Library</h3>
      <dl className="facts">
        <dt>Folder</dt>
        <dd className="mono wrap">{dataDir}</dd>
        <dt>Size</dt>
        <dd data-testid="library-size">{stats ? bytes(stats.bytes) : '…'}</dd>
        <dt>Holds</dt>
        <dd>{stats ? `${count(stats.generations, 'generation')} · ${count(stats.images, 'image')} · ${count(stats.favorites, 'favorite')}` : '…'}</dd>
      </dl>
      <button
        type="button"
        className="ghost-button"
        onClick={() => {
          useUiStore.getState().close();
          useExportStore.getState().open(null);
        }}
      >
        Export…
      </button>
      <button
        type="button"
        className="ghost-button"
        onClick={() => {
          useUiStore.getState().close();
          useImportStore.getState().show();
        }}
      >
        Import…
      </button>
      <button
        type="button"
        className="ghost-button"
        onClick={() => {
          useUiStore.getState().close();
          void useDuplicatesStore.getState().show();
        }}
      >
        Duplicates…
      </button>
      {hashing && (
        <p className="muted" role="status">
          {hashing}
        </p>
      )}
      <button type="button" className="ghost-button" onClick={() => void removeSimulatedGenerations()}>
        Remove simulated generations…
      </button>
    </section>
  );
}
