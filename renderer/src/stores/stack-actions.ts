/**
 * Stacks of reruns in the gallery: opening one (its members, through the `stack:` term), the
 * family view of a tile, and a selection that holds collapsed stacks acting on all their members.
 */
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

/** What the selection bar says of a selection holding stacks ("12 generations in 3 stacks"); null when it holds none. */
export function stackedSelection(items: readonly Generation[], ids: ReadonlySet<number>): string | null {
  const picked = items.filter((g) => ids.has(g.id));
  const stacks = picked.filter(isStack);
  if (stacks.length === 0) return null;
  const generations = picked.reduce((n, g) => n + (g.stackSize ?? 1), 0);
  return `${count(generations, 'generation')} in ${count(stacks.length, 'stack')}`;
}
