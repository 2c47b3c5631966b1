/**
 * Stacks of reruns in the gallery: opening one (its members, through the `stack:` term), the
 * family view of a tile, and a selection that holds collapsed stacks acting on all their members.
 */
import type { ImageRef } from '../../../shared/curation.ts';
import type { FilingTarget } from '../lib/filing.ts';
import type { Generation } from '../../../shared/generation.ts';
import { api } from '../api.ts';
import { count } from '../lib/format.ts';
import { useDetailStore } from './detail-store.ts';
import { useGalleryStore } from './gallery-store.ts';
import { toastError } from './toast-store.ts';

/** Whether a tile stands for a collapsed stack (two or more reruns). */
export const isStack = (g: Generation): boolean => (g.stackSize ?? 1) > 1;

/** Shows a stack's members: the query `stack:<id>` (unstacked), which the search box shows and clears. */
export function openStack(id: number): void {
  const gallery = useGalleryStore.getState();
  gallery.setText(`stack:${id}`);
  void gallery.refresh();
}

/** "Show family": the generation in the detail view, its Family section (parent, siblings, reruns and edits) in view. */
export async function showFamily(id: number): Promise<void> {
  const detail = useDetailStore.getState();
  detail.select({ id, index: 0 });
  await detail.show(id, 0);
  requestAnimationFrame(() => document.querySelector<HTMLElement>('section[aria-label="Family"]')?.scrollIntoView({ block: 'nearest' }));
}

/**
 * The ids a change to these selected generations must touch: with every member of the collapsed
 * stacks among them (the core knows them all, loaded or not). The ids alone when none is a stack;
 * null when the core could not say (the toast says why), so nothing is half done.
 */
export async function withStackMembers(ids: readonly number[]): Promise<number[] | null> {
  const shown = useGalleryStore.getState().items;
  const chosen = new Set(ids);
  if (!shown.some((g) => chosen.has(g.id) && isStack(g))) return [...ids];
  const members = await api.invoke('library:stackMembers', { ids: [...ids] });
  if (!members.ok) {
    toastError(members.error.message);
    return null;
  }
  return members.value.ids;
}

/**
 * The images a change to these picked images must touch: an image of a collapsed stack brings the
 * same image of every rerun in it (same settings and seed, so image 2 of each is the same picture
 * made again). The refs alone when none is of a stack; null when the core could not say.
 */
export async function withStackImages(refs: readonly ImageRef[]): Promise<ImageRef[] | null> {
  const stacks = new Set(useGalleryStore.getState().items.filter(isStack).map((g) => g.id));
  const heads = [...new Set(refs.map((ref) => ref.generationId).filter((id) => stacks.has(id)))];
  if (heads.length === 0) return [...refs];
  const answers = await Promise.all(heads.map((head) => api.invoke('library:stackMembers', { ids: [head] })));
  const membersOf = new Map<number, number[]>();
  for (const [i, answer] of answers.entries()) {
    if (!answer.ok) {
      toastError(answer.error.message);
      return null;
    }
    membersOf.set(heads[i] as number, answer.value.ids);
  }
  return refs.flatMap((ref) => (membersOf.get(ref.generationId) ?? [ref.generationId]).map((generationId) => ({ generationId, index: ref.index })));
}

/**
 * A selection's filing with every member of its collapsed stacks (the same image of each, for picked
 * images); anything else as it is. Null when the core could not say (the toast says why).
 */
export async function spreadFiling(target: FilingTarget): Promise<FilingTarget | null> {
  if (target.selection !== true || target.everything) return target;
  const images = await withStackImages(target.images);
  const generationIds = images && (await withStackMembers(target.generationIds));
  return images && generationIds && { images, generationIds };
}

/**
 * What the selection bar says picked images touch: "of 2 generations", or with collapsed stacks the
 * images of every rerun ("6 images in 2 stacks").
 */
export function stackedImages(items: readonly Generation[], keys: ReadonlySet<string>): string {
  const byId = new Map(items.map((g) => [g.id, g]));
  const generations = new Set<number>();
  const stacks = new Set<number>();
  let images = 0;
  for (const key of keys) {
    const g = byId.get(Number(key.split(':')[0]));
    if (!g) continue;
    generations.add(g.id);
    images += g.stackSize ?? 1;
    if (isStack(g)) stacks.add(g.id);
  }
  return stacks.size === 0 ? `of ${count(generations.size, 'generation')}` : `${count(images, 'image')} in ${count(stacks.size, 'stack')}`;
}

/** What the selection bar says of a selection holding stacks ("12 generations in 3 stacks"); null when it holds none. */
export function stackedSelection(items: readonly Generation[], ids: ReadonlySet<number>): string | null {
  const picked = items.filter((g) => ids.has(g.id));
  const stacks = picked.filter(isStack);
  if (stacks.length === 0) return null;
  const generations = picked.reduce((n, g) => n + (g.stackSize ?? 1), 0);
  return `${count(generations, 'generation')} in ${count(stacks.length, 'stack')}`;
}
