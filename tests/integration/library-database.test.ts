import { readFileSync, writeFileSync } from 'node:fs';
import Database from 'better-sqlite3';
import { afterEach, describe, expect, it } from 'vitest';
import { checkLibrary, closeLibrary, libraryPath, needsFullCheck, openLibrary } from '../../electron/core/library/database.ts';
import { getGeneration } from '../../electron/core/library/generations.ts';
import { LATEST_VERSION, migrate, schemaVersion } from '../../electron/core/library/migrations.ts';
import { searchGenerations } from '../../electron/core/library/search.ts';
import { Failure } from '../../electron/core/failure.ts';
import { tempDir } from '../support/temp-dir.ts';

const dirs: { remove(): void }[] = [];
afterEach(() => {
  for (const dir of dirs.splice(0)) dir.remove();
});
function folder(): string {
  const dir = tempDir('atelier-library-');
  dirs.push(dir);
  return dir.path;
}

function failureOf(run: () => unknown): Failure {
  try {
    run();
  } catch (error) {
    if (error instanceof Failure) return error;
    throw error;
  }
  throw new Error('expected a Failure');
}

describe('opening the library', () => {
  it('creates library.sqlite at the latest version with WAL and foreign keys on', () => {
    const dataDir = folder();
    const db = openLibrary(dataDir);
    expect(db.name).toBe(libraryPath(dataDir));
    expect(schemaVersion(db)).toBe(LATEST_VERSION);
    expect(db.pragma('journal_mode', { simple: true })).toBe('wal');
    expect(db.pragma('foreign_keys', { simple: true })).toBe(1);
    expect(db.pragma('synchronous', { simple: true })).toBe(1);
    expect(db.pragma('busy_timeout', { simple: true })).toBe(5000);
    closeLibrary(db);
    const again = openLibrary(dataDir);
    expect(schemaVersion(again)).toBe(LATEST_VERSION);
    closeLibrary(again);
  });

  it("begins the core's transactions by taking the write lock, so a background writer's commit between a read and a write cannot fail them", () => {
    const dataDir = folder();
    const db = openLibrary(dataDir);
    // the upkeep thread's connection, as a fill opens it (no wait of its own here, so a held lock shows at once)
    const upkeep = new Database(libraryPath(dataDir));
    const tagged = (name: string) => upkeep.prepare('INSERT INTO tags (name, created_at) VALUES (?, 0)').run(name);
    let upkeepFailure: unknown = null;
    const rename = db.transaction(() => {
      const count = db.prepare('SELECT count(*) AS n FROM tags').get() as { n: number };
      // begun deferred, this commit would make the write below fail with "database is locked" whatever busy_timeout says
      try {
        tagged('from the fill');
      } catch (error) {
        upkeepFailure = error;
      }
      db.prepare('INSERT INTO tags (name, created_at) VALUES (?, 0)').run(`after ${count.n}`);
    });
    expect(() => rename()).not.toThrow();
    expect(String(upkeepFailure)).toMatch(/locked|busy/iu);
    // the lock is given back at the end: the fill's next step goes through
    tagged('next step');
    expect(db.prepare('SELECT name FROM tags ORDER BY id').pluck().all()).toEqual(['after 0', 'next step']);
    // held read-only after damage (health.ts), its transactions still read
    db.pragma('query_only = ON');
    expect(db.transaction(() => db.prepare('SELECT count(*) FROM tags').pluck().get())()).toBe(2);
    upkeep.close();
    closeLibrary(db);
  });

  it('refuses a library made by a newer Atelier, in words an artist reads, and leaves it untouched', () => {
    const dataDir = folder();
    const raw = new Database(libraryPath(dataDir));
    raw.pragma(`user_version = ${LATEST_VERSION + 5}`);
    raw.close();
    const failure = failureOf(() => openLibrary(dataDir));
    expect(failure.code).toBe('library_error');
    expect(failure.message).toMatch(/newer version of Atelier.*update Atelier to open it/);
    const check = new Database(libraryPath(dataDir));
    expect(schemaVersion(check)).toBe(LATEST_VERSION + 5);
    check.close();
  });

  it('refuses a file that is not a SQLite database', () => {
    const dataDir = folder();
    writeFileSync(libraryPath(dataDir), 'this is not a database at all, just some text '.repeat(200));
    const failure = failureOf(() => openLibrary(dataDir));
    expect(failure.code).toBe('library_damaged');
    expect(failure.message).toMatch(/damaged/);
  });

  it('refuses a database whose pages are corrupt', () => {
    const dataDir = folder();
    const db = openLibrary(dataDir);
    const insert = db.prepare("INSERT INTO images (generation_id, idx, remote_url) VALUES (?, 0, 'x')");
    db.pragma('foreign_keys = OFF');
    for (let i = 0; i < 2000; i += 1) insert.run(i);
    closeLibrary(db);
    // scribble over the middle of the file, past the header, where table and index pages live
    const file = libraryPath(dataDir);
    const raw = new Database(file);
    const pageSize = raw.pragma('page_size', { simple: true }) as number;
    const pages = raw.pragma('page_count', { simple: true }) as number;
    raw.close();
    const bytes = readFileSync(file);
    for (let p = 2; p < pages; p += 2) bytes.fill(0x5a, p * pageSize + 8, p * pageSize + 64);
    writeFileSync(file, bytes);
    const failure = failureOf(() => openLibrary(dataDir));
    expect(failure.code).toBe('library_damaged');
    expect(failure.message).toMatch(/damaged/);
  });
});

describe('the check on open', () => {
  /** A library with rows in many pages, closed cleanly; returns its file. */
  function filledLibrary(dataDir: string): string {
    const db = openLibrary(dataDir);
    db.pragma('foreign_keys = OFF');
    const insert = db.prepare("INSERT INTO images (generation_id, idx, remote_url) VALUES (?, 0, 'x')");
    db.transaction(() => {
      for (let i = 0; i < 2000; i += 1) insert.run(i);
    })();
    closeLibrary(db);
    return libraryPath(dataDir);
  }

  function corruptImagesIndex(file: string): void {
    const raw = new Database(file);
    const pageSize = raw.pragma('page_size', { simple: true }) as number;
    const root = (raw.prepare("SELECT rootpage FROM sqlite_schema WHERE name = 'sqlite_autoindex_images_1'").get() as { rootpage: number }).rootpage;
    raw.close();
    const bytes = readFileSync(file);
    // the index's root page: the light check never reads it, the full check does
    bytes.fill(0x5a, (root - 1) * pageSize + 8, root * pageSize);
    writeFileSync(file, bytes);
  }

  it('opens with the light check only, even a library whose index pages are damaged, so opening stays fast', () => {
    const dataDir = folder();
    corruptImagesIndex(filledLibrary(dataDir));
    // the damage is found by the full check, which runs on a worker thread (library-threads.test.ts)
    const db = openLibrary(dataDir);
    expect(checkLibrary(db)).not.toEqual([]);
    closeLibrary(db);
  });

  it('asks for the full check after a crash (a write-ahead log left behind) whatever the size, and for a small library', () => {
    const dataDir = folder();
    const file = filledLibrary(dataDir);
    expect(needsFullCheck(dataDir, 0)).toBe(false);
    expect(needsFullCheck(dataDir)).toBe(true);
    // an empty log is what a clean shutdown can leave; a log with content means the app stopped mid-work
    writeFileSync(`${file}-wal`, Buffer.alloc(0));
    expect(needsFullCheck(dataDir, 0)).toBe(false);
    writeFileSync(`${file}-wal`, Buffer.alloc(100, 1));
    expect(needsFullCheck(dataDir, 0)).toBe(true);
  });
});

describe('migrations', () => {
  it('takes a version 1 library with prompts to the latest, keeping the data and indexing old prompts', () => {
    const dataDir = folder();
    const raw = new Database(libraryPath(dataDir));
    expect(migrate(raw, 1)).toEqual([1]);
    raw
      .prepare(
        `INSERT INTO generations (id, model, prompt, effective_model, effective_prompt, effective_aspect_ratio,
           effective_seed, effective_negative_prompt, request_body, status, favorite, created_at, updated_at)
         VALUES (7, 'midjourney-v7', 'old lighthouse --ar 16:9', 'midjourney-v7', 'old lighthouse', '16:9', 99, 'fog', '{}', 'done', 1, 1000, 1000)`,
      )
      .run();
    raw.prepare("INSERT INTO images (generation_id, idx, state, file, bytes) VALUES (7, 0, 'done', 'images/7-0.png', 1234)").run();
    raw.close();

    const db = openLibrary(dataDir);
    expect(schemaVersion(db)).toBe(LATEST_VERSION);
    const generation = getGeneration(db, 7);
    expect(generation.params.prompt).toBe('old lighthouse --ar 16:9');
    expect(generation.effective.seed).toBe(99);
    expect(generation.favorite).toBe(true);
    // version 4: a generation from before retries were recorded is not waiting for anything
    expect(generation.retry).toBeNull();
    expect(generation.images[0]).toMatchObject({ file: 'images/7-0.png', bytes: 1234, state: 'done' });
    // version 2 indexed the prompt written before full-text search existed
    expect(searchGenerations(db, { text: 'lighthouse' }).items.map((g) => g.id)).toEqual([7]);
    expect(searchGenerations(db, { text: 'no:fog' }).items.map((g) => g.id)).toEqual([7]);
    closeLibrary(db);
  });

  it('applies nothing twice and rolls back every pending step when one fails', () => {
    const dataDir = folder();
    const raw = new Database(libraryPath(dataDir));
    migrate(raw, 1);
    // a table named like the one version 2 creates makes that step fail
    raw.exec('CREATE TABLE generations_fts (x)');
    expect(() => migrate(raw)).toThrow();
    expect(schemaVersion(raw)).toBe(1);
    expect(raw.prepare("SELECT count(*) AS n FROM sqlite_master WHERE name = 'credit_balance'").get()).toEqual({ n: 0 });
    raw.exec('DROP TABLE generations_fts');
    // versions are assigned ahead of time, so the list may skip one until every branch has landed
    const applied = migrate(raw);
    expect(applied[0]).toBe(2);
    expect(applied.at(-1)).toBe(LATEST_VERSION);
    expect(applied).toEqual([...applied].sort((a, b) => a - b));
    expect(migrate(raw)).toEqual([]);
    raw.close();
  });

  it('version 5 keeps the served hash of saved images, leaves the stored file hash unknown (NULL) and retries old failures', () => {
    const dataDir = folder();
    const raw = new Database(libraryPath(dataDir));
    migrate(raw, 3);
    raw
      .prepare(
        `INSERT INTO generations (id, model, prompt, effective_model, effective_prompt, effective_aspect_ratio,
           effective_seed, request_body, status, created_at, updated_at)
         VALUES (3, 'midjourney-v7', 'p', 'midjourney-v7', 'p', '1:1', 1, '{}', 'done', 1000, 1000)`,
      )
      .run();
    raw.prepare("INSERT INTO images (generation_id, idx, state, file, bytes, sha256) VALUES (3, 0, 'done', 'images/3-0.png', 10, 'aa')").run();
    raw.prepare("INSERT INTO images (generation_id, idx, state, error_message) VALUES (3, 1, 'failed', 'Connection reset')").run();
    raw.close();

    const db = openLibrary(dataDir);
    const [saved, failedBefore] = getGeneration(db, 3).images;
    expect(saved).toMatchObject({ sha256: 'aa', fileSha256: null, state: 'done' });
    // "failed" meant "try again later" before version 5; it is final now, so those images get their attempts.
    expect(failedBefore).toMatchObject({ state: 'pending', errorMessage: 'Connection reset' });
    closeLibrary(db);
  });
});
