/**
 * Stacks of reruns (migrations 12 and 18): the head (newest member) and size follow every write — a run
 * finishing, a bin and its undo, an image delete and its undo, a reject, a purge — and the stacked
 * search shows heads only, with their size, and `stack:<id>` opens one. After every step the stored
 * stacks are compared with a plain recomputation from the rows (the oracle below).
 */
import Database from 'better-sqlite3';
import { createHash } from 'node:crypto';
import { setTimeout as sleep } from 'node:timers/promises';
import { afterEach, describe, expect, it } from 'vitest';
import { closeLibrary, libraryPath, openLibrary, type Library } from '../../electron/core/library/database.ts';
import { curateImages, undoCuration } from '../../electron/core/library/curation.ts';
import { softDelete } from '../../electron/core/library/generations.ts';
import { restoreBinned } from '../support/restore.ts';
import { LATEST_VERSION, migrate, schemaVersion } from '../../electron/core/library/migrations.ts';
import { countMatches, countSearch, matchingIds, searchGenerations } from '../../electron/core/library/search.ts';
import { fillStackKeys, stackKey, stackKeysReady, stackMembers } from '../../electron/core/library/stacks.ts';
import type { GenerationParams } from '../../shared/generation.ts';
import type { RerunSettings } from '../../shared/stacks.ts';
import type { LibrarySearchInput } from '../../shared/search.ts';
import { addFinishedRun, addGeneration, idsPageByPage } from '../support/library.ts';
import { libraryPerTest } from '../support/library-per-test.ts';
import { seedSearchLibrary } from '../support/search-library.ts';
import { tempDir } from '../support/temp-dir.ts';
import { purgeBinnedBefore } from '../support/purge.ts';

let db: Library;
libraryPerTest((library) => ({ db } = library));

const castle = { prompt: 'a castle in fog', seed: 7, stylize: 250 } as const;

/** A finished run with four saved images, made at `at` (the castle unless told). */
const finishedRun = (at: number, params: Partial<GenerationParams> & { prompt: string } = castle, on: Library = db): number => addFinishedRun(on, at, params);

const gallery: LibrarySearchInput = { statuses: ['done'], hideRejected: true, stacked: true };
/** The stacked gallery's tiles as [id, stackSize], newest first. */
const tiles = (search: LibrarySearchInput = gallery) => searchGenerations(db, search).items.map((g) => [g.id, g.stackSize ?? 1]);

interface OracleRow {
  id: number;
  created_at: number;
  status: string;
  deleted_at: number | null;
  all_rejected: number;
  stack_key: bigint | null;
}

/**
 * The stacks as they must be, recomputed from the rows with nothing stored: members are finished,
 * unbinned, not wholly rejected generations with a key; the head is the newest by (created_at, id).
 * Returns every stack's [head, size] and the ids that must be hidden, to compare with the stored ones.
 */
function oracle(of: Library) {
  const rows = of.prepare('SELECT id, created_at, status, deleted_at, all_rejected, stack_key FROM generations').safeIntegers(true).all() as OracleRow[];
  const groups = new Map<bigint, OracleRow[]>();
  for (const row of rows) {
    if (row.stack_key === null || row.status !== 'done' || row.deleted_at !== null || Number(row.all_rejected) !== 0) continue;
    groups.set(row.stack_key, [...(groups.get(row.stack_key) ?? []), row]);
  }
  const stacks: [number, number][] = [];
  const hidden: number[] = [];
  for (const members of groups.values()) {
    members.sort((a, b) => Number(BigInt(b.created_at) - BigInt(a.created_at)) || Number(b.id) - Number(a.id));
    const [head, ...rest] = members;
    if (head === undefined) continue;
    stacks.push([Number(head.id), members.length]);
    hidden.push(...rest.map((r) => Number(r.id)));
  }
  return { stacks: stacks.sort((a, b) => a[0] - b[0]), hidden: hidden.sort((a, b) => a - b) };
}

/** The stacks as stored: the same shape as `oracle`. */
function stored(of: Library) {
  return {
    stacks: (of.prepare('SELECT head, size FROM stacks ORDER BY head').raw().all() as [number, number][]),
    hidden: of.prepare('SELECT id FROM generations WHERE stack_hidden = 1 ORDER BY id').pluck().all() as number[],
  };
}

describe('stack key', () => {
  it('is the same for the same effective settings and seed, and differs when any of them does', () => {
    const base = { model: 'midjourney-v7', prompt: 'a castle', negativePrompt: null, aspectRatio: '1:1', stylize: 100, chaos: null, weird: null, quality: null, raw: false, seed: 5, referenceImageUrl: null };
    expect(stackKey(base)).toBe(stackKey({ ...base }));
    for (const change of [{ prompt: 'a castle ' }, { seed: 6 }, { stylize: 101 }, { negativePrompt: 'fog' }, { raw: true }, { referenceImageUrl: 'https://x/y.png' }, { model: 'midjourney-v8' }, { aspectRatio: '16:9' }, { chaos: 1 }, { weird: 5 }, { quality: 2 }]) {
      expect(stackKey({ ...base, ...change })).not.toBe(stackKey(base));
    }
    // a setting given as Midjourney's default is the same run as one left unset (searches compare them alike)
    expect(stackKey({ ...base, stylize: null, chaos: 0, weird: 0, quality: 1 })).toBe(stackKey(base));
    // an unknown seed (imported pictures) never stacks
    expect(stackKey({ ...base, seed: -1 })).toBeNull();
  });
});

describe('the stack head follows every write', () => {
  it('a finished rerun becomes the head; the stacked gallery shows it with the stack size, unstacked shows all', () => {
    const first = finishedRun(1000);
    const other = finishedRun(1500, { prompt: 'a lighthouse' });
    const second = finishedRun(2000);
    // a rerun still on its way does not join (nor hide the head)
    const queued = addGeneration(db, 3000, castle).id;
    expect(tiles()).toEqual([[second, 2], [other, 1]]);
    const third = finishedRun(2500);
    expect(tiles()).toEqual([[third, 3], [other, 1]]);
    expect(stored(db)).toEqual(oracle(db));
    // stacking off: every finished generation
    expect(tiles({ ...gallery, stacked: false })).toEqual([[third, 1], [second, 1], [other, 1], [first, 1]]);
    expect(countSearch(db, gallery)).toBe(2);
    expect(queued).toBeGreaterThan(0);
  });

  it('the gallery counts every generation a stacked search matches, and the tiles that show them', () => {
    finishedRun(1000);
    finishedRun(1500, { prompt: 'a lighthouse' });
    finishedRun(2000);
    finishedRun(2500);
    expect(countMatches(db, gallery)).toEqual({ total: 4, tiles: 2 });
    // unstacked, or a term reruns may differ on: every match is its own tile, so only the total
    expect(countMatches(db, { ...gallery, stacked: false })).toEqual({ total: 4 });
    expect(countMatches(db, { ...gallery, text: 'is:fav' })).toEqual({ total: 0 });
  });

  it('a selection of every match (Ctrl/Cmd+A) holds every member of the stacks the gallery shows', () => {
    const first = finishedRun(1000);
    const other = finishedRun(1500, { prompt: 'a lighthouse' });
    const second = finishedRun(2000);
    expect(tiles()).toEqual([[second, 2], [other, 1]]);
    expect([...matchingIds(db, gallery)].sort((a, b) => a - b)).toEqual([first, other, second].sort((a, b) => a - b));
  });

  it('an older rerun finishing later (an import) joins behind the head', () => {
    const newest = finishedRun(5000);
    const older = finishedRun(1000);
    expect(tiles()).toEqual([[newest, 2]]);
    expect(stackMembers(db, [newest])).toEqual([newest, older]);
  });

  it('binning the head hands the tile to the next newest; the undo gives it back', () => {
    const a = finishedRun(1000);
    const b = finishedRun(2000);
    const c = finishedRun(3000);
    softDelete(db, [c], 10);
    expect(tiles()).toEqual([[b, 2]]);
    expect(stored(db)).toEqual(oracle(db));
    restoreBinned(db, [c], 11);
    expect(tiles()).toEqual([[c, 3]]);
    softDelete(db, [a, b, c], 12);
    expect(tiles()).toEqual([]);
    expect(db.prepare('SELECT count(*) FROM stacks').pluck().get()).toBe(0);
    restoreBinned(db, [b], 13);
    expect(tiles()).toEqual([[b, 1]]);
    expect(stored(db)).toEqual(oracle(db));
  });

  it('deleting every image of the head (it goes to the bin) and its undo; rejecting it hands the tile on, and is:rejected still finds it', () => {
    const a = finishedRun(1000);
    const b = finishedRun(2000);
    const deleted = curateImages(db, { generations: [b] }, { deleted: true }, 20);
    expect(deleted.binned).toEqual([b]);
    expect(tiles()).toEqual([[a, 1]]);
    undoCuration(db, deleted.undo, 21);
    expect(tiles()).toEqual([[b, 2]]);
    const rejected = curateImages(db, { generations: [b] }, { rejected: true }, 22);
    expect(tiles()).toEqual([[a, 1]]);
    expect(tiles({ ...gallery, text: 'is:rejected' })).toEqual([[b, 1]]);
    expect(stored(db)).toEqual(oracle(db));
    undoCuration(db, rejected.undo, 23);
    expect(tiles()).toEqual([[b, 2]]);
    expect(stored(db)).toEqual(oracle(db));
  });

  it('a purge removes the member for good', () => {
    const a = finishedRun(1000);
    const b = finishedRun(2000);
    softDelete(db, [b], 10);
    purgeBinnedBefore(db, 11);
    expect(tiles()).toEqual([[a, 1]]);
    expect(db.prepare('SELECT count(*) FROM stack_members').pluck().get()).toBe(1);
    expect(stored(db)).toEqual(oracle(db));
  });

  it('stack:<id> opens a stack from any member, newest first; a generation in no stack is alone', () => {
    const a = finishedRun(1000);
    const lone = finishedRun(1500, { prompt: 'a castle in fog', seed: 8, stylize: 250 });
    const b = finishedRun(2000);
    expect(tiles({ ...gallery, text: `stack:${a}` })).toEqual([[b, 1], [a, 1]]);
    expect(tiles({ ...gallery, text: `stack:${b} castle` })).toEqual([[b, 1], [a, 1]]);
    expect(tiles({ ...gallery, text: `stack:${lone}` })).toEqual([[lone, 1]]);
    expect(stackMembers(db, [b, lone])).toEqual([b, lone, a]);
  });

  it('terms reruns may differ on show every match unstacked: a favourite older rerun is not hidden behind its head', () => {
    const a = finishedRun(1000);
    const b = finishedRun(2000);
    curateImages(db, { images: [{ generationId: a, index: 1 }] }, { favorite: true });
    expect(tiles({ ...gallery, text: 'is:fav' })).toEqual([[a, 1]]);
    expect(tiles({ ...gallery, text: 'rating:>=1 OR castle' })).toEqual([[b, 1], [a, 1]]);
    expect(tiles({ ...gallery, text: 'castle' })).toEqual([[b, 2]]);
    expect(tiles({ ...gallery, favorite: true })).toEqual([[a, 1]]);
  });

  it('never stacks generations with an unknown seed', () => {
    finishedRun(1000, { prompt: 'imported', seed: -1 });
    finishedRun(2000, { prompt: 'imported', seed: -1 });
    expect(tiles().map(([, size]) => size)).toEqual([1, 1]);
    expect(db.prepare('SELECT count(*) FROM stack_members').pluck().get()).toBe(0);
  });
});

describe('migration 12 on a library made at version 11', () => {
  const dirs: { remove(): void }[] = [];
  const opened: Library[] = [];
  afterEach(() => {
    for (const each of opened.splice(0)) if (each.open) each.close();
    for (const dir of dirs.splice(0)) dir.remove();
  });

  it('shows every generation unstacked until the backfill keys them, newest first, while the core writes; then stacks them right', async () => {
    const dir = tempDir('atelier-stacks-v11-');
    dirs.push(dir);
    seedSearchLibrary(dir.path, 3000, { schemaVersion: 11 });
    // reruns as version 11 made them: 300 copies of earlier runs' settings and seeds, made later
    const raw = new Database(libraryPath(dir.path));
    raw
      .prepare(
        `INSERT INTO generations (model, prompt, effective_model, effective_prompt, effective_aspect_ratio, effective_stylize,
           effective_chaos, effective_weird, effective_negative_prompt, effective_seed, request_body, status, created_at, updated_at)
         SELECT model, prompt, effective_model, effective_prompt, effective_aspect_ratio, effective_stylize, effective_chaos,
           effective_weird, effective_negative_prompt, effective_seed, request_body, status, created_at + 7, updated_at
         FROM generations WHERE id % 10 = 0`,
      )
      .run();
    expect(schemaVersion(raw)).toBe(11);
    raw.close();

    const core = openLibrary(dir.path);
    opened.push(core);
    expect(schemaVersion(core)).toBe(LATEST_VERSION);
    expect(stackKeysReady(core)).toBe(false);
    // migration 18 has nothing to re-key: every row waits for migration 12's walk, which gives today's key
    expect(core.prepare('SELECT count(*) FROM stack_defaults').pluck().get()).toBe(0);
    const everything = (search: LibrarySearchInput) => idsPageByPage(core, search, 200);
    // before the backfill: stacked browsing loses nothing (each row stands alone)
    const unstacked = everything({ statuses: ['done'] });
    expect(everything({ statuses: ['done'], stacked: true })).toEqual(unstacked);

    // the backfill on a connection of its own (the upkeep thread's), the core writing between its steps
    const worker = new Database(libraryPath(dir.path));
    opened.push(worker);
    const filling = fillStackKeys(worker);
    let writesDuring = 0;
    for (let i = 0; !stackKeysReady(core); i += 1) {
      softDelete(core, [1 + ((i * 31) % 3000)], 5);
      if (i % 2 === 0) restoreBinned(core, [1 + (((i - 2) * 31) % 3000)], 6);
      finishedRun(Date.UTC(2026, 0, 1) + i, { prompt: 'a castle in fog', seed: 9 }, core);
      writesDuring += 1;
      await sleep(1);
    }
    const report = await filling;
    expect(writesDuring).toBeGreaterThan(1);
    expect(report.keyed).toBeGreaterThan(3000);
    expect(stored(core)).toEqual(oracle(core));
    expect(core.prepare('SELECT count(*) FROM stacks WHERE size > 1').pluck().get()).toBeGreaterThan(200);
    // the stacked gallery: every finished generation not hidden, i.e. all but the oracle's hidden ones
    const hidden = new Set(oracle(core).hidden);
    expect(everything({ statuses: ['done'], stacked: true })).toEqual(everything({ statuses: ['done'] }).filter((id) => !hidden.has(id)));
    expect(await fillStackKeys(worker)).toEqual({ keyed: 0, longestStepMs: 0 });
    closeLibrary(core);
  });

  it('an empty library is ready at once', () => {
    const dir = tempDir('atelier-stacks-empty-');
    dirs.push(dir);
    const raw = new Database(libraryPath(dir.path));
    migrate(raw, 11);
    raw.close();
    const fresh = openLibrary(dir.path);
    opened.push(fresh);
    expect(stackKeysReady(fresh)).toBe(true);
  });
});

describe('migration 18 on a library made at version 17', () => {
  const dirs: { remove(): void }[] = [];
  const opened: Library[] = [];
  afterEach(() => {
    for (const each of opened.splice(0)) if (each.open) each.close();
    for (const dir of dirs.splice(0)) dir.remove();
  });

  /** The stack key as version 17 wrote it: every setting as given, a default one apart from an unset one. */
  const keyAtVersion17 = (e: Omit<RerunSettings, 'raw'> & { raw: number }): bigint =>
    createHash('sha256')
      .update(JSON.stringify([e.model, e.prompt, e.negativePrompt, e.aspectRatio, e.stylize, e.chaos, e.weird, e.quality, e.raw === 1, e.seed, e.referenceImageUrl]))
      .digest()
      .readBigInt64BE(0);

  it('re-keys the reruns that gave a setting as its default into the stack of the run left unset, while the core writes', async () => {
    const dir = tempDir('atelier-stacks-v17-');
    dirs.push(dir);
    seedSearchLibrary(dir.path, 2000, { schemaVersion: 17 });
    // reruns of every tenth finished run with its unset stylize, chaos, weird and quality given as the defaults, keyed as version 17 did
    const raw = new Database(libraryPath(dir.path));
    const originals = raw
      .prepare("SELECT id FROM generations WHERE id % 10 = 0 AND status = 'done' AND effective_seed >= 0 AND effective_stylize IS NULL")
      .pluck()
      .all() as number[];
    const copy = raw.prepare(
      `INSERT INTO generations (model, prompt, effective_model, effective_prompt, effective_aspect_ratio, effective_stylize,
         effective_chaos, effective_weird, effective_quality, effective_negative_prompt, effective_seed, request_body, status, created_at, updated_at)
       SELECT model, prompt, effective_model, effective_prompt, effective_aspect_ratio, 100, coalesce(effective_chaos, 0),
         coalesce(effective_weird, 0), coalesce(effective_quality, 1), effective_negative_prompt, effective_seed, request_body, status, created_at + 7, updated_at
       FROM generations WHERE id = ?`,
    );
    const readSettings = raw.prepare(
      `SELECT effective_model AS model, effective_prompt AS prompt, effective_negative_prompt AS negativePrompt, effective_aspect_ratio AS aspectRatio,
         effective_stylize AS stylize, effective_chaos AS chaos, effective_weird AS weird, effective_quality AS quality, effective_raw AS raw,
         effective_seed AS seed, effective_reference_image_url AS referenceImageUrl FROM generations WHERE id = ?`,
    );
    const setKey = raw.prepare('UPDATE generations SET stack_key = ? WHERE id = ?');
    const pairs: [original: number, rerun: number][] = [];
    raw.transaction(() => {
      for (const original of originals) {
        const rerun = Number(copy.run(original).lastInsertRowid);
        setKey.run(keyAtVersion17(readSettings.get(rerun) as Omit<RerunSettings, 'raw'> & { raw: number }), rerun);
        pairs.push([original, rerun]);
      }
    })();
    expect(schemaVersion(raw)).toBe(17);
    raw.close();
    expect(pairs.length).toBeGreaterThan(50);

    const core = openLibrary(dir.path);
    opened.push(core);
    expect(schemaVersion(core)).toBe(LATEST_VERSION);
    expect(stackKeysReady(core)).toBe(false);
    const keyOf = core.prepare('SELECT stack_key FROM generations WHERE id = ?').safeIntegers(true).pluck();
    const sameStack = () => pairs.filter(([original, rerun]) => keyOf.get(original) === keyOf.get(rerun)).length;
    // as version 17 left them: each rerun its own tile
    expect(sameStack()).toBe(0);
    const everything = (search: LibrarySearchInput) => idsPageByPage(core, search, 200);

    // the re-keying on a connection of its own (the upkeep thread's), the core writing between its steps
    const worker = new Database(libraryPath(dir.path));
    opened.push(worker);
    const filling = fillStackKeys(worker);
    let writesDuring = 0;
    for (let i = 0; !stackKeysReady(core); i += 1) {
      const [original] = pairs[(i * 7) % pairs.length] ?? [1];
      softDelete(core, [original], 5);
      if (i % 2 === 0) restoreBinned(core, [original], 6);
      finishedRun(Date.UTC(2026, 0, 1) + i, { prompt: 'a castle in fog', seed: 9, stylize: 100 }, core);
      writesDuring += 1;
      await sleep(1);
    }
    const report = await filling;
    expect(writesDuring).toBeGreaterThan(1);
    expect(report.keyed).toBeGreaterThanOrEqual(2000 + pairs.length);
    expect(sameStack()).toBe(pairs.length);
    expect(stored(core)).toEqual(oracle(core));
    // every later run with the default given joined the stack of one left unset
    finishedRun(Date.UTC(2026, 1, 1), { prompt: 'a castle in fog', seed: 9 }, core);
    expect(core.prepare("SELECT count(DISTINCT stack_key) FROM generations WHERE effective_prompt = 'a castle in fog' AND effective_seed = 9").pluck().get()).toBe(1);
    const hidden = new Set(oracle(core).hidden);
    expect(everything({ statuses: ['done'], stacked: true })).toEqual(everything({ statuses: ['done'] }).filter((id) => !hidden.has(id)));
    expect(await fillStackKeys(worker)).toEqual({ keyed: 0, longestStepMs: 0 });
    closeLibrary(core);
  });
});
