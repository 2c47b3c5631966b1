import { readFileSync, writeFileSync } from 'node:fs';
import Database from 'better-sqlite3';
import { libraryPath } from '../../electron/core/library/database.ts';

/**
 * Scribbles over the root page of the seed index of a closed library: opening, start-up and the
 * gallery never read that index, so only a full check of every page finds the damage.
 */
export function damageSeedIndex(dataDir: string): void {
  const file = libraryPath(dataDir);
  const raw = new Database(file);
  const pageSize = raw.pragma('page_size', { simple: true }) as number;
  const root = (raw.prepare("SELECT rootpage FROM sqlite_schema WHERE name = 'generations_seed'").get() as { rootpage: number }).rootpage;
  raw.close();
  const bytes = readFileSync(file);
  bytes.fill(0x5a, (root - 1) * pageSize + 8, root * pageSize);
  writeFileSync(file, bytes);
}

/** What a crash leaves behind: a write-ahead log with content. */
export function leaveCrashLog(dataDir: string): void {
  writeFileSync(`${libraryPath(dataDir)}-wal`, Buffer.alloc(100, 1));
}
