/**
 * The grid follows the typing: a search is asked at each key, as the gallery's page (the core reads
 * only the newest of those waiting), and its page is shown once typing pauses (40 ms); a page for
 * text no longer typed is never shown. Only the shown search's total is asked, as the gallery's,
 * once typing has stopped (200 ms after its page).
 */
import { bridge, generation } from './fake-atelier.ts';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import type { Result } from '../../shared/result.ts';
import { useGalleryStore } from '../../renderer/src/stores/gallery-store.ts';
import { useCurationStore } from '../../renderer/src/stores/curation-store.ts';
import { useQueueStore } from '../../renderer/src/stores/queue-store.ts';

/** library:search answers held until the test lets each go, in any order; `replaced` answers as the core does a gallery page a newer one replaced. */
function heldSearches() {
  const held: { text: string; cursor?: string; answer(ids: number[], nextCursor?: string): void; replaced(): void }[] = [];
  bridge.handlers.set('library:search', ((input: { text: string; cursor?: string }) =>
    new Promise<Result<unknown>>((resolve) => {
      held.push({
        text: input.text,
        ...(input.cursor === undefined ? {} : { cursor: input.cursor }),
        answer: (ids, nextCursor) => resolve({ ok: true, value: { items: ids.map((id) => generation(id)), nextCursor: nextCursor ?? null, ignoredTerms: [] } }),
        replaced: () => resolve({ ok: false, error: { code: 'conflict', message: 'A newer search replaced this page before it was read.' } }),
      });
    })) as unknown as (input: unknown) => Result<unknown>);
  return held;
}
const shownIds = () => useGalleryStore.getState().items.map((g) => g.id);
const asked = (channel: 'library:search' | 'library:count') => bridge.calls.filter((call) => call.channel === channel).map((call) => call.input as { text: string; forGallery?: boolean });
/** Keys typed 30 ms apart, as a fast typist's. */
async function type(...texts: string[]) {
  for (const text of texts) {
    useGalleryStore.getState().setText(text);
    await vi.advanceTimersByTimeAsync(30);
  }
}

beforeEach(async () => {
  bridge.reset();
  useCurationStore.setState({ stackReruns: false, hideRejected: false });
  useQueueStore.setState({ items: [], landed: [] });
  bridge.answer('library:search', { items: [generation(1)], nextCursor: null, ignoredTerms: [] });
  bridge.answer('library:count', { total: 1 });
  useGalleryStore.setState({ query: { text: '' }, items: [] });
  await useGalleryStore.getState().refresh();
  bridge.calls.length = 0;
  vi.useFakeTimers();
});
afterEach(() => {
  vi.useRealTimers();
});

describe('typing a search', () => {
  it('asks at each key, shows the page once a fast typist pauses, and counts once typing has stopped', async () => {
    // each text's page is told apart by its one generation: 10 + its length
    bridge.handlers.set('library:search', ((input: { text: string }) => ({
      ok: true,
      value: { items: [generation(10 + input.text.length)], nextCursor: null, ignoredTerms: [] },
    })) as unknown as (input: unknown) => Result<unknown>);
    await type('n', 'ne', 'neo', 'neon');
    expect(asked('library:search').map((search) => search.text)).toEqual(['n', 'ne', 'neo', 'neon']);
    // answered, but the typing has not paused: no page of a part of the word is painted
    expect(shownIds()).toEqual([1]);
    expect(useGalleryStore.getState().updating).toBe(true);
    await vi.advanceTimersByTimeAsync(10);
    expect(shownIds()).toEqual([14]);
    expect(useGalleryStore.getState().updating).toBe(false);
    expect(asked('library:search')).toHaveLength(4);
    expect(asked('library:count')).toEqual([]);
    await vi.advanceTimersByTimeAsync(199);
    expect(asked('library:count')).toEqual([]);
    await vi.advanceTimersByTimeAsync(1);
    expect(asked('library:count')).toMatchObject([{ text: 'neon', forGallery: true }]);
  });

  it("a word's page equal to the one its part showed leaves the grid's list as it is: no tile is drawn again", async () => {
    bridge.answer('library:search', { items: [generation(4), generation(3)], nextCursor: null, ignoredTerms: [] });
    await type('lighthou');
    await vi.advanceTimersByTimeAsync(10);
    const { items: shown, firstPages } = useGalleryStore.getState();
    expect(shown.map((g) => g.id)).toEqual([4, 3]);
    await type('lighthous');
    await vi.advanceTimersByTimeAsync(10);
    expect(useGalleryStore.getState()).toMatchObject({ updating: false, query: { text: 'lighthous' } });
    expect(useGalleryStore.getState().items).toBe(shown);
    // and no new list: its rows and pictures stay as they are
    expect(useGalleryStore.getState().firstPages).toBe(firstPages);
  });

  it('a word typed on before its total was asked is never counted', async () => {
    await type('neon');
    await vi.advanceTimersByTimeAsync(10 + 100);
    await type('neons');
    await vi.advanceTimersByTimeAsync(10 + 200);
    expect(asked('library:count').map((count) => count.text)).toEqual(['neons']);
  });

  it('a total still being counted is stopped at the next search, and one already answered is not', async () => {
    const stops = () => bridge.calls.filter((call) => call.channel === 'library:stopGalleryCount').length;
    bridge.answer('library:stopGalleryCount', undefined);
    let answerCount: (total: number) => void = () => undefined;
    const heldCount = () =>
      new Promise<Result<unknown>>((resolve) => {
        answerCount = (total) => {
          resolve({ ok: true, value: { total } });
        };
      });
    bridge.handlers.set('library:count', heldCount as unknown as (input: unknown) => Result<unknown>);
    await type('neon');
    await vi.advanceTimersByTimeAsync(10 + 200);
    expect(asked('library:count').map((count) => count.text)).toEqual(['neon']);
    expect(stops()).toBe(0);
    // typing on while "neon" is counted: the first key stops that count
    await type('neon c');
    expect(stops()).toBe(1);
    await type('neon ca');
    expect(stops()).toBe(1);
    answerCount(9);
    await vi.advanceTimersByTimeAsync(10 + 200);
    expect(asked('library:count').map((count) => count.text)).toEqual(['neon', 'neon ca']);
    answerCount(4);
    await vi.advanceTimersByTimeAsync(0);
    expect(useGalleryStore.getState().total).toBe(4);
    // its total answered: the next search has nothing to stop
    await type('neon cat');
    expect(stops()).toBe(1);
  });

  it("asks at every key as the gallery's page, and a page for text typed over is never shown, however late it answers", async () => {
    const held = heldSearches();
    await type('l', 'li', 'lig');
    // each key asks while the ones before still run: the core reads only the newest of those waiting
    expect(asked('library:search')).toMatchObject([
      { text: 'l', forGallery: true },
      { text: 'li', forGallery: true },
      { text: 'lig', forGallery: true },
    ]);
    await vi.advanceTimersByTimeAsync(100);
    expect(useGalleryStore.getState().updating).toBe(true);
    // "lig" answers first (after the pause: shown as it comes), then "l" late, and "li" as replaced
    held[2]!.answer([9]);
    await vi.advanceTimersByTimeAsync(0);
    expect(shownIds()).toEqual([9]);
    expect(useGalleryStore.getState().updating).toBe(false);
    held[0]!.answer([7, 6]);
    held[1]!.replaced();
    await vi.advanceTimersByTimeAsync(0);
    expect(shownIds()).toEqual([9]);
    expect(useGalleryStore.getState()).toMatchObject({ status: 'ready', error: null });
    // an older page replaced is not asked again
    expect(held).toHaveLength(3);
    // the total asked is the shown search's, as the gallery's (only the newest is counted)
    await vi.advanceTimersByTimeAsync(200);
    expect(asked('library:count')).toMatchObject([{ text: 'lig', forGallery: true }]);
  });

  it("the page still wanted, replaced in the core by another window's, is asked again and shown, never told as an error", async () => {
    const held = heldSearches();
    await type('fog');
    held[0]!.replaced();
    await vi.advanceTimersByTimeAsync(0);
    expect(held.map((search) => search.text)).toEqual(['fog', 'fog']);
    expect(useGalleryStore.getState()).toMatchObject({ error: null, updating: true });
    held[1]!.answer([5]);
    await vi.advanceTimersByTimeAsync(20);
    expect(shownIds()).toEqual([5]);
    expect(useGalleryStore.getState()).toMatchObject({ status: 'ready', error: null, updating: false });
  });

  it("a next page asked before a newer first page was shown is not added to it", async () => {
    const held = heldSearches();
    await type('fog');
    held[0]!.answer([9, 8], 'fog-cursor');
    await vi.advanceTimersByTimeAsync(20);
    expect(shownIds()).toEqual([9, 8]);
    // a key asks for "fogs", and the artist scrolls to the end before its page is shown
    await type('fogs');
    void useGalleryStore.getState().loadMore();
    await vi.advanceTimersByTimeAsync(0);
    expect(held.map((search) => [search.text, search.cursor])).toEqual([['fog', undefined], ['fogs', undefined], ['fog', 'fog-cursor']]);
    held[1]!.answer([4]);
    await vi.advanceTimersByTimeAsync(20);
    expect(shownIds()).toEqual([4]);
    held[2]!.answer([7, 6]);
    await vi.advanceTimersByTimeAsync(0);
    expect(shownIds()).toEqual([4]);
    expect(useGalleryStore.getState()).toMatchObject({ loadingMore: false, nextCursor: null });
  });

  it('text changed under a search with no search of its own (an undo giving a collection its name back) is searched when that one answers', async () => {
    const held = heldSearches();
    useGalleryStore.setState({ query: { text: 'in:Moodboard' } });
    void useGalleryStore.getState().refresh();
    await vi.advanceTimersByTimeAsync(0);
    useGalleryStore.setState((s) => ({ query: { ...s.query, text: 'in:"Moodboard 2"' } }));
    held[0]!.answer([5]);
    await vi.advanceTimersByTimeAsync(0);
    expect(held.map((search) => search.text)).toEqual(['in:Moodboard', 'in:"Moodboard 2"']);
    held[1]!.answer([6]);
    await vi.advanceTimersByTimeAsync(0);
    expect(shownIds()).toEqual([6]);
    expect(useGalleryStore.getState().updating).toBe(false);
  });

  it('text that does not read as a search (yet) is explained once typing pauses longer, and nothing is searched', async () => {
    await type('model:', 'model:n');
    expect(useGalleryStore.getState().problem).toBeNull();
    await vi.advanceTimersByTimeAsync(369); // 400 ms after the last key, less 1
    expect(useGalleryStore.getState().problem).toBeNull();
    await vi.advanceTimersByTimeAsync(1);
    expect(useGalleryStore.getState().problem).not.toBeNull();
    expect(asked('library:search')).toEqual([]);
    // a whole term is searched at its key, and shown after the short pause
    await type('model:niji');
    expect(asked('library:search').map((search) => search.text)).toEqual(['model:niji']);
    expect(useGalleryStore.getState().problem).toBeNull();
  });

  it('a search typed after text that was no search goes at its key, and the slow one before is never shown: the grid is never left busy', async () => {
    const held = heldSearches();
    await type('a');
    await type('a OR');
    await vi.advanceTimersByTimeAsync(400);
    expect(useGalleryStore.getState().problem).not.toBeNull();
    await type('a OR b');
    await vi.advanceTimersByTimeAsync(100);
    expect(held.map((search) => search.text)).toEqual(['a', 'a OR b']);
    held[0]!.answer([5]);
    await vi.advanceTimersByTimeAsync(0);
    expect(shownIds()).toEqual([1]);
    held[1]!.answer([8]);
    await vi.advanceTimersByTimeAsync(0);
    expect(shownIds()).toEqual([8]);
    expect(useGalleryStore.getState()).toMatchObject({ updating: false, problem: null });
  });

  it('text that is no search yet, typed while a search runs, waits for the longer pause, and the shown total stays', async () => {
    bridge.answer('library:count', { total: 7 });
    await type('cat');
    await vi.advanceTimersByTimeAsync(10 + 200);
    expect(useGalleryStore.getState().total).toBe(7);
    const held = heldSearches();
    await type('cat m', 'cat m:');
    held[0]!.answer([3]);
    await vi.advanceTimersByTimeAsync(0);
    expect(useGalleryStore.getState().problem).toBeNull();
    expect(held.map((search) => search.text)).toEqual(['cat m']);
    await vi.advanceTimersByTimeAsync(400);
    expect(useGalleryStore.getState().problem).not.toBeNull();
    expect(useGalleryStore.getState()).toMatchObject({ total: 7, updating: false });
  });

  it('a failed search while typing is told once, at the pause, and not asked again', async () => {
    bridge.handlers.set('library:search', (() => ({ ok: false, error: { code: 'library_error', message: 'Atelier could not read its library.' } })) as unknown as (input: unknown) => Result<unknown>);
    await type('fog');
    expect(useGalleryStore.getState().error).toBeNull();
    await vi.advanceTimersByTimeAsync(10);
    expect(useGalleryStore.getState()).toMatchObject({ status: 'error', error: { message: 'Atelier could not read its library.' } });
    await vi.advanceTimersByTimeAsync(500);
    expect(asked('library:search').map((search) => search.text)).toEqual(['fog']);
  });
  it('says the artist is typing from the first key until keys have stopped for 60 ms, or for twice their own pace when slower (at most 150 ms), so pages of parts of a word ask for no pictures', async () => {
    const typing = () => useGalleryStore.getState().typing;
    bridge.handlers.set('library:search', ((input: { text: string }) => ({
      ok: true,
      value: { items: [generation(10 + input.text.length)], nextCursor: null, ignoredTerms: [] },
    })) as unknown as (input: unknown) => Result<unknown>);
    /** Types `text`; the artist is said to be typing for exactly `ms` after it. */
    const typedFor = async (text: string, ms: number) => {
      useGalleryStore.getState().setText(text);
      await vi.advanceTimersByTimeAsync(ms - 1);
      expect(typing()).toBe(true);
      await vi.advanceTimersByTimeAsync(1);
      expect(typing()).toBe(false);
    };
    expect(typing()).toBe(false);
    // a first key: 60 ms
    await typedFor('n', 60);
    // keys 50 ms apart (as a fast typist's come on a busy machine): each part of the word is shown at
    // its pause (40 ms), still while typing, which lasts twice their pace after the last
    for (const text of ['ne', 'neo']) {
      useGalleryStore.getState().setText(text);
      await vi.advanceTimersByTimeAsync(45);
      expect(shownIds()).toEqual([10 + text.length]);
      expect(typing()).toBe(true);
      await vi.advanceTimersByTimeAsync(5);
    }
    await typedFor('neon', 100);
    // keys 100 ms apart: at most 150 ms
    await typedFor('neon c', 150);
    // keys further apart than that are no rhythm a hold bridges: 60 ms again
    await vi.advanceTimersByTimeAsync(10);
    await typedFor('neon ca', 60);
    // a chip or a sort reloads the grid without a key: its pictures are not held back
    useGalleryStore.getState().setSort('oldest');
    await vi.advanceTimersByTimeAsync(0);
    expect(typing()).toBe(false);
  });
});
