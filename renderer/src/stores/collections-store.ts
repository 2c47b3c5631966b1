/**
 * The artist's collections: the sidebar's list, the `B` picker, "Generate into", and filing images
 * in and out with one undo each (the toast and Ctrl/Cmd+Z).
 */
import { create } from 'zustand';
import type { Collection, ImageRef } from '../../../shared/curation.ts';
import { api } from '../api.ts';
import { collectionQuery, type FilingTarget } from '../lib/filing.ts';
import { useDetailStore } from './detail-store.ts';
import { useGalleryStore } from './gallery-store.ts';
import { querySelection, selectedImageRefs, useSelectionStore } from './selection-store.ts';
import { actOnEverything } from './bulk-actions.ts';
import { spreadFiling } from './stack-actions.ts';
import { toastError, useToastStore, type UndoEnd } from './toast-store.ts';
import { inParts, undoInParts } from './in-parts.ts';
import { count } from '../lib/format.ts';
import { undoInCore } from './undo-actions.ts';

interface CollectionsState {
  collections: Collection[];
  /** Where new runs are filed ("Generate into"); null for nowhere. */
  generateInto: number | null;
  /** What the open `B` picker will file; null while it is closed. */
  picking: FilingTarget | null;
  load(): Promise<void>;
  setGenerateInto(id: number | null): void;
  openPicker(target: FilingTarget | null): void;
  closePicker(): void;
  /** Makes a collection; returns it, or null after saying why not. */
  create(name: string): Promise<Collection | null>;
  rename(collection: Collection, name: string): Promise<boolean>;
  remove(collection: Collection): Promise<void>;
  add(collection: Collection, target: FilingTarget): Promise<void>;
  takeOut(collection: Collection, target: FilingTarget): Promise<void>;
  /** Shows the collection in the gallery (writes its `in:` term as the query). */
  show(collection: Collection): void;
}

/** What the selection files: everything the search matches, the picked images, or the picked generations; null when nothing is picked. */
export function selectionTarget(): FilingTarget | null {
  const picked = useSelectionStore.getState().ids;
  const everything = querySelection();
  if (everything !== null) return { images: [], generationIds: [...picked], everything };
  const images = selectedImageRefs();
  if (images.length > 0) return { images, generationIds: [], selection: true };
  return picked.size > 0 ? { images: [], generationIds: [...picked], selection: true } : null;
}

/** What a key or a button acts on now: the open image, else the picked tiles, else the current tile. */
export function currentTarget(): FilingTarget | null {
  const { open, imageIndex, selected } = useDetailStore.getState();
  if (open) return { images: [{ generationId: open.id, index: imageIndex }], generationIds: [] };
  const picked = selectionTarget();
  if (picked !== null) return picked;
  if (!selected) return null;
  return useGalleryStore.getState().layout === 'images' ? { images: [{ generationId: selected.id, index: selected.index }], generationIds: [] } : { images: [], generationIds: [selected.id] };
}

function showQuery(text: string): void {
  useGalleryStore.setState((s) => ({ query: { ...s.query, text } }));
  void useGalleryStore.getState().refresh();
}

/** After a change to a shown collection's members, the gallery shows the truth. */
function refreshIfShowing(name: string): void {
  if (useGalleryStore.getState().query.text.toLowerCase().includes(collectionQuery(name).toLowerCase())) void useGalleryStore.getState().refresh();
}

export const useCollectionsStore = create<CollectionsState>((set, get) => ({
  collections: [],
  generateInto: null,
  picking: null,
  async load() {
    const result = await api.invoke('collections:list');
    if (!result.ok) return toastError(result.error.message);
    const collections = result.value;
    const into = get().generateInto;
    set({ collections, generateInto: into !== null && collections.some((c) => c.id === into) ? into : null });
  },
  setGenerateInto(generateInto) {
    set({ generateInto });
  },
  openPicker(target) {
    if (target === null) return toastError('Choose an image or a generation first, then add it to a collection.');
    set({ picking: target });
  },
  closePicker() {
    set({ picking: null });
  },
  async create(name) {
    const result = await api.invoke('collections:create', { name });
    if (!result.ok) {
      toastError(result.error.message);
      return null;
    }
    await get().load();
    return result.value;
  },
  async rename(collection, name) {
    if (name === collection.name) return true;
    const result = await api.invoke('collections:rename', { id: collection.id, name });
    if (!result.ok) {
      toastError(result.error.message);
      return false;
    }
    const wasShowing = useGalleryStore.getState().query.text === collectionQuery(collection.name);
    if (wasShowing) showQuery(collectionQuery(name));
    await get().load();
    // the core keeps the undo (it survives a restart); a gallery showing the collection follows the old name back
    const { undoId } = result.value;
    if (undoId !== null) useToastStore.getState().offerUndo(`Renamed to “${name}”`, () => undoNaming(undoId), undoId);
    return true;
  },
  async remove(collection) {
    const result = await api.invoke('collections:delete', { id: collection.id });
    if (!result.ok) return toastError(result.error.message);
    if (get().generateInto === collection.id) set({ generateInto: null });
    await get().load();
    refreshIfShowing(collection.name);
    const { undoId } = result.value;
    useToastStore.getState().offerUndo(`Deleted collection “${collection.name}” (its images stay in the library)`, () => undoNaming(undoId), undoId);
  },
  async add(collection, picked) {
    // tiles dragged from the selection bring their collapsed stacks' members now (a drag cannot wait)
    const target = await spreadFiling(picked);
    if (target === null) return;
    if (target.everything) {
      await actOnEverything(target.everything, { kind: 'file', collectionId: collection.id }, { collection: collection.name, after: () => get().load() });
      return;
    }
    const filed = await fileInParts('collections:add', collection, target);
    if (filed === null) return;
    if (filed.images === 0) {
      if (filed.left === 0) useToastStore.getState().show(`Already in “${collection.name}”`);
      return;
    }
    // the undo takes out exactly the images this add filed, nothing that was there before
    useToastStore.getState().offerUndo(`Added ${count(filed.images, 'image')} to “${collection.name}”${notSent(filed.left)}`, undoFiling(collection, filed.undoIds), filed.undoIds);
  },
  async takeOut(collection, picked) {
    const target = await spreadFiling(picked);
    if (target === null) return;
    if (target.everything) {
      await actOnEverything(target.everything, { kind: 'unfile', collectionId: collection.id }, { collection: collection.name, after: () => get().load() });
      return;
    }
    const filed = await fileInParts('collections:remove', collection, target);
    if (filed === null || filed.images === 0) return;
    useToastStore.getState().offerUndo(`Removed ${count(filed.images, 'image')} from “${collection.name}”${notSent(filed.left)}`, undoFiling(collection, filed.undoIds), filed.undoIds);
  },
  show(collection) {
    showQuery(collectionQuery(collection.name));
  },
}));

/**
 * What a refusal left unsent, after what went through. Not "N of M": images already in the
 * collection are passed over and whole generations file all their images, so the picked total is not
 * the sum of what was filed and what was left.
 */
function notSent(left: number): string {
  return left === 0 ? '' : `; ${left.toLocaleString('en-US')} not sent`;
}

/** The undo of a rename or a delete, which the core keeps: the sidebar reads the collections again (undo-actions.ts follows the name in the query). */
function undoNaming(undoId: number): Promise<UndoEnd> {
  return undoInCore(undoId, () => useCollectionsStore.getState().load());
}

/**
 * Files (or takes out) picked images and generations, the images in parts when more are picked than
 * one request carries; the sidebar and a gallery showing the collection read again. What went
 * through: how many images changed and the steps that take them back; null when nothing did.
 */
async function fileInParts(
  channel: 'collections:add' | 'collections:remove', collection: Collection, target: { images: ImageRef[]; generationIds: number[] },
): Promise<{ images: number; left: number; undoIds: number[] } | null> {
  const sent = await inParts(target.images, (images, first) => api.invoke(channel, { id: collection.id, images, generationIds: first ? target.generationIds : [] }));
  if (sent.error !== null) toastError(sent.error.message);
  if (sent.done.length === 0) return null;
  await useCollectionsStore.getState().load();
  refreshIfShowing(collection.name);
  return { images: sent.done.reduce((n, part) => n + part.images.length, 0), left: sent.left, undoIds: sent.done.flatMap((part) => (part.undoId === null ? [] : [part.undoId])) };
}

/** The undo of an add or a removal (each of its parts), which the core keeps: the images it filed or took out go back as they were. */
function undoFiling(collection: Collection, undoIds: readonly number[]): () => Promise<UndoEnd> {
  const takeBack = undoInParts(undoIds, (undoId) => api.invoke('undo:run', { undoId }), () => undefined);
  return async () => {
    const end = await takeBack();
    await useCollectionsStore.getState().load();
    refreshIfShowing(collection.name);
    return end;
  };
}
