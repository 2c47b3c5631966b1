/**
 * Where a finished generation the newest-first grid does not show yet belongs in it: a run that
 * just landed, or one back in the search (a stack's head whose reject was undone). Curation answers
 * and undos for generations the grid rightly leaves out (a rerun stacked under its tile, one hidden
 * as rejected, one below the loaded pages) must not become tiles.
 */
import type { Generation } from '../../../shared/generation.ts';
import { rerunText } from '../../../shared/stacks.ts';

export interface PlaceOptions {
  /** The grid stacks reruns (one tile per stack, its newest member). */
  stacked: boolean;
  /** More pages follow the loaded ones. */
  more: boolean;
  /** Generations whose images are all rejected are out of the grid. */
  hideRejected: boolean;
  /** The queue saw this run land just now (it is new to the search, not a member it already counted). */
  landed: boolean;
}

export interface Placement {
  items: Generation[];
  /** It takes a tile of its own (else it joined or took over a stack's). */
  tile: boolean;
  /** It went to the top of the grid. */
  top: boolean;
}

/** Whether `a` comes after `b` in the newest-first grid: made earlier, or at the same moment with a lower id. */
export const olderThan = (a: Generation, b: Generation): boolean => a.createdAt < b.createdAt || (a.createdAt === b.createdAt && a.id < b.id);

/** `g` put among `items` where the newest-first order has it. */
function inOrder(items: readonly Generation[], g: Generation): { items: Generation[]; at: number } {
  const found = items.findIndex((item) => olderThan(item, g));
  const at = found === -1 ? items.length : found;
  return { items: [...items.slice(0, at), g, ...items.slice(at)], at };
}

/** The grid with `g` in its place, or null when it stays out. */
export function placeFinished(items: readonly Generation[], g: Generation, options: PlaceOptions): Placement | null {
  if (g.images.length === 0 || (options.hideRejected && g.images.every((image) => image.rejected))) return null;
  const rerun = options.stacked ? rerunText(g.effective) : null;
  const head = rerun === null ? undefined : items.find((item) => rerunText(item.effective) === rerun);
  if (head !== undefined) {
    if (olderThan(g, head)) {
      // a member behind its tile: counted there already, unless it is a run that landed after a newer rerun
      if (!options.landed) return null;
      return { items: items.map((item) => (item === head ? { ...head, stackSize: (head.stackSize ?? 1) + 1 } : item)), tile: false, top: false };
    }
    // the stack's newest member now: it takes the tile, and the head it replaces steps back into the stack
    const placed = inOrder(items.filter((item) => item !== head), { ...g, stackSize: (head.stackSize ?? 1) + 1 });
    return { items: placed.items, tile: false, top: placed.at === 0 };
  }
  const last = items.at(-1);
  // below the loaded pages: its own page brings it
  if (options.more && last !== undefined && olderThan(g, last)) return null;
  const placed = inOrder(items, g);
  return { items: placed.items, tile: true, top: placed.at === 0 };
}
