/**
 * Renames and deletes of collections and saved searches keep no undo in the page: Ctrl/Cmd+Z runs
 * the core's step (`undo:run`), and a gallery showing the renamed collection follows its name back.
 */
import { bridge } from './fake-atelier.ts';
import { beforeEach, describe, expect, it, vi } from 'vitest';
import type { Collection, SavedSearch } from '../../shared/curation.ts';
import type { UndoOutcome } from '../../shared/image-curation.ts';
import { useCollectionsStore } from '../../renderer/src/stores/collections-store.ts';
import { useGalleryStore } from '../../renderer/src/stores/gallery-store.ts';
import { useSavedSearchesStore } from '../../renderer/src/stores/saved-searches-store.ts';
import { useToastStore } from '../../renderer/src/stores/toast-store.ts';

const harbour: Collection = { id: 3, name: 'Harbour', createdAt: 1, images: 4 };
const channels = () => bridge.calls.map((call) => call.channel);

beforeEach(() => {
  bridge.reset();
  useToastStore.setState({ toasts: [], undos: [], untilClosed: true });
  bridge.answer('library:search', { items: [], next: null });
  bridge.answer('library:count', { count: 0 });
});

describe('renames and deletes undo through the core', () => {
  it('a collection renamed while shown: Ctrl/Cmd+Z runs its step, and the gallery follows the old name', async () => {
    useGalleryStore.setState((s) => ({ query: { ...s.query, text: 'in:"Harbour"' } }));
    bridge.answer('collections:rename', { collection: { ...harbour, name: 'Storms' }, previousName: 'Harbour', undoId: 41 });
    bridge.answer('collections:list', [{ ...harbour, name: 'Storms' }]);
    expect(await useCollectionsStore.getState().rename(harbour, 'Storms')).toBe(true);
    expect(useGalleryStore.getState().query.text).toBe('in:"Storms"');
    expect(useToastStore.getState().undos.flatMap((undo) => undo.undoIds)).toEqual([41]);

    bridge.calls.length = 0;
    bridge.answer('undo:run', { generations: [], reload: true, named: { what: 'collection', was: 'Storms', now: 'Harbour' } } satisfies UndoOutcome);
    bridge.answer('collections:list', [harbour]);
    await useToastStore.getState().runUndo();
    expect(bridge.calls.find((call) => call.channel === 'undo:run')?.input).toEqual({ undoId: 41 });
    expect(channels()).not.toContain('collections:rename');
    expect(channels()).toContain('collections:list');
    expect(useGalleryStore.getState().query.text).toBe('in:"Harbour"');
    expect(useCollectionsStore.getState().collections).toEqual([harbour]);
  });

  it('a saved search deleted: its toast offers the core’s step, and a refusal is said in the core’s words', async () => {
    const fog: SavedSearch = { id: 5, name: 'Fog', query: 'fog', filters: {}, createdAt: 1 };
    bridge.answer('searches:delete', { search: fog, undoId: 42 });
    bridge.answer('searches:list', []);
    await useSavedSearchesStore.getState().remove(fog);
    expect(useToastStore.getState().toasts.map((toast) => toast.message)).toEqual(['Deleted saved search “Fog”']);

    const refusal = 'This can\'t be undone: there is already a saved search named "fog". Rename that one first, then undo again.';
    bridge.handlers.set('undo:run', () => ({ ok: false, error: { code: 'conflict', message: refusal } }));
    await useToastStore.getState().runUndo();
    expect(channels()).not.toContain('searches:save');
    expect(useToastStore.getState().toasts.map((toast) => [toast.message, toast.tone])).toEqual([[refusal, 'error']]);
  });
});

describe('a refused undo', () => {
  /** Two renames of one collection on the stack: 41 (Harbour → Storms), then 42 (Storms → Gales). */
  async function twoRenames(): Promise<void> {
    bridge.answer('collections:list', [harbour]);
    bridge.answer('collections:rename', { collection: { ...harbour, name: 'Storms' }, previousName: 'Harbour', undoId: 41 });
    await useCollectionsStore.getState().rename(harbour, 'Storms');
    bridge.answer('collections:rename', { collection: { ...harbour, name: 'Gales' }, previousName: 'Storms', undoId: 42 });
    await useCollectionsStore.getState().rename({ ...harbour, name: 'Storms' }, 'Gales');
  }

  it('whose step the core still keeps stays in its place: Ctrl/Cmd+Z reaches it again once the name is free', async () => {
    await twoRenames();
    const taken = 'This can\'t be undone: there is already a collection named "storms". Rename that one first, then undo again.';
    bridge.handlers.set('undo:run', () => ({ ok: false, error: { code: 'conflict', message: taken } }));
    await useToastStore.getState().runUndo();
    expect(useToastStore.getState().undos.flatMap((undo) => undo.undoIds)).toEqual([41, 42]);

    bridge.answer('undo:run', { generations: [], reload: true, named: { what: 'collection', was: 'Gales', now: 'Storms' } } satisfies UndoOutcome);
    await useToastStore.getState().runUndo();
    expect(useToastStore.getState().undos.flatMap((undo) => undo.undoIds)).toEqual([41]);
    expect(bridge.calls.filter((call) => call.channel === 'undo:run').map((call) => call.input)).toEqual([{ undoId: 42 }, { undoId: 42 }]);
  });

  it('whose step the core no longer has leaves the stack, so the next Ctrl/Cmd+Z takes the older change', async () => {
    await twoRenames();
    bridge.handlers.set('undo:run', () => ({ ok: false, error: { code: 'not_found', message: 'That change can no longer be undone: it is too far back, or it was undone already.' } }));
    await useToastStore.getState().runUndo();
    expect(useToastStore.getState().undos.flatMap((undo) => undo.undoIds)).toEqual([41]);
  });

  it('that can never go through (refused for another reason) leaves the stack, so it does not hold back older changes', async () => {
    await twoRenames();
    bridge.handlers.set('undo:run', () => ({ ok: false, error: { code: 'invalid_input', message: 'That is not something Atelier can undo.' } }));
    await useToastStore.getState().runUndo();
    expect(useToastStore.getState().undos.flatMap((undo) => undo.undoIds)).toEqual([41]);
  });

  it('from an older toast while a newer change waits: it goes back under the newer one, not on top', async () => {
    await twoRenames();
    bridge.handlers.set('undo:run', () => ({ ok: false, error: { code: 'conflict', message: 'This can\'t be undone yet: the collection "Storms" has been renamed "Gales" since.' } }));
    const olderToast = useToastStore.getState().toasts.find((toast) => toast.message === 'Renamed to “Storms”');
    olderToast?.action?.run();
    await vi.waitFor(() => expect(bridge.calls.some((call) => call.channel === 'undo:run')).toBe(true));
    await vi.waitFor(() => expect(useToastStore.getState().undos.flatMap((undo) => undo.undoIds)).toEqual([41, 42]));
  });
});
