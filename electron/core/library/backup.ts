import { existsSync, mkdirSync, readdirSync, renameSync, rmSync } from 'node:fs';
import path from 'node:path';
import type Database from 'better-sqlite3';
import { Failure } from '../failure.ts';

const KEEP = 3;
const NAME = /^library-(\d{4}-\d{2}-\d{2})\.sqlite$/;

export interface BackupResult {
  /** The backup written now, or null when today's already existed. */
  created: string | null;
  /** Older backups removed to keep the last three. */
  removed: string[];
}

/** The folder holding the rolling backups of the library. */
export function backupsDir(dataDir: string): string {
  return path.join(dataDir, 'backups');
}

/** Writes today's backup of the library unless it exists, then keeps only the newest three. */
export function backupLibrary(db: Database.Database, dataDir: string, now: number = Date.now()): BackupResult {
  const dir = backupsDir(dataDir);
  const day = new Date(now).toISOString().slice(0, 10);
  const target = path.join(dir, `library-${day}.sqlite`);
  let created: string | null = null;
  if (!existsSync(target)) {
    const partial = `${target}.partial`;
    try {
      mkdirSync(dir, { recursive: true });
      rmSync(partial, { force: true });
      // a consistent, compacted copy even while the app writes; renamed only once complete
      db.prepare('VACUUM INTO ?').run(partial);
      renameSync(partial, target);
      created = target;
    } catch (error) {
      rmSync(partial, { force: true });
      throw new Failure('library_error', `Atelier could not back up its library into ${dir}.`, { cause: String(error) });
    }
  }
  const backups = readdirSync(dir)
    .filter((name) => NAME.test(name))
    .sort()
    .reverse();
  const removed = backups.slice(KEEP).map((name) => path.join(dir, name));
  for (const file of removed) rmSync(file, { force: true });
  return { created, removed };
}
