import { create } from 'zustand';
import type { Generation } from '../../../shared/generation.ts';
import type { QueryProblem } from '../../../shared/query/ast.ts';
import { parseQuery } from '../../../shared/query/parse.ts';
import type { LibrarySearchInput, SearchPage, SearchSort } from '../../../shared/search.ts';
import type { AppError, Result } from '../../../shared/result.ts';
import { api } from '../api.ts';
import { placeFinished } from '../lib/grid-place.ts';
import { keepUnchanged } from '../lib/keep-unchanged.ts';
import { withChip, type ChipState } from '../lib/query-chips.ts';
import { withoutFilters } from '../lib/query-filters.ts';
import type { QueryNode } from '../../../shared/query/ast.ts';
import { useCurationStore } from './curation-store.ts';
import { useQueueStore } from './queue-store.ts';

/** Four-up tiles (one per generation) or every image on its own. */
export type GalleryLayout = 'generations' | 'images';

/** What the gallery shows: one query text, which the search box and the chips both write. */
export interface GalleryQuery {
  text: string;
}

export const emptyQuery: GalleryQuery = { text: '' };
const PAGE = 60;
// A typed search's page is shown once typing pauses this long: a fast typist's keys come ~30 ms
// apart, and on 2 cores the page of each part of a word (the grid laid out and painted again) held
// up the next keys and the whole word's page. It is asked at the key, so it is ready by then.
const TYPING_PAUSE_MS = 40;
// A typed query that does not read as a search (`model:` without a value, `a OR`) is explained
// once typing pauses longer, not at each keystroke on the way to a whole term.
const PROBLEM_PAUSE_MS = 400;
// A list shown while the artist types asks for its pictures once no key has come for this long. Under
// load a fast typist's keys came 40-150 ms apart, so the pages of parts of a word were shown, and each
// asked for and took in ~25 pictures the next page replaced: at 1M on 2 cores that work held up the
// keys and the whole word's page (bench:ui, typing worst 143-293 ms; 74-101 with this). The page shown
// at the pause (40 ms) asks for them about a frame after it is painted anyway, so it waits ~10 ms more.
const PICTURES_PAUSE_MS = 60;
// ...or, while keys come in a rhythm slower than that, for twice the time between the last two keys,
// up to this long. Typed 30 ms a key, the first word after launch came 56-114 ms a key on a machine
// still busy with the start, and the pictures of its parts were asked between keys: of 450 words
// typed at 1M (bench:ui), the 10 shown over 100 ms after their last key were all among the 39 whose
// pictures were asked while they were typed. Keys further apart than this are no rhythm a hold can
// bridge: a page shown between them asks for its pictures after PICTURES_PAUSE_MS, as before, so a
// typist at an everyday pace never waits longer for the word's pictures than this.
const PICTURES_PAUSE_MAX_MS = 150;
// The gallery's total is asked this long after its page is shown, if no other search came meanwhile.
const COUNT_PAUSE_MS = 200;

interface GalleryState {
  query: GalleryQuery;
  /** The "Sort" menu's order; kept apart from the query text, so clearing filters keeps it. */
  sort: SearchSort;
  layout: GalleryLayout;
  items: Generation[];
  nextCursor: string | null;
  /** 'loading' only before the first page of a query has arrived. */
  status: 'idle' | 'loading' | 'ready' | 'error';
  /** The grid shows an earlier search than the one asked (typed) now: its page is on the way (aria-busy). */
  updating: boolean;
  /** A key came in the search box less than a pictures' pause ago (`picturesPause`): a list shown meanwhile waits to ask for its pictures. */
  typing: boolean;
  loadingMore: boolean;
  /** Every generation the search matches, the members of stacked reruns included; null while counted. */
  total: number | null;
  /** While reruns are stacked: how many tiles show them (else null, one tile each). */
  tiles: number | null;
  ignoredTerms: string[];
  /** What is wrong with the typed query, shown under the search box; the grid keeps the last results. */
  problem: QueryProblem | null;
  error: AppError | null;
  /** Where each row of the grid starts (tile index) as laid out now, so ↑/↓ can move by a row. */
  rowStarts: number[];
  /** Generations that just finished while the artist watched: they slide in. */
  fresh: ReadonlySet<number>;
  /** How many first pages the grid has shown: a new list (not a page added by scrolling, nor a run placed in it). */
  firstPages: number;
  setRowStarts(rowStarts: number[]): void;
  setText(text: string): void;
  /** A chip pressed: its term is rewritten in the query text, and the gallery searches at once. */
  setChip<C extends keyof ChipState>(category: C, value: ChipState[C]): void;
  /** The chips' terms taken out of the text, the typed words kept. */
  clearChips(): void;
  clearFilters(): void;
  setSort(sort: SearchSort): void;
  setLayout(layout: GalleryLayout): void;
  /** Reads the first page again; landed runs leave the feed for their place in the grid unless `keepFeed`. */
  refresh(options?: { keepFeed?: boolean }): Promise<void>;
  loadMore(): Promise<void>;
  /** A generation changed: update it if shown; show a run that just finished where it belongs. */
  applyGeneration(generation: Generation): void;
  /**
   * Whether generations an undo gave back need the grid read again: a filtered or sorted grid
   * cannot place one it does not show (it may be back in the search), so the undo reloads it once.
   */
  missesUndone(generations: readonly Generation[]): boolean;
  removeIds(ids: number[]): void;
}

export function hasFilters(q: GalleryQuery): boolean {
  return q.text.trim() !== '';
}

/** The library search for a gallery query: finished generations unless it names a status, in the chosen order, local days. */
export function toSearch(q: GalleryQuery, now: number, sort: SearchSort = 'newest'): LibrarySearchInput {
  const { hideRejected, stackReruns } = useCurationStore.getState();
  return { text: q.text, statuses: ['done'], hideRejected, stacked: stackReruns, sort, now, utcOffsetMinutes: -new Date(now).getTimezoneOffset() };
}

const asksForRejected = (node: QueryNode): boolean =>
  (node.kind === 'flag' && node.flag === 'rejected') ||
  ((node.kind === 'and' || node.kind === 'or') && node.items.some(asksForRejected)) ||
  (node.kind === 'not' && asksForRejected(node.item));

/** Whether rejected single images stay out of the grid: "Hide rejected" is on and the query does not ask for `is:rejected`. */
export function hidesRejected(q: GalleryQuery, hideRejected: boolean): boolean {
  if (!hideRejected) return false;
  const parsed = parseQuery(q.text);
  return !(parsed.ok && parsed.root !== null && asksForRejected(parsed.root));
}

// Generations placed in the grid since it was last read (a rerun that took their tile since counts them already).
const placedHere = new Set<number>();

// Each search gets a number; answers to an older one (the artist kept typing) are dropped.
let generation = 0;
// The search the shown total belongs to.
let totalOf = '';
let typingTimer: ReturnType<typeof setTimeout> | undefined;
let picturesTimer: ReturnType<typeof setTimeout> | undefined;
let lastKeyAt = -Infinity;
let countTimer: ReturnType<typeof setTimeout> | undefined;
// The search whose total is being counted, if one is: a new search stops it (its answer would be
// dropped), so a common word's count (0.2-3 s at 1M) does not read on beside the next word's page.
let counting: number | null = null;
// A typing pause is still to come: the answer for the typed text waits for it (`held`), and its timer
// shows that answer (or explains text that is no search).
let pauseDue = false;
// The page for the typed text, answered before the typing paused: shown when the pause comes.
let held: { mine: number; search: LibrarySearchInput; answer: Result<SearchPage>; keepFeed: boolean } | null = null;
// The search the shown pages belong to: later pages reuse it, clock included, so they continue the same list.
let shown: LibrarySearchInput = toSearch(emptyQuery, 0);

/** The search the shown pages belong to, exactly as sent (Ctrl/Cmd+A selects what it matches). */
export const shownSearch = (): LibrarySearchInput => shown;

export const useGalleryStore = create<GalleryState>((set, get) => ({
  query: emptyQuery,
  sort: 'newest',
  layout: 'generations',
  items: [],
  nextCursor: null,
  status: 'idle',
  updating: false,
  typing: false,
  loadingMore: false,
  total: null,
  tiles: null,
  ignoredTerms: [],
  problem: null,
  error: null,
  rowStarts: [],
  fresh: new Set(),
  firstPages: 0,
  setRowStarts(rowStarts) {
    set({ rowStarts });
  },
  setText(text) {
    const searchable = parseQuery(text).ok;
    set((s) => ({ query: { ...s.query, text }, updating: searchable || s.updating, typing: true }));
    clearTimeout(picturesTimer);
    const keyAt = Date.now();
    picturesTimer = setTimeout(() => set({ typing: false }), picturesPause(keyAt - lastKeyAt));
    lastKeyAt = keyAt;
    clearTimeout(typingTimer);
    pauseDue = true;
    // Asked at the key, shown at the pause: the page is on its way (~15-30 ms at 1M) while the
    // pause runs, rather than asked only once it has passed. Asked at every key, as the gallery's
    // page: the core reads one at a time and, of those asked meanwhile, only the newest (the others
    // answer `conflict`, and are not shown). Asked only once the one under way had answered, under
    // load the whole word's page waited for a part's answer to reach the window first: at 1M,
    // in 5 of bench:ui's 7 words over 100 ms the whole word was asked 56-123 ms after its last key.
    if (searchable) void search(false);
    const paused = () => {
      pauseDue = false;
      const ready = held;
      held = null;
      if (!searchable) void get().refresh();
      else if (ready !== null && ready.mine === generation) present(ready.mine, ready.search, ready.answer, ready.keepFeed);
      // else not answered yet: its answer is shown as it comes
    };
    typingTimer = setTimeout(paused, searchable ? TYPING_PAUSE_MS : PROBLEM_PAUSE_MS);
  },
  setChip(category, value) {
    set((s) => ({ query: { text: withChip(s.query.text, category, value) } }));
    void get().refresh();
  },
  clearChips() {
    set((s) => ({ query: { text: withoutFilters(s.query.text) } }));
    void get().refresh();
  },
  clearFilters() {
    set({ query: emptyQuery });
    void get().refresh();
  },
  setSort(sort) {
    set({ sort });
    void get().refresh();
  },
  setLayout(layout) {
    set({ layout });
    // runs that landed here are four-up tiles in the feed: in the single-image grid their images take their place
    if (layout === 'images' && useQueueStore.getState().landed.length > 0) void get().refresh();
  },
  async refresh({ keepFeed = false } = {}) {
    clearTimeout(typingTimer);
    // a search not typed ends the keys' rhythm
    lastKeyAt = -Infinity;
    pauseDue = false;
    held = null;
    await search(keepFeed);
  },
  async loadMore() {
    const { nextCursor, loadingMore, status } = get();
    if (!nextCursor || loadingMore || status !== 'ready') return;
    const mine = generation;
    const from = shown;
    set({ loadingMore: true });
    const page = await api.invoke('library:search', { ...from, cursor: nextCursor, limit: PAGE });
    // another search since, or its first page shown meanwhile (asked at a key before this): that page
    // replaces these (a text that is no search shows none, so the grid may load more again)
    if (mine !== generation || from !== shown) return set({ loadingMore: false });
    if (!page.ok) {
      set({ loadingMore: false, error: page.error });
      return;
    }
    set((s) => {
      const seen = new Set(s.items.map((g) => g.id));
      return { items: [...s.items, ...page.value.items.filter((g) => !seen.has(g.id))], nextCursor: page.value.nextCursor, loadingMore: false };
    });
  },
  applyGeneration(g) {
    const { items, query, status, sort, nextCursor } = get();
    const index = items.findIndex((item) => item.id === g.id);
    if (index !== -1) {
      const next = [...items];
      // a change pushed by the core carries no stack size (only a stacked page does): the tile keeps its own
      const stackSize = items[index]?.stackSize;
      next[index] = stackSize === undefined ? g : { ...g, stackSize };
      set({ items: next });
      return;
    }
    if (g.status !== 'done' || status === 'idle' || placedHere.has(g.id)) return;
    const landed = useQueueStore.getState().landed.some((run) => run.id === g.id);
    // only the newest-first grid knows where a generation goes without asking the core
    if (hasFilters(query) || sort !== 'newest') {
      // the run that just landed keeps its tile in the feed: this reload is not the artist's. An
      // answer for a generation not shown reloads nothing (a bulk change would reload once per generation).
      if (landed) void get().refresh({ keepFeed: true });
      return;
    }
    const hideRejected = hidesRejected(query, useCurationStore.getState().hideRejected);
    const place = placeFinished(items, g, { stacked: shown.stacked === true, more: nextCursor !== null, hideRejected, landed });
    if (place === null) return;
    placedHere.add(g.id);
    set((s) => ({
      items: place.items,
      // one more generation; a rerun joins or takes over its stack's tile
      total: s.total === null ? null : s.total + 1,
      tiles: s.tiles === null || !place.tile ? s.tiles : s.tiles + 1,
      status: 'ready',
      fresh: place.top ? new Set(s.fresh).add(g.id) : s.fresh,
    }));
  },
  missesUndone(generations) {
    const { items, query, status, sort } = get();
    if (status === 'idle' || (!hasFilters(query) && sort === 'newest')) return false;
    const shown = new Set(items.map((g) => g.id));
    return generations.some((g) => g.status === 'done' && !shown.has(g.id));
  },
  removeIds(ids) {
    const gone = new Set(ids);
    set((s) => {
      const items = s.items.filter((g) => !gone.has(g.id));
      const removed = s.items.length - items.length;
      return { items, total: s.total === null ? null : Math.max(0, s.total - removed), tiles: s.tiles === null ? null : Math.max(0, s.tiles - removed) };
    });
  },
}));

/** How long after a key pictures wait: PICTURES_PAUSE_MS, or twice the keys' own rhythm when that is slower (at most PICTURES_PAUSE_MAX_MS). */
function picturesPause(sinceLastKey: number): number {
  return sinceLastKey > PICTURES_PAUSE_MAX_MS ? PICTURES_PAUSE_MS : Math.min(PICTURES_PAUSE_MAX_MS, Math.max(PICTURES_PAUSE_MS, 2 * sinceLastKey));
}

/** Asks for the first page of what is typed now; shows it unless the artist typed on or a pause is still to come. */
async function search(keepFeed: boolean): Promise<void> {
  const { getState: get, setState: set } = useGalleryStore;
  held = null;
  const parsed = parseQuery(get().query.text);
  if (!parsed.ok) {
    // explained under the box, not sent: the grid keeps what the last good query found (and its total)
    set({ problem: parsed.problem, updating: false });
    return;
  }
  const mine = ++generation;
  if (counting !== null) {
    counting = null;
    void api.invoke('library:stopGalleryCount');
  }
  const asked = toSearch(get().query, Date.now(), get().sort);
  set((s) => ({ status: s.status === 'ready' ? 'ready' : 'loading', updating: true, error: null, problem: null }));
  mark('gallery:page-asked');
  const page = await api.invoke('library:search', { ...asked, limit: PAGE, forGallery: true });
  // typed on since: the newer text's search was asked at its key
  if (mine !== generation) return;
  // replaced in the core by another window's page (the preview host serves several; the core reads
  // only the newest gallery page waiting): asked again, since this one is still the one wanted
  if (!page.ok && page.error.code === 'conflict') return search(keepFeed);
  const now = get().query.text;
  if (now !== asked.text) {
    // text changed with no search of its own (an undo gave a shown collection its name back) is
    // searched now; text that is no search yet is explained by the pause's own timer, after its longer wait
    if (parseQuery(now).ok) void search(false);
    return;
  }
  mark('gallery:page-answered');
  if (pauseDue) held = { mine, search: asked, answer: page, keepFeed };
  else present(mine, asked, page, keepFeed);
}

/**
 * A User Timing mark, only the latest of each name kept: bench:ui (and DevTools' timeline) see from
 * them where a typed word's time went (its page asked, answered and shown), and they never pile up.
 */
function mark(name: 'gallery:page-asked' | 'gallery:page-answered' | 'gallery:page-shown'): void {
  performance.clearMarks(name);
  performance.mark(name);
}

/** Shows a first page's answer: its page, or what went wrong. */
function present(mine: number, asked: LibrarySearchInput, answer: Result<SearchPage>, keepFeed: boolean): void {
  mark('gallery:page-shown');
  if (answer.ok) show(mine, asked, answer.value, keepFeed);
  else useGalleryStore.setState({ status: 'error', updating: false, error: answer.error, items: [], nextCursor: null, total: null, tiles: null });
}

/** Puts a first page in the grid, and asks for its total once the artist has stopped typing. */
function show(mine: number, asked: LibrarySearchInput, page: SearchPage, keepFeed: boolean): void {
  const set = useGalleryStore.setState;
  shown = asked;
  // A total counted for another search would be wrong under this grid: none until the new one comes.
  const counted = JSON.stringify({ ...asked, now: undefined, sort: undefined });
  if (!keepFeed) {
    useQueueStore.getState().clearLanded();
    placedHere.clear();
  }
  set((s) => {
    const items = keepUnchanged(s.items, page.items);
    // the same list is no new list: its rows and pictures stay as they are (useFirstFramePainted)
    return {
      firstPages: items === s.items ? s.firstPages : s.firstPages + 1,
      status: 'ready',
      updating: false,
      items,
      nextCursor: page.nextCursor,
      ignoredTerms: page.ignoredTerms,
      loadingMore: false,
      ...(counted === totalOf ? {} : { total: null, tiles: null }),
    };
  });
  // A count reads every match (0.2-1 s of a core at 1M): asked once typing has stopped, not for
  // each word on the way, and not while the window lays out and paints this page beside it.
  clearTimeout(countTimer);
  countTimer = setTimeout(() => {
    if (mine !== generation) return;
    counting = mine;
    void api.invoke('library:count', { ...asked, forGallery: true }).then((total) => {
      if (counting === mine) counting = null;
      if (mine !== generation) return;
      totalOf = counted;
      set(total.ok ? { total: total.value.total, tiles: total.value.tiles ?? null } : { total: null, tiles: null });
    });
  }, COUNT_PAUSE_MS);
}
