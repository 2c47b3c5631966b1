/**
 * Curating images from the keyboard, the detail view and the selection bar: favourite, rate,
 * reject and delete the shown image, the current tile (a four-up tile: all its images) or every
 * selected generation. Each change goes on the undo stack (Ctrl/Cmd+Z and its toast's "Undo").
 */
import type { QuerySelectionInput } from '../../../shared/bulk.ts';
import type { CurationResult, CurationTarget } from '../../../shared/image-curation.ts';
import type { Generation, ImageInfo, Rating } from '../../../shared/generation.ts';
import type { Result } from '../../../shared/result.ts';
import { api } from '../api.ts';
import { count } from '../lib/format.ts';
import { useCompareStore } from './compare-store.ts';
import { useCurationStore } from './curation-store.ts';
import { gallerySpots, useDetailStore, type Spot } from './detail-store.ts';
import { useGalleryStore } from './gallery-store.ts';
import { deleteGenerations, deleteSelection, selectedGenerations } from './library-actions.ts';
import { withStackImages, withStackMembers } from './stack-actions.ts';
import { applyEverywhere } from './fresh-copies.ts';
import { querySelection, selectedPicks, useSelectionStore } from './selection-store.ts';
import { actOnEverything } from './bulk-actions.ts';
import { toastError, useToastStore } from './toast-store.ts';
import { imagesDone, inParts, undoInParts } from './in-parts.ts';

/** What a change is for, with the images as they are now (to decide a toggle). */
export interface Aim {
  target: CurationTarget;
  images: ImageInfo[];
  /** One image (shown, or the current single-image tile), not whole generations. */
  single: boolean;
  /** The shown image or the current tile, not a selection: auto-advance moves on from it. */
  current: boolean;
  /** After Ctrl/Cmd+A: the change is for everything the search matches (`images` are the loaded ones, to decide a toggle). */
  everything?: QuerySelectionInput;
}

const wholeGenerations = (generations: Generation[], current: boolean): Aim | null =>
  generations.length === 0
    ? null
    : { target: { generations: generations.map((g) => g.id) }, images: generations.flatMap((g) => g.images), single: false, current };

const oneImage = (g: Generation, position: number): Aim | null => {
  const image = g.images[position];
  return image ? { target: { images: [{ generationId: g.id, index: image.index }] }, images: [image], single: true, current: true } : null;
};

/** The focused pane's image in compare; the shown image in the detail view; otherwise the selection; otherwise the current tile. */
export function aim(): Aim | null {
  const compare = useCompareStore.getState();
  const pane = compare.panes[compare.focused];
  if (pane) return oneImage(pane.generation, pane.index);
  const detail = useDetailStore.getState();
  if (detail.open) return oneImage(detail.open, detail.imageIndex);
  if (useSelectionStore.getState().ids.size > 0 || useSelectionStore.getState().everything !== null) return selectionAim();
  const { selected } = detail;
  const gallery = useGalleryStore.getState();
  const g = selected ? gallery.items.find((item) => item.id === selected.id) : undefined;
  if (!g || !selected) return null;
  return gallery.layout === 'images' ? oneImage(g, selected.index) : wholeGenerations([g], true);
}

/**
 * The selection (the selection bar): the picked images of the single-image layout, else every image
 * of the selected generations; after Ctrl/Cmd+A, everything the search matches.
 */
export function selectionAim(): Aim | null {
  const everything = querySelection();
  if (everything !== null) return { target: { generations: [] }, images: selectedGenerations().flatMap((g) => g.images), single: false, current: false, everything };
  const picked = selectedPicks();
  if (picked.length > 0) return { target: { images: picked.map(({ ref }) => ref) }, images: picked.map(({ image }) => image), single: false, current: false };
  return wholeGenerations(selectedGenerations(), false);
}


/** A selection's target with every member of its collapsed stacks (the same image of each, for picked images); null when the core could not say. */
async function withStacks(target: CurationTarget): Promise<CurationTarget | null> {
  if ('generations' in target) {
    const generations = await withStackMembers(target.generations);
    return generations && { generations };
  }
  const images = await withStackImages(target.images);
  return images && { images };
}

/** The grid's tile after the current one, read before a change can hide the current one. */
function upcoming(): Spot | null {
  const detail = useDetailStore.getState();
  const current = detail.selected;
  if (detail.open || !current) return null;
  const { items, layout } = useGalleryStore.getState();
  const spots = gallerySpots(items, layout);
  const at = spots.findIndex((s) => s.id === current.id && (layout === 'generations' || s.index === current.index));
  return at === -1 ? null : (spots[at + 1] ?? null);
}

type Change = { favorite: boolean } | { rating: Rating | null } | { rejected: boolean };

function send(target: CurationTarget, change: Change) {
  if ('favorite' in change) return api.invoke('image:favorite', { target, favorite: change.favorite });
  if ('rating' in change) return api.invoke('image:rate', { target, rating: change.rating });
  return api.invoke('image:reject', { target, rejected: change.rejected });
}

function describe(change: Change, changed: Changed): string {
  const what = changed.images === 1 && changed.left === 0 ? '' : ` ${howMany(changed)}`;
  if ('favorite' in change) return change.favorite ? `Favorited${what}` : `Unfavorited${what}`;
  if ('rating' in change) return change.rating === null ? `Cleared the rating of${what || ' the image'}` : `Rated${what} ${count(change.rating, 'star')}`;
  return change.rejected ? `Rejected${what}` : `Kept${what}`;
}

/** Shows generations as the core now has them, in the grid and the detail view. */
function show(generations: Generation[]): void {
  for (const g of generations) {
    applyEverywhere(g);
  }
}

/** Leaves generations that went to the trash, landing on a neighbour so culling goes on from the keyboard. */
function leave(binned: number[]): void {
  if (binned.length === 0) return;
  const gone = new Set(binned);
  const before = useGalleryStore.getState().items;
  const at = before.findIndex((g) => gone.has(g.id));
  useGalleryStore.getState().removeIds(binned);
  const after = useGalleryStore.getState().items;
  const neighbour = after[Math.min(at === -1 ? 0 : at, after.length - 1)];
  const detail = useDetailStore.getState();
  if (detail.open && gone.has(detail.open.id)) {
    if (neighbour) void detail.show(neighbour.id, 0);
    else detail.close();
  }
  if (detail.selected && gone.has(detail.selected.id)) detail.select(neighbour ? { id: neighbour.id, index: 0 } : null);
}

/** Offers the undo of a change that went through (every part of it): its toast and the Ctrl/Cmd+Z stack. */
function offerUndo(message: string, parts: CurationResult[]): void {
  const undoIds = parts.map((part) => part.undoId);
  let back = 0;
  let missed = false;
  const takeBack = undoInParts(undoIds, (undoId) => api.invoke('image:undo', { undoId }), (generations) => {
    back += 1;
    show(generations);
    missed ||= useGalleryStore.getState().missesUndone(generations);
  });
  useToastStore.getState().offerUndo(message, async () => {
    const end = await takeBack();
    // generations brought back from the trash or into a filtered grid's search come into the grid, even when a later part was refused
    if (back > 0 && (missed || parts.some((part) => part.binned.length > 0))) await useGalleryStore.getState().refresh();
    return end;
  }, undoIds);
}

/** What a change sent in parts did: its parts, and how many images a refusal left unchanged. */
interface Changed {
  parts: CurationResult[];
  images: number;
  left: number;
}

/**
 * Sends a change for these images, in parts when more are picked than one request carries; each
 * part is shown as it answers (a later part's copy is the newer one), and a refusal said. Null
 * when nothing went through.
 */
async function sendInParts(target: CurationTarget, call: (target: CurationTarget) => Promise<Result<CurationResult>>): Promise<Changed | null> {
  const sendShown = async (part: CurationTarget) => {
    const result = await call(part);
    if (result.ok) show(result.value.generations);
    return result;
  };
  // whole generations go at once (the contract takes a selection's worth); images in parts
  const sent = 'images' in target ? await inParts(target.images, (images) => sendShown({ images })) : await inParts([target], ([whole = target]) => sendShown(whole));
  if (sent.error !== null) toastError(sent.error.message);
  if (sent.done.length === 0) return null;
  return { parts: sent.done, images: sent.done.reduce((n, part) => n + part.images, 0), left: sent.left };
}

const howMany = ({ images, left }: Changed) => imagesDone(images, left);

const bulkAction = (change: Change) =>
  'favorite' in change
    ? ({ kind: 'favorite', favorite: change.favorite } as const)
    : 'rating' in change
      ? ({ kind: 'rate', rating: change.rating } as const)
      : ({ kind: 'reject', rejected: change.rejected } as const);

/** Sends one change and offers its undo; false when the library refused it (the toast says why). */
async function curate(target: Aim, change: Change): Promise<boolean> {
  if (target.everything) return actOnEverything(target.everything, bulkAction(change));
  // a selection acts on every member of its collapsed stacks; a key on one tile, on its newest alone
  const spread = target.current ? target.target : await withStacks(target.target);
  if (spread === null) return false;
  const changed = await sendInParts(spread, (part) => send(part, change));
  if (changed === null) return false;
  offerUndo(describe(change, changed), changed.parts);
  return true;
}

/**
 * After a rating or a reject of the shown image or current tile: the next one if the artist asked
 * for it, and in the grid also when the current one has just been hidden (a rejected image).
 */
async function curateAndMove(target: Aim, change: Change): Promise<void> {
  const next = upcoming();
  if (!(await curate(target, change)) || !target.current) return;
  const detail = useDetailStore.getState();
  const autoAdvance = useCurationStore.getState().autoAdvance;
  if (detail.open) {
    if (autoAdvance) detail.stepImage(1);
    return;
  }
  const { items, layout } = useGalleryStore.getState();
  const current = detail.selected;
  const stillShown = current !== null && gallerySpots(items, layout).some((s) => s.id === current.id && s.index === current.index);
  if (next && (autoAdvance || !stillShown)) detail.select(next);
}

/** Favourites (or not) every image aimed at. */
export async function setFavorite(target: Aim | null, favorite: boolean): Promise<void> {
  if (target) await curate(target, { favorite });
}

/** F: favourites every image aimed at, unless all already are: then none is. */
export async function toggleFavorite(target: Aim | null = aim()): Promise<void> {
  if (target) await setFavorite(target, !target.images.every((image) => image.favorite));
}

/** 1–5 rate, 0 clears the rating. */
export async function rate(rating: Rating | null, target: Aim | null = aim()): Promise<void> {
  if (!target) return;
  await curateAndMove(target, { rating });
}

/** X: rejects every image aimed at, unless all already are: then they are kept again. */
export async function toggleReject(target: Aim | null = aim()): Promise<void> {
  if (!target) return;
  await curateAndMove(target, { rejected: !target.images.every((image) => image.rejected) });
}

/** Rejects (or keeps again) exactly these images, with undo: the Duplicates view's keep and reject. */
export async function setRejected(target: Aim | null, rejected: boolean): Promise<boolean> {
  return target ? curate(target, { rejected }) : false;
}

/** Deletes images (to the trash, with undo); a generation that loses its last image goes with it. */
export async function deleteImages(target: Aim): Promise<void> {
  const changed = await sendInParts(target.target, (part) => api.invoke('image:delete', { target: part }));
  if (changed === null) return;
  leave(changed.parts.flatMap((part) => part.binned));
  offerUndo(changed.images === 1 && changed.left === 0 ? 'Deleted the image' : `Deleted ${howMany(changed)}`, changed.parts);
}

/** "Delete selected": everything the search matches, the picked images, or the picked generations, stacks with every member. */
export async function deleteSelected(): Promise<void> {
  const target = selectionAim();
  if (target?.everything) await actOnEverything(target.everything, { kind: 'delete' });
  else if (target && 'images' in target.target) {
    const images = await withStacks(target.target);
    if (images !== null) await deleteImages({ ...target, target: images });
  } else await deleteSelection();
}

/** Delete/Backspace: the shown image, the current single image, or whole generations (selection, four-up tile). */
export async function deleteAimed(): Promise<void> {
  const target = aim();
  if (!target) return;
  if (target.everything) return deleteSelected();
  if (target.single) return deleteImages(target);
  if (!target.current) return deleteSelected();
  const ids = new Set('generations' in target.target ? target.target.generations : []);
  await deleteGenerations(useGalleryStore.getState().items.filter((g) => ids.has(g.id)));
}
