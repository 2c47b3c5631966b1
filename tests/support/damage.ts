import { closeSync, fstatSync, openSync, readFileSync, writeFileSync, writeSync } from 'node:fs';
import Database from 'better-sqlite3';
import { libraryPath } from '../../electron/core/library/database.ts';

/**
 * Damages the library file under a running core the way a failing disk does: pages in the main file
 * are scribbled over (only the index the gallery pages through — a search reads it; marking a
 * favorite does not — or every page but the first), then another connection commits.
 *
 * The commit comes last on purpose: in WAL mode a connection keeps its cached pages until the log
 * changes, so a read on any of the core's connections between a commit and the scribble would keep
 * good copies of the pages and hide the damage for as long as nothing else is written. Committing
 * after the scribble drops every connection's cache whatever was read meanwhile.
 */
export function damageUnderneath(dataDir: string, where: 'gallery index' | 'every page'): void {
  const file = libraryPath(dataDir);
  const other = new Database(file);
  const pageSize = other.pragma('page_size', { simple: true }) as number;
  const pages = other.pragma('page_count', { simple: true }) as number;
  const indexRoot = (other.prepare("SELECT rootpage FROM sqlite_schema WHERE name = 'generations_created'").get() as { rootpage: number }).rootpage;
  other.close();
  // in place, page by page: rewriting the whole file truncated it first, and a page the core's
  // checkpoint thread copied in meanwhile went missing (a short read, not the damage meant)
  const noise = Buffer.alloc(pageSize - 8, 0x5a);
  const fd = openSync(file, 'r+');
  try {
    const scribble = (page: number) => writeSync(fd, noise, 0, noise.length, (page - 1) * pageSize + 8);
    if (where === 'gallery index') scribble(indexRoot);
    else for (let page = 2; page <= pages && page * pageSize <= fstatSync(fd).size; page += 1) scribble(page);
  } finally {
    closeSync(fd);
  }
  dropEveryCache(file);
}

/** A commit that writes only page 1 (never scribbled), so it succeeds on a damaged file and changes the log. */
function dropEveryCache(file: string): void {
  const other = new Database(file);
  other.pragma(`user_version = ${other.pragma('user_version', { simple: true }) as number}`);
  other.close();
}

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

/**
 * Garbles the search index's structure record (FTS5's list of its segments) in a closed library, the
 * way a bad write would: opening and the gallery's pages read it only through a search of words, a
 * merge of the index's segments reads it first. (Its tables are guarded from writes: unsafe mode here.)
 */
export function damageSearchIndexStructure(dataDir: string): void {
  const raw = new Database(libraryPath(dataDir));
  raw.unsafeMode(true);
  raw.prepare("UPDATE generations_search_data SET block = x'00000000ff' WHERE id = 10").run();
  raw.close();
}

/** What a crash leaves behind: a write-ahead log with content. */
export function leaveCrashLog(dataDir: string): void {
  writeFileSync(`${libraryPath(dataDir)}-wal`, Buffer.alloc(100, 1));
}

/**
 * Scribbles, under a running core, over the pages of the library's schema other than the first: a
 * connection opened since (a thread's) cannot read the schema, so even a full check of every page
 * fails before it begins. The log is copied back first, so no good copy of those pages is read from
 * it instead.
 */
export function damageSchemaUnderneath(dataDir: string): void {
  const file = libraryPath(dataDir);
  const other = new Database(file);
  other.pragma('wal_checkpoint(TRUNCATE)');
  const pageSize = other.pragma('page_size', { simple: true }) as number;
  const pages = other.prepare("SELECT pageno FROM dbstat WHERE name = 'sqlite_schema' AND pageno > 1").pluck().all() as number[];
  other.close();
  if (pages.length === 0) throw new Error('the schema fits its first page: nothing to scribble over');
  const noise = Buffer.alloc(pageSize, 0x5a);
  const fd = openSync(file, 'r+');
  try {
    for (const page of pages) writeSync(fd, noise, 0, noise.length, (page - 1) * pageSize);
  } finally {
    closeSync(fd);
  }
}
