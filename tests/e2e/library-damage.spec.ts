import { copyFileSync, mkdirSync } from 'node:fs';
import path from 'node:path';
import { closeLibrary, libraryPath, openLibrary } from '../../electron/core/library/database.ts';
import { buildSyntheticLibrary } from '../../scripts/lib/synthetic-library.ts';
import { damageUnderneath } from '../support/damage.ts';
import { expect, test } from './fixtures.ts';
import { screenshot, search } from './studio.ts';

const BACKUP = 'library-2025-01-02.sqlite';

test.use({
  seedLibrary: {
    fill(dataDir: string) {
      const db = openLibrary(dataDir);
      buildSyntheticLibrary(db, 300, Date.UTC(2025, 0, 1));
      db.prepare("UPDATE generations SET dismissed = 1 WHERE status <> 'done'").run();
      closeLibrary(db);
      // a closed, checked library file is what the daily backup leaves
      mkdirSync(path.join(dataDir, 'backups'));
      copyFileSync(libraryPath(dataDir), path.join(dataDir, 'backups', BACKUP));
    },
  },
});

test('damage found while the studio is open: it says writing stopped and names the backup to restore', async ({ page, studio }) => {
  await expect(page.getByTestId('library-damaged')).toHaveCount(0);
  damageUnderneath(studio.dataDir, 'every page');
  await search(page, 'anything');
  const banner = page.getByTestId('library-damaged');
  await expect(banner).toContainText('The library file is damaged, so Atelier has stopped writing to it.');
  await expect(banner).toContainText(path.join(studio.dataDir, 'backups', BACKUP));
  await screenshot(page, 'library-damaged');
});
