import { existsSync, readdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import Database from 'better-sqlite3';
import { describe, expect, it } from 'vitest';
import { backupLibrary, backupsDir } from '../../electron/core/library/backup.ts';
import type { Library } from '../../electron/core/library/database.ts';
import { curateImages } from '../../electron/core/library/curation.ts';
import { markDone, markFailed, markSubmitted, markSubmitting, setCredits, softDelete } from '../../electron/core/library/generations.ts';
import { createImages, markImageDownloaded } from '../../electron/core/library/images.ts';
import { creditsPerDay, lastKnownBalance, libraryStats, recordBalance } from '../../electron/core/library/stats.ts';
import { addGeneration } from '../support/library.ts';
import { libraryPerTest, type TempLibrary } from '../support/library-per-test.ts';
import { purgeBinnedBefore } from '../support/purge.ts';

let library: TempLibrary;
let db: Library;
libraryPerTest((fresh) => ({ db } = library = fresh));

const DAY = 86_400_000;
const NOW = Date.UTC(2026, 10, 23, 12);

function charged(submittedAt: number, credits: number, images = 0) {
  const g = addGeneration(db, submittedAt - 10, { prompt: `run at ${submittedAt}` });
  markSubmitting(db, g.id, submittedAt - 5);
  markSubmitted(db, g.id, `task-${g.id}`, submittedAt);
  setCredits(db, g.id, credits);
  if (images > 0) {
    createImages(db, g.id, Array.from({ length: images }, (_, i) => ({ remoteUrl: `https://cdn.example/${g.id}/${i}` })));
    for (let i = 0; i < images; i += 1) {
      markImageDownloaded(db, g.id, i, { file: `images/${g.id}-${i}.png`, thumbnail: null, bytes: 100, sha256: 'x', fileSha256: 'y', width: 1, height: 1 });
    }
  }
  return markDone(db, g.id, submittedAt + 60_000);
}

describe('stats', () => {
  it('counts generations, images, favourites, statuses, bytes and credits; binned ones leave the counts', () => {
    const a = charged(NOW - DAY, 12, 4);
    const b = charged(NOW, 12, 2);
    const queued = addGeneration(db, NOW, { prompt: 'waiting its turn' });
    const failed = addGeneration(db, NOW, { prompt: 'will fail' });
    markSubmitting(db, failed.id);
    markFailed(db, failed.id, 'api_busy', 'busy');
    curateImages(db, { generations: [a.id, b.id] }, { favorite: true });
    softDelete(db, [b.id], NOW);
    const stats = libraryStats(db);
    expect(stats).toMatchObject({ generations: 3, images: 4, favorites: 1, bytes: 600, creditsSpent: 24 });
    expect(stats.byStatus).toMatchObject({ done: 1, queued: 1, failed: 1, waiting: 0 });
    expect(queued.status).toBe('queued');
    purgeBinnedBefore(db, NOW + 1);
    expect(libraryStats(db)).toMatchObject({ bytes: 400, creditsSpent: 24 });
  });

  it('sums credits per local day over the last 30 days, purged generations included', () => {
    charged(NOW, 12);
    charged(NOW - 2 * 3_600_000, 12);
    charged(NOW - 3 * DAY, 12);
    const purged = charged(NOW - 3 * DAY + 1000, 6);
    charged(NOW - 40 * DAY, 12);
    softDelete(db, [purged.id], NOW);
    purgeBinnedBefore(db, NOW + 1);
    const days = creditsPerDay(db, { now: NOW, utcOffsetMinutes: 0 });
    expect(days).toHaveLength(30);
    expect(days.at(-1)).toEqual({ day: '2026-11-23', credits: 24 });
    expect(days.at(-4)).toEqual({ day: '2026-11-20', credits: 18 });
    expect(days.reduce((sum, d) => sum + d.credits, 0)).toBe(42);
    // thirteen hours east of UTC, noon UTC is already tomorrow
    expect(creditsPerDay(db, { now: NOW, utcOffsetMinutes: 13 * 60 }).at(-1)?.day).toBe('2026-11-24');
  });

  it('remembers the last balance the API reported', () => {
    expect(lastKnownBalance(db, 'kinovi')).toBeNull();
    recordBalance(db, 40, 'kinovi', 1);
    recordBalance(db, 4, 'kinovi', 2);
    expect(lastKnownBalance(db, 'kinovi')).toEqual({ credits: 4, observedAt: 2 });
  });
});

describe('backups', () => {
  it('writes one backup a day, a readable copy, and keeps the last three', async () => {
    addGeneration(db, 1, { prompt: 'precious work' });
    const first = await backupLibrary(db, library.dataDir, NOW);
    expect(first.created).toBe(path.join(backupsDir(library.dataDir), 'library-2026-11-23.sqlite'));
    expect(await backupLibrary(db, library.dataDir, NOW + 3_600_000)).toEqual({ created: null, removed: [] });
    const copy = new Database(first.created ?? '', { readonly: true });
    expect(copy.prepare('SELECT prompt FROM generations').all()).toEqual([{ prompt: 'precious work' }]);
    copy.close();
    writeFileSync(path.join(backupsDir(library.dataDir), 'notes.txt'), 'not a backup');
    for (let day = 1; day <= 3; day += 1) await backupLibrary(db, library.dataDir, NOW + day * DAY);
    expect(readdirSync(backupsDir(library.dataDir)).sort()).toEqual([
      'library-2026-11-24.sqlite', 'library-2026-11-25.sqlite', 'library-2026-11-26.sqlite', 'notes.txt',
    ]);
    expect(existsSync(first.created ?? '')).toBe(false);
  });
});
