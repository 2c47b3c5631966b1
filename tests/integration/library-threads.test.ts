import { existsSync, readdirSync, readFileSync } from 'node:fs';
import Database from 'better-sqlite3';
import { afterEach, describe, expect, it } from 'vitest';
import type { Core } from '../../electron/core/app.ts';
import { backupsDir } from '../../electron/core/library/backup.ts';
import { closeLibrary, libraryPath, openLibrary, type Library } from '../../electron/core/library/database.ts';
import { migrate } from '../../electron/core/library/migrations.ts';
import { countTotals } from '../../electron/core/library/totals.ts';
import { countMatches, searchGenerations } from '../../electron/core/library/search.ts';
import { startLibraryThreads, type LibraryThreads } from '../../electron/core/library/threads.ts';
import type { CreditSummary, LibraryStats } from '../../shared/contract.ts';
import { buildSyntheticLibrary } from '../../scripts/lib/synthetic-library.ts';
import { damageSchemaUnderneath, damageSearchIndexStructure, damageSeedIndex, leaveCrashLog } from '../support/damage.ts';
import { tempDir } from '../support/temp-dir.ts';
import { call, recordEvents, startTestCore } from '../support/test-core.ts';

const cleanups: (() => Promise<void> | void)[] = [];
afterEach(async () => {
  for (const cleanup of cleanups.splice(0).reverse()) await cleanup();
});
function folder(): string {
  const dir = tempDir('atelier-threads-');
  cleanups.push(() => dir.remove());
  return dir.path;
}
async function core(dataDir: string, extra: Parameters<typeof startTestCore>[1] = {}): Promise<Core> {
  const started = await startTestCore(dataDir, extra);
  cleanups.push(() => started.close());
  return started;
}

/** A library of `count` synthetic generations, closed cleanly. */
function syntheticLibrary(dataDir: string, count: number): void {
  const db = openLibrary(dataDir);
  buildSyntheticLibrary(db, count, Date.UTC(2025, 0, 1));
  closeLibrary(db);
}

describe('the full check after a crash', () => {
  it('does not hold up start-up, and the damage it finds is told when found and asked about later', async () => {
    const dataDir = folder();
    syntheticLibrary(dataDir, 600);
    damageSeedIndex(dataDir);
    leaveCrashLog(dataDir);
    const started = await core(dataDir);
    const events = recordEvents(started);
    // the gallery answers while the check runs
    expect((await call<{ items: unknown[] }>(started, 'library:search', { limit: 5 })).items).toHaveLength(5);
    const told = await events.until('library:damaged', () => true);
    expect(told.message).toMatch(/The library file is damaged, so Atelier has stopped writing to it/);
    expect(await call(started, 'app:info')).toMatchObject({ libraryDamage: told });
  });
});

describe('pages and counts', () => {
  it('a page asked after a queue of slow counts is answered before they are: counts have a thread of their own', async () => {
    const dataDir = folder();
    syntheticLibrary(dataDir, 3000);
    const started = await core(dataDir);
    await call(started, 'library:search', { limit: 1 });
    let countsDone = 0;
    // an exclusion reads every generation: the slowest kind of count
    const counts = Array.from({ length: 60 }, () => call(started, 'library:count', { text: '-portrait' }).then(() => (countsDone += 1)));
    const page = await call<{ items: unknown[] }>(started, 'library:search', { text: 'castle', limit: 10 });
    const doneWhenPageCame = countsDone;
    await Promise.all(counts);
    expect(page.items).toHaveLength(10);
    expect(doneWhenPageCame).toBeLessThan(counts.length);
  });

  it("the gallery's total: of the counts asked while one runs only the newest is made, and other counts are all made", async () => {
    const dataDir = folder();
    syntheticLibrary(dataDir, 3000);
    const started = await core(dataDir);
    await call(started, 'library:search', { limit: 1 });
    const galleryTotal = (text: string) => started.dispatch('library:count', { text, forGallery: true });
    // each a different search, as typing makes them; the first is sent to the thread at once (which
    // is still loading) and stopped by the second, the rest wait and are replaced
    const typed = ['-p', '-po', '-por', '-port', '-portr'];
    const totals = typed.map((text) => galleryTotal(text));
    const selection = call<{ total: number }>(started, 'library:count', { text: '-po' });
    const answers = await Promise.all(totals);
    expect(answers.map((answer) => (answer.ok ? 'counted' : answer.error.code))).toEqual(['conflict', 'conflict', 'conflict', 'conflict', 'counted']);
    expect(answers[0]).toMatchObject({ error: { message: 'A newer search replaced this count.' } });
    expect(answers[1]).toMatchObject({ error: { message: 'A newer search replaced this count before it was made.' } });
    // the newest is right, and a count asked without `forGallery` (a selection's) is never replaced
    const expected = await call<{ total: number }>(started, 'library:count', { text: '-portr' });
    expect(answers[4]).toEqual({ ok: true, value: expected });
    expect((await selection).total).toBe((await call<{ total: number }>(started, 'library:count', { text: '-po' })).total);
  });

  it("the gallery's pages: of those asked while one is read only the newest is read, and other pages are all read", async () => {
    const dataDir = folder();
    syntheticLibrary(dataDir, 3000);
    const started = await core(dataDir);
    await call(started, 'library:search', { limit: 1 });
    const galleryPage = (text: string) => started.dispatch('library:search', { text, limit: 10, forGallery: true });
    // a word typed key by key: the first is read at once, the next three wait in turn and are replaced
    const typed = ['c', 'ca', 'cas', 'cast', 'castle'];
    const pages = typed.map((text) => galleryPage(text));
    const another = call<{ items: { id: number }[] }>(started, 'library:search', { text: 'ca', limit: 10 });
    const answers = await Promise.all(pages);
    expect(answers.map((answer) => (answer.ok ? 'read' : answer.error.code))).toEqual(['read', 'conflict', 'conflict', 'conflict', 'read']);
    expect(answers[1]).toMatchObject({ error: { message: 'A newer search replaced this page before it was read.' } });
    // the pages read are right, and a page asked without `forGallery` (the next page, a dialog's) is never replaced
    expect(answers[0]).toEqual({ ok: true, value: await call(started, 'library:search', { text: 'c', limit: 10 }) });
    expect(answers[4]).toEqual({ ok: true, value: await call(started, 'library:search', { text: 'castle', limit: 10 }) });
    expect((await another).items).toHaveLength(10);
  });
});

describe("stopping the gallery's total", () => {
  it('a total asked before the stop answers conflict, and the thread counts the next one right', async () => {
    const dataDir = folder();
    syntheticLibrary(dataDir, 3000);
    const started = await core(dataDir);
    const galleryTotal = (text: string) => started.dispatch('library:count', { text, forGallery: true });
    const stopped = galleryTotal('-portrait');
    expect(await started.dispatch('library:stopGalleryCount', undefined)).toEqual({ ok: true, value: undefined });
    expect(await stopped).toMatchObject({ ok: false, error: { code: 'conflict', message: 'A newer search replaced this count.' } });
    const expected = await call<{ total: number }>(started, 'library:count', { text: '-portrait' });
    expect(await galleryTotal('-portrait')).toEqual({ ok: true, value: expected });
    // nothing under way: a stop changes nothing, and the next total is made
    await call(started, 'library:stopGalleryCount');
    expect(await galleryTotal('castle')).toEqual({ ok: true, value: await call(started, 'library:count', { text: 'castle' }) });
  });

  it('a total the running totals answer at once stops the one under way too', async () => {
    const dataDir = folder();
    syntheticLibrary(dataDir, 3000);
    const started = await core(dataDir);
    const counted = started.dispatch('library:count', { text: '-portrait', forGallery: true });
    // no text, no filter: answered on the core from the running totals
    const browsing = await started.dispatch('library:count', { forGallery: true });
    expect(browsing).toMatchObject({ ok: true, value: { total: 3000 } });
    expect(await counted).toMatchObject({ ok: false, error: { code: 'conflict' } });
  });
});

describe('a search the threads are asked', () => {
  it('is parsed on the core: a bad one is refused in words, not reported as damage, and the threads answer the next', async () => {
    const dataDir = folder();
    syntheticLibrary(dataDir, 50);
    const db = openLibrary(dataDir);
    cleanups.push(() => closeLibrary(db));
    const damage: unknown[] = [];
    const threads = startLibraryThreads({ db, dataDir, fullCheck: false, backupDelayMs: 60_000, settleMs: 60_000, onDamage: (cause) => damage.push(cause) });
    cleanups.push(() => threads.close());
    const bad = { text: 'castle', limit: 0 };
    for (const asked of [threads.search(bad), threads.galleryPage(bad), threads.count(bad), threads.galleryCount(bad), threads.ids(bad)]) {
      await expect(asked).rejects.toMatchObject({ code: 'invalid_input', message: expect.stringMatching(/The search is not valid \(limit\)/) });
    }
    expect(damage).toEqual([]);
    // defaults filled on the core (limit, sort, offset): the thread's page is the one the core's own search makes
    expect(await threads.search({ statuses: ['done'] })).toEqual(searchGenerations(db, { statuses: ['done'] }));
    expect(await threads.count({ text: 'castle' })).toEqual(countMatches(db, { text: 'castle' }));
  });
});

describe("the gallery's first total", () => {
  /** The library threads this process runs now (Linux names a thread after its Worker, cut to 15 characters). */
  const libraryThreads = () =>
    readdirSync('/proc/self/task').filter((task) => {
      try {
        return readFileSync(`/proc/self/task/${task}/comm`, 'utf8').startsWith('atelier-librar');
      } catch {
        return false; // ended meanwhile
      }
    }).length;

  it.runIf(process.platform === 'linux')('is answered from the running totals without the counts thread, which starts at the first real count', async () => {
    const dataDir = folder();
    syntheticLibrary(dataDir, 300);
    const db = openLibrary(dataDir);
    cleanups.push(() => closeLibrary(db));
    const threads = startLibraryThreads({ db, dataDir, fullCheck: false, backupDelayMs: 60_000, settleMs: 60_000, onDamage: () => undefined });
    cleanups.push(() => threads.close());
    await threads.search({ statuses: ['done'], limit: 1 });
    const before = libraryThreads();
    const plain = { text: '', statuses: ['done'] as const, hideRejected: true, stacked: true };
    const total = await threads.galleryCount({ ...plain, statuses: [...plain.statuses] });
    expect(total).toEqual(countMatches(db, { ...plain, statuses: [...plain.statuses] }));
    expect(total.total).toBeGreaterThan(0);
    expect(libraryThreads()).toBe(before);
    // a count the totals cannot answer starts the counts thread
    const worded = await threads.galleryCount({ ...plain, statuses: [...plain.statuses], text: 'castle' });
    expect(worded).toEqual(countMatches(db, { ...plain, statuses: [...plain.statuses], text: 'castle' }));
    expect(libraryThreads()).toBe(before + 1);
  });
});

describe('stats and credits on a library counted in the background', () => {
  it('answer with every row counted once the upkeep thread has counted a library from before the running totals', async () => {
    const dataDir = folder();
    const raw = new Database(libraryPath(dataDir));
    migrate(raw, 3);
    raw.close();
    // rows written at version 3, with no running totals yet
    const old = new Database(libraryPath(dataDir));
    old.exec(`
      INSERT INTO generations (model, prompt, effective_model, effective_prompt, effective_aspect_ratio, effective_seed,
        request_body, status, credits, favorite, created_at, updated_at, submitted_at)
      VALUES ('midjourney-v7', 'a', 'midjourney-v7', 'a', '1:1', 1, '{}', 'done', 12, 1, 1, 1, 1),
             ('midjourney-v7', 'b', 'midjourney-v7', 'b', '1:1', 2, '{}', 'failed', 0, 0, 2, 2, 2);
      INSERT INTO images (generation_id, idx, state, bytes) VALUES (1, 0, 'done', 100), (1, 1, 'done', 50);
    `);
    old.close();
    const started = await core(dataDir);
    const stats = await call<LibraryStats>(started, 'library:stats');
    expect(stats).toMatchObject({ generations: 2, images: 2, favorites: 1, bytes: 150, creditsSpent: 12 });
    expect(stats.byStatus).toMatchObject({ done: 1, failed: 1 });
    expect(await call<CreditSummary>(started, 'credits:summary')).toMatchObject({ total: 12 });
  });
});

describe('the upkeep thread', () => {
  function threadsOn(dataDir: string, db: Library, options: { fullCheck?: boolean; backupDelayMs?: number; settleMs?: number; quietMs?: number; damage?: string[] } = {}): LibraryThreads {
    const threads = startLibraryThreads({
      db,
      dataDir,
      fullCheck: options.fullCheck ?? false,
      backupDelayMs: options.backupDelayMs ?? 60_000,
      settleMs: options.settleMs ?? 100,
      quietMs: options.quietMs ?? 0,
      onDamage: (cause) => options.damage?.push(cause instanceof Error ? cause.message : String(cause)),
    });
    cleanups.push(() => threads.close());
    return threads;
  }
  function openTracked(dataDir: string): Library {
    const db = openLibrary(dataDir);
    cleanups.push(() => closeLibrary(db));
    return db;
  }

  it('checks a sound library after a crash and says nothing', async () => {
    const dataDir = folder();
    syntheticLibrary(dataDir, 50);
    const damage: string[] = [];
    const threads = threadsOn(dataDir, openTracked(dataDir), { fullCheck: true, damage });
    await threads.checked;
    expect(damage).toEqual([]);
  });

  it('starts the full check only once the artist has stopped asking for pages for a moment', async () => {
    const dataDir = folder();
    syntheticLibrary(dataDir, 50);
    const threads = threadsOn(dataDir, openTracked(dataDir), { fullCheck: true, settleMs: 100, quietMs: 600 });
    let checkedAt: number | null = null;
    void threads.checked.then(() => (checkedAt = Date.now()));
    // a page every 200 ms for 2 s, as words typed one after another ask for
    for (let i = 0; i < 10; i++) {
      await threads.search({ text: 'a', statuses: ['done'], limit: 10 });
      await new Promise((resolve) => setTimeout(resolve, 200));
    }
    expect(checkedAt).toBeNull();
    const lastPage = Date.now();
    await threads.checked;
    expect(checkedAt! - lastPage).toBeGreaterThanOrEqual(600 - 200);
  });

  it('starts the full check once the start-up has settled, and a quit before then still runs it', async () => {
    const dataDir = folder();
    syntheticLibrary(dataDir, 50);
    const db = openTracked(dataDir);
    const damage: string[] = [];
    const threads = threadsOn(dataDir, db, { fullCheck: true, settleMs: 60_000, damage });
    damageSchemaUnderneath(dataDir);
    let checked = false;
    void threads.checked.then(() => (checked = true));
    // long enough for the check's thread to load and find the damage (~0.3 s), had it started
    await new Promise((resolve) => setTimeout(resolve, 1_500));
    expect(checked).toBe(false);
    expect(damage).toEqual([]);
    await threads.close();
    expect(checked).toBe(true);
    expect(damage).toEqual([expect.stringMatching(/malformed|corrupt/i)]);
  });

  it('reports damage when the full check cannot even read the library, not only that it could not run', async () => {
    const dataDir = folder();
    syntheticLibrary(dataDir, 50);
    const db = openTracked(dataDir);
    const damage: string[] = [];
    threadsOn(dataDir, db, { fullCheck: true, damage });
    // after the core's own start-up reads, before the start-up has settled and the check begins
    damageSchemaUnderneath(dataDir);
    await expect.poll(() => damage, { timeout: 10_000 }).toEqual([expect.stringMatching(/malformed|corrupt/i)]);
  });

  it('backs up a complete copy while the core keeps writing, and close waits for a backup under way', async () => {
    const dataDir = folder();
    syntheticLibrary(dataDir, 300);
    const db = openTracked(dataDir);
    const threads = threadsOn(dataDir, db);
    const backup = threads.backup();
    db.prepare('UPDATE generations SET favorite = 1 WHERE id <= 10').run();
    await threads.close();
    expect(readdirSync(backupsDir(dataDir))).toEqual([expect.stringMatching(/^library-\d{4}-\d{2}-\d{2}\.sqlite$/)]);
    const created = (await backup)?.created ?? '';
    const copy = new Database(created, { readonly: true });
    expect(copy.prepare('SELECT count(*) AS n FROM generations').get()).toEqual({ n: 300 });
    expect(countTotals(copy).byStatus).toEqual(countTotals(db).byStatus);
    copy.close();
  });

  it('reports damage the checkpoint thread meets while merging the search index', async () => {
    const dataDir = folder();
    syntheticLibrary(dataDir, 50);
    damageSearchIndexStructure(dataDir);
    const db = openTracked(dataDir);
    const damage: string[] = [];
    threadsOn(dataDir, db, { damage });
    // a write the thread puts away after it, with a merge step that reads the index's structure
    db.prepare('UPDATE generations SET favorite = 1 WHERE id = (SELECT min(id) FROM generations)').run();
    await expect.poll(() => damage, { timeout: 10_000 }).toEqual([expect.stringMatching(/malformed|corrupt/i)]);
  });

  it('reports damage that stops the checkpoint thread itself from starting, not only a failed step', async () => {
    const dataDir = folder();
    syntheticLibrary(dataDir, 50);
    const db = openTracked(dataDir);
    const damage: string[] = [];
    threadsOn(dataDir, db, { damage });
    // before the start-up settles and the thread opens its own connection, which reads the schema
    damageSchemaUnderneath(dataDir);
    // a write for the thread to put away (the core's connection read its schema before the damage)
    db.prepare('UPDATE generations SET favorite = 1 WHERE id = (SELECT min(id) FROM generations)').run();
    await expect.poll(() => damage, { timeout: 10_000 }).toEqual([expect.stringMatching(/malformed|corrupt/i)]);
  });

  it('reports a damaged library instead of backing it up, once the timer fires, and keeps no partial copy', async () => {
    const dataDir = folder();
    syntheticLibrary(dataDir, 600);
    damageSeedIndex(dataDir);
    const db = openTracked(dataDir);
    const damage = await new Promise<string>((resolve) => {
      const threads = startLibraryThreads({ db, dataDir, fullCheck: false, backupDelayMs: 0, onDamage: (cause) => resolve(String(cause)) });
      cleanups.push(() => threads.close());
    });
    expect(damage).toMatch(/appears damaged, so today's backup was not made/);
    expect(existsSync(backupsDir(dataDir)) ? readdirSync(backupsDir(dataDir)) : []).toEqual([]);
  });
});
