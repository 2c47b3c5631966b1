import { bridge } from './fake-atelier.ts';
import { beforeEach, describe, expect, it } from 'vitest';
import { useImportStore } from '../../renderer/src/stores/import-store.ts';
import { useToastStore } from '../../renderer/src/stores/toast-store.ts';

const progress = { runId: 7, folder: '/home/ana/Pictures/mj-archive', total: 300, done: 38, imported: 38, duplicates: 0, unreadable: 0 };

beforeEach(() => {
  bridge.reset();
  bridge.answer('library:search', { items: [], nextCursor: null });
  useToastStore.setState({ toasts: [], undos: [] });
  useImportStore.setState({ open: false, running: false, progress: null, report: null, error: null });
});

describe('an import that goes on at start (after a crash or a quit)', () => {
  it('says so, with how far it is, and "Show" opens the Import dialog following it', async () => {
    bridge.answer('import:status', { progress, report: null });
    await useImportStore.getState().load();
    const toast = useToastStore.getState().toasts.at(-1);
    expect(toast?.message).toBe('Import of “mj-archive” goes on: 38 of 300 files');
    expect(useImportStore.getState()).toMatchObject({ running: true, open: false, progress });
    toast?.action?.run();
    expect(useImportStore.getState()).toMatchObject({ open: true, progress });
  });

  it('says nothing when the dialog already follows it, or when nothing is left to import', async () => {
    useImportStore.setState({ open: true });
    bridge.answer('import:status', { progress, report: null });
    await useImportStore.getState().load();
    useImportStore.setState({ open: false });
    bridge.answer('import:status', { progress: { ...progress, done: 300, imported: 300 }, report: null });
    await useImportStore.getState().load();
    expect(useToastStore.getState().toasts).toEqual([]);
  });
});
