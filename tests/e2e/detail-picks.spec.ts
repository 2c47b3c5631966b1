/**
 * Images picked in the detail view of a generation the gallery has not loaded (reached through its
 * lineage while the gallery shows another search) are kept, counted and compared, on a seeded library.
 */
import type { Page } from '@playwright/test';
import { closeLibrary, openLibrary } from '../../electron/core/library/database.ts';
import { createImages, markImageExpired } from '../../electron/core/library/images.ts';
import { addGeneration } from '../support/library.ts';
import { expect, test } from './fixtures.ts';
import { detail, search, tiles } from './studio.ts';

/** The seeded generations: a lighthouse run, and an edit of it made at night. */
const id: Record<string, number> = {};

test.use({
  seedLibrary: {
    fill(dataDir: string) {
      const db = openLibrary(dataDir);
      const start = Date.now() - 3_600_000;
      const add = (name: string, minutes: number, prompt: string, seed: number, parent?: string) => {
        const generationId = addGeneration(db, start + minutes * 60_000, { prompt, seed }, parent === undefined ? {} : { parentId: id[parent] ?? null }).id;
        id[name] = generationId;
        // finished, with four images whose links expired (nothing is ever fetched)
        createImages(db, generationId, [0, 1, 2, 3].map((i) => ({ remoteUrl: `http://127.0.0.1:9/${generationId}/${i}.png` })));
        for (const i of [0, 1, 2, 3]) markImageExpired(db, generationId, i, 'expired');
        db.prepare("UPDATE generations SET status = 'done' WHERE id = ?").run(generationId);
      };
      add('parent', 1, 'a lighthouse on a cliff', 11);
      add('child', 2, 'a lighthouse on a cliff at night', 12, 'parent');
      closeLibrary(db);
    },
  },
});

const compare = (page: Page) => page.getByRole('region', { name: 'Compare' });
const paneNames = (page: Page) => () => compare(page).locator('[data-pane]').evaluateAll((nodes) => nodes.map((node) => node.getAttribute('aria-label')));

test('images picked in the detail view of a generation the gallery has not loaded are kept, counted and compared', async ({ page, studio: _studio }) => {
  await search(page, 'night');
  await expect(tiles(page)).toHaveCount(1);
  await tiles(page).first().click();
  // its parent, through the Family section: a generation no loaded tile shows
  await detail(page).getByTestId('lineage-parent').click();
  await expect(detail(page).getByTestId('detail-prompt')).toHaveText('a lighthouse on a cliff');
  const strip = detail(page).getByRole('group', { name: 'Images' });
  await strip.getByRole('button', { name: 'Image 2', exact: true }).click({ modifiers: ['ControlOrMeta'] });
  await strip.getByRole('button', { name: 'Image 4', exact: true }).click({ modifiers: ['ControlOrMeta'] });
  // the second pick keeps the first
  await expect(strip.getByRole('button', { name: 'Image 2, picked' })).toBeVisible();
  await expect(strip.getByRole('button', { name: 'Image 4, picked' })).toBeVisible();
  await strip.getByRole('button', { name: 'Compare picked images (2)' }).click();
  await expect.poll(paneNames(page)).toEqual([`#${id.parent} · image 2`, `#${id.parent} · image 4`]);
  await compare(page).getByRole('button', { name: 'Close compare' }).click();
  await page.keyboard.press('Escape');
  await expect(detail(page)).toHaveCount(0);

  // back in the gallery, which still shows only the night run: the selection bar holds the two picks and acts on them
  await expect(tiles(page)).toHaveCount(1);
  await expect(page.getByTestId('selection-count')).toHaveText('2 selected');
  await expect(page.getByTestId('selection-images')).toHaveText('of 1 generation');
  await page.getByRole('toolbar', { name: 'Selection' }).getByRole('button', { name: 'Compare' }).click();
  await expect.poll(paneNames(page)).toEqual([`#${id.parent} · image 2`, `#${id.parent} · image 4`]);
});
