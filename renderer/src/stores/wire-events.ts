/**
 * Push events from the main process into the stores, wired once at start-up: the
 * renderer never polls, it is told.
 */
import { api, mediaUrl, onPreviewLink, previewLink } from '../api.ts';
import { decodeFromBytes, decodeOnce } from '../lib/decoded-images.ts';
import { runCommand } from '../commands.ts';
import { useAppStore } from './app-store.ts';
import { useBatchStore } from './batch-store.ts';
import { useDuplicatesStore } from './duplicates-store.ts';
import { useExportStore } from './export-store.ts';
import { useGalleryStore } from './gallery-store.ts';
import { useImportStore } from './import-store.ts';
import { applyEverywhere } from './fresh-copies.ts';
import { useQueueStore } from './queue-store.ts';
import { useSelectionStore } from './selection-store.ts';
import { useSettingsStore } from './settings-store.ts';
import { followFullscreen } from './viewer-store.ts';

let wired = false;

export function wireEvents(): void {
  if (wired) return;
  wired = true;
  followFullscreen();
  // Pushes sent while the preview's host was away are lost: read everything afresh once it is back.
  onPreviewLink(() => {
    if (previewLink() === 'connected') void useAppStore.getState().start();
  });
  // a run's thumbnail comes with its bytes just before the push naming it: decoding starts now, with no request
  api.on('thumbnail:saved', ({ path, base64 }) => decodeFromBytes(mediaUrl(path), base64));
  api.on('generation:updated', (generation) => {
    // a run's saved images start loading now, before the feed renders them (bench:ui's landing → painted)
    if (useQueueStore.getState().items.some((run) => run.id === generation.id)) {
      for (const image of generation.images) if (image.state === 'done' && image.thumbnail) void decodeOnce(mediaUrl(image.thumbnail)).catch(() => undefined);
      // and its grid thumbnail, which its gallery tile takes over to once decoded (GridPicture.tsx)
      if (generation.grid) void decodeOnce(mediaUrl(generation.grid.path)).catch(() => undefined);
    }
    useQueueStore.getState().apply(generation);
    applyEverywhere(generation);
    useBatchStore.getState().applyGeneration(generation);
  });
  api.on('library:changed', ({ ids, change }) => {
    if (change === 'restored') void useGalleryStore.getState().refresh();
    else {
      useGalleryStore.getState().removeIds(ids);
      useSelectionStore.getState().forget(ids);
      useQueueStore.getState().forget(ids);
    }
    void useSettingsStore.getState().loadStats();
  });
  api.on('export:progress', (progress) => useExportStore.getState().setProgress(progress));
  api.on('import:progress', (progress) => useImportStore.getState().setProgress(progress));
  api.on('import:finished', (report) => useImportStore.getState().finished(report));
  api.on('library:hashing', (progress) => useDuplicatesStore.getState().setHashing(progress));
  api.on('queue:changed', ({ paused, concurrency }) => useQueueStore.getState().setPause(paused, concurrency));
  api.on('credits:changed', (credits) => useSettingsStore.getState().setCredits(credits));
  api.on('settings:changed', (settings) => {
    useSettingsStore.getState().setSettings(settings);
    void useAppStore.getState().refreshInfo();
    // a key saved or removed changes the API: the balance shown is that API's own (a simulated one never stays)
    void api.invoke('credits:summary').then((credits) => credits.ok && useSettingsStore.getState().setCredits(credits.value));
  });
  api.on('app:command', ({ command }) => runCommand(command));
  api.on('library:damaged', (damage) => useAppStore.getState().setLibraryDamage(damage));
  // The core (re)started its services, or a backup took the library's place: what we hold is stale.
  api.on('app:ready', () => void useAppStore.getState().start());
  api.on('library:restored', () => void useAppStore.getState().start());
}
