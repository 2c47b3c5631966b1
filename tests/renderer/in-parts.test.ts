/**
 * More picked images than one request carries (a Shift+click range over a long single-image grid):
 * the change goes in parts, one after another, and one Ctrl/Cmd+Z takes every part back.
 */
import { bridge, generation } from './fake-atelier.ts';
import { beforeEach, describe, expect, it } from 'vitest';
import type { CurationResult, ImageRef } from '../../shared/image-curation.ts';
import { CURATION_MAX_IMAGES, EXPORT_PICKS_LIMIT } from '../../shared/input-limits.ts';
import type { Collection } from '../../shared/curation.ts';
import { useCollectionsStore } from '../../renderer/src/stores/collections-store.ts';
import { deleteSelected, rate } from '../../renderer/src/stores/curation-actions.ts';
import { useDetailStore } from '../../renderer/src/stores/detail-store.ts';
import { exportSelection, useExportStore } from '../../renderer/src/stores/export-store.ts';
import { useGalleryStore } from '../../renderer/src/stores/gallery-store.ts';
import { selectedImageRefs, useSelectionStore } from '../../renderer/src/stores/selection-store.ts';
import { useToastStore } from '../../renderer/src/stores/toast-store.ts';

const GENERATIONS = 2_250; // 9,000 images: three parts of at most 4,000
const calls = (channel: string) => bridge.calls.filter((call) => call.channel === channel).map((call) => call.input as Record<string, unknown>);

beforeEach(() => {
  bridge.reset();
  useToastStore.setState({ toasts: [], undos: [], untilClosed: true });
  useDetailStore.setState({ open: null, selected: null });
  useSelectionStore.getState().clear();
  const items = Array.from({ length: GENERATIONS }, (_, i) => generation(i + 1));
  useGalleryStore.setState({ items, layout: 'images' });
  useSelectionStore.getState().extendTo({ id: GENERATIONS, index: 3 }, { id: 1, index: 0 });
  bridge.answer('library:search', { items: [], nextCursor: null, ignoredTerms: [] });
  bridge.answer('library:count', { total: 0, tiles: 0 });
});

/** The core's answer to a change of these images: each part its own step (undo ids from 101). */
let nextUndo = 101;
const curated = (input: unknown) => {
  const { images } = (input as { target: { images: ImageRef[] } }).target;
  return { ok: true as const, value: { undoId: nextUndo++, images: images.length, generations: [], binned: [] } satisfies CurationResult };
};

describe('a change to more picked images than one request carries', () => {
  it('goes in parts of at most the contract’s size, every image once, and one Ctrl/Cmd+Z takes all of it back, newest part first', async () => {
    expect(selectedImageRefs()).toHaveLength(GENERATIONS * 4);
    nextUndo = 101;
    bridge.handlers.set('image:rate', curated);
    await rate(4);
    const parts = calls('image:rate').map((input) => (input['target'] as { images: ImageRef[] }).images);
    expect(parts.map((part) => part.length)).toEqual([CURATION_MAX_IMAGES, CURATION_MAX_IMAGES, 1_000]);
    expect(new Set(parts.flat().map((ref) => `${ref.generationId}:${ref.index}`)).size).toBe(GENERATIONS * 4);
    expect(useToastStore.getState().toasts.map((toast) => toast.message)).toEqual(['Rated 9,000 images 4 stars']);
    expect(useToastStore.getState().undos.map((undo) => undo.undoIds)).toEqual([[101, 102, 103]]);

    bridge.answer('image:undo', []);
    await useToastStore.getState().runUndo();
    expect(calls('image:undo')).toEqual([{ undoId: 103 }, { undoId: 102 }, { undoId: 101 }]);
    expect(useToastStore.getState().undos).toEqual([]);
  });

  it('stops at a refusal, says it, and offers the undo of the parts that went through', async () => {
    nextUndo = 201;
    bridge.handlers.set('image:rate', (input) => (nextUndo === 202 ? { ok: false, error: { code: 'library_error', message: 'The disk is full.' } } : curated(input)));
    await rate(2);
    expect(calls('image:rate')).toHaveLength(2);
    expect(useToastStore.getState().toasts.map((toast) => toast.message)).toEqual(['The disk is full.', 'Rated 4,000 of 9,000 images 2 stars']);
    expect(useToastStore.getState().undos.map((undo) => undo.undoIds)).toEqual([[201]]);
  });

  it('an undo refused halfway keeps the parts not yet taken back on the stack, and the next Ctrl/Cmd+Z goes on from there', async () => {
    nextUndo = 301;
    bridge.handlers.set('image:rate', curated);
    await rate(5);
    let undos = 0;
    bridge.handlers.set('image:undo', () => (++undos === 2 ? { ok: false, error: { code: 'library_error', message: 'The library is busy.' } } : { ok: true, value: [] }));
    await useToastStore.getState().runUndo();
    expect(calls('image:undo')).toEqual([{ undoId: 303 }, { undoId: 302 }]);
    expect(useToastStore.getState().undos).toHaveLength(1);
    await useToastStore.getState().runUndo();
    expect(calls('image:undo')).toEqual([{ undoId: 303 }, { undoId: 302 }, { undoId: 302 }, { undoId: 301 }]);
    expect(useToastStore.getState().undos).toEqual([]);
  });

  it('a delete undone in parts brings the trashed generations back into the grid even when a later part is refused', async () => {
    let undoId = 501;
    bridge.handlers.set('image:delete', (input) => {
      const { images } = (input as { target: { images: ImageRef[] } }).target;
      return { ok: true, value: { undoId: undoId++, images: images.length, generations: [], binned: [...new Set(images.map((ref) => ref.generationId))] } satisfies CurationResult };
    });
    await deleteSelected();
    expect(calls('image:delete')).toHaveLength(3);
    expect(useToastStore.getState().toasts.map((toast) => toast.message)).toContain('Deleted 9,000 images');
    let undos = 0;
    bridge.handlers.set('image:undo', () => (++undos === 2 ? { ok: false, error: { code: 'disk_full', message: 'The disk is full.' } } : { ok: true, value: [] }));
    bridge.calls.length = 0;
    await useToastStore.getState().runUndo();
    expect(calls('image:undo')).toEqual([{ undoId: 503 }, { undoId: 502 }]);
    expect(calls('library:search')).toHaveLength(1);
    expect(useToastStore.getState().undos.map((undo) => undo.undoIds)).toEqual([[501, 502, 503]]);
  });

  it('filing goes in parts too: the generations once, the images in parts, one undo for all', async () => {
    const board: Collection = { id: 8, name: 'Keepers', createdAt: 1, images: 0 };
    bridge.answer('collections:list', [board]);
    let undoId = 401;
    bridge.handlers.set('collections:add', (input) => ({ ok: true, value: { images: (input as { images: ImageRef[] }).images, undoId: undoId++ } }));
    await useCollectionsStore.getState().add(board, { selection: true, images: selectedImageRefs(), generationIds: [] });
    expect(calls('collections:add').map((input) => (input['images'] as ImageRef[]).length)).toEqual([CURATION_MAX_IMAGES, CURATION_MAX_IMAGES, 1_000]);
    expect(useToastStore.getState().toasts.map((toast) => toast.message)).toEqual(['Added 9,000 images to “Keepers”']);
    bridge.answer('undo:run', { generations: [], reload: true });
    await useToastStore.getState().runUndo();
    expect(calls('undo:run')).toEqual([{ undoId: 403 }, { undoId: 402 }, { undoId: 401 }]);
  });

  it('filing stopped by a refusal says what went in and what was not sent, not a total it cannot know', async () => {
    const board: Collection = { id: 8, name: 'Keepers', createdAt: 1, images: 0 };
    bridge.answer('collections:list', [board]);
    let parts = 0;
    bridge.handlers.set('collections:add', (input) => {
      parts += 1;
      // the first part: a hundred of its images were in the collection already; the second is refused
      if (parts === 2) return { ok: false, error: { code: 'disk_full', message: 'The disk is full.' } };
      return { ok: true, value: { images: (input as { images: ImageRef[] }).images.slice(100), undoId: 400 + parts } };
    });
    await useCollectionsStore.getState().add(board, { selection: true, images: selectedImageRefs(), generationIds: [] });
    const left = 9_000 - CURATION_MAX_IMAGES;
    expect(useToastStore.getState().toasts.map((toast) => toast.message)).toEqual([
      'The disk is full.',
      `Added ${(CURATION_MAX_IMAGES - 100).toLocaleString('en-US')} images to “Keepers”; ${left.toLocaleString('en-US')} not sent`,
    ]);
  });
});

describe('an export of more picked images than one request carries', () => {
  it('is refused in the contract’s words before the dialog opens (one export is one request)', async () => {
    await exportSelection();
    expect(useExportStore.getState().ids).toBeUndefined();
    expect(useToastStore.getState().toasts.map((toast) => [toast.message, toast.tone])).toEqual([[EXPORT_PICKS_LIMIT, 'error']]);
    expect(bridge.calls.some((call) => call.channel === 'export:start')).toBe(false);
  });
});
