import { bridge, generation } from './fake-atelier.ts';
import { beforeEach, describe, expect, it, vi } from 'vitest';
import { runCommand } from '../../renderer/src/commands.ts';
import { useExportStore } from '../../renderer/src/stores/export-store.ts';
import { useGalleryStore } from '../../renderer/src/stores/gallery-store.ts';
import { useImportStore } from '../../renderer/src/stores/import-store.ts';
import { useSelectionStore } from '../../renderer/src/stores/selection-store.ts';
import { useUiStore } from '../../renderer/src/stores/ui-store.ts';

beforeEach(() => {
  bridge.reset();
  useExportStore.setState({ ids: undefined, everything: null, named: null, collectionId: null, images: null });
  useSelectionStore.getState().clear();
  useGalleryStore.setState({ items: [1, 2, 3, 4].map((id) => generation(id)) });
});

describe("the app menu's Export…", () => {
  it('with no selection shown opens the Export dialog on the whole library, closing Settings', () => {
    useUiStore.getState().open('settings');
    // one tile is where the artist is, not a selection: the selection bar is not up either
    useSelectionStore.getState().toggle({ id: 2, index: 0 });
    runCommand('export');
    expect(useExportStore.getState().ids).toBeNull();
    expect(useExportStore.getState().everything).toBeNull();
    expect(useUiStore.getState().overlay).toBe('none');
  });

  it('with tiles selected exports them, as the selection bar does', async () => {
    useSelectionStore.getState().toggle({ id: 3, index: 0 });
    useSelectionStore.getState().toggle({ id: 1, index: 0 });
    runCommand('export');
    // the selection bar's Export… first asks the core for the members of any collapsed stack
    await vi.waitFor(() => expect(useExportStore.getState().ids).toEqual([3, 1]));
    expect(useExportStore.getState().everything).toBeNull();
  });

  it('with images picked in the single-image layout exports those images, not their whole generations', async () => {
    useGalleryStore.setState({ layout: 'images' });
    useSelectionStore.getState().toggle({ id: 2, index: 1 });
    useSelectionStore.getState().toggle({ id: 2, index: 3 });
    runCommand('export');
    await vi.waitFor(() => expect(useExportStore.getState().images).toEqual([{ generationId: 2, index: 1 }, { generationId: 2, index: 3 }]));
    expect(useExportStore.getState()).toMatchObject({ ids: [2], everything: null });
    useGalleryStore.setState({ layout: 'generations' });
  });
});

describe("the app menu's Import…", () => {
  it('opens the Import dialog, closing Settings', () => {
    useImportStore.setState({ open: false });
    useUiStore.getState().open('settings');
    runCommand('import');
    expect(useImportStore.getState().open).toBe(true);
    expect(useUiStore.getState().overlay).toBe('none');
  });
});
