/**
 * The pages thread comes up reading the gallery's first page (threads.ts, firstPageWarmUp), so the
 * window's own first search finds the schema read and the search code run. It only helps if it is
 * the page a fresh window asks for: this holds the core's copy to what the gallery store sends.
 */
import { bridge } from './fake-atelier.ts';
import { expect, it } from 'vitest';
import { firstPageWarmUp } from '../../electron/core/library/threads.ts';
import { useGalleryStore } from '../../renderer/src/stores/gallery-store.ts';

it("the pages thread's warm-up is the first page a fresh window asks for", async () => {
  bridge.reset();
  bridge.answer('library:search', { items: [], nextCursor: null, ignoredTerms: [] });
  bridge.answer('library:count', { total: 0 });
  await useGalleryStore.getState().refresh();
  const asked = bridge.calls.find((call) => call.channel === 'library:search')?.input as { now: number; utcOffsetMinutes: number; forGallery?: true } | undefined;
  expect(asked).toBeDefined();
  // asked as the gallery's page (the core reads only the newest of those waiting), which the thread never sees
  const { forGallery, ...first } = asked!;
  expect(forGallery).toBe(true);
  // the same page but for the clock: the warm-up reads it in UTC
  expect({ ...firstPageWarmUp(first.now), utcOffsetMinutes: first.utcOffsetMinutes }).toEqual(first);
});
