import { createHash, randomUUID } from 'node:crypto';
import { execFileSync, spawn } from 'node:child_process';
import { existsSync, mkdirSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { createInterface } from 'node:readline';
import path from 'node:path';
import sharp from 'sharp';
import { describe, expect, it } from 'vitest';
import type { Core } from '../../electron/core/app.ts';
import { writePngText } from '../../electron/core/media/png-metadata.ts';
import type { ExportResult, ImportProgress, ImportReport } from '../../shared/contract.ts';
import type { Generation } from '../../shared/generation.ts';
import type { SearchPage } from '../../shared/search.ts';
import { cleanupsPerTest } from '../support/cleanups.ts';
import { explainIfStuck } from '../support/stuck-wait.ts';
import { call, closableCore } from '../support/test-core.ts';

const { cleanups, folder } = cleanupsPerTest('atelier-import-');

async function studio(dataDir: string) {
  return closableCore(dataDir, cleanups);
}

const all = async (core: Core, text = '') => (await call<SearchPage>(core, 'library:search', { text, limit: 200 })).items;
const sha256 = (file: string) => createHash('sha256').update(readFileSync(file)).digest('hex');

/** A picture as a download would be: `text` in the PNG's Description, as Midjourney's web app writes it. */
async function midjourneyPng(file: string, description: string, colour: { r: number; g: number; b: number }) {
  const png = await sharp({ create: { width: 96, height: 64, channels: 3, background: colour } }).png().toBuffer();
  writeFileSync(file, writePngText(png, [{ keyword: 'Description', text: description }]));
}

/** Every fact a round trip must keep, without the library's own ids. */
function facts(g: Generation, byId: Map<number, Generation>) {
  return {
    params: g.params, effective: g.effective, status: g.status, taskId: g.taskId, credits: g.credits, favorite: g.favorite,
    createdAt: g.createdAt, submittedAt: g.submittedAt, completedAt: g.completedAt, source: g.source, midjourneyJobId: g.midjourneyJobId,
    parentPrompt: g.parentId === null ? null : byId.get(g.parentId)?.params.prompt,
    images: g.images.map((i) => ({ index: i.index, width: i.width, height: i.height, bytes: i.bytes, sha256: i.sha256, fileSha256: i.fileSha256 })),
  };
}

describe('import', () => {
  it('brings an Atelier export back losslessly into an empty library, and importing it twice adds nothing', async () => {
    const first = await studio(folder());
    const made = await call<Generation>(first.core, 'generation:create', { params: { model: 'midjourney-v7', prompt: 'a lantern --s 300', seed: 11 } });
    await first.events.reach(made.id, 'done');
    const rerun = await call<Generation>(first.core, 'generation:rerun', { id: made.id, seed: 'new' });
    await first.events.reach(rerun.id, 'done');
    await call(first.core, 'image:favorite', { target: { generations: [rerun.id] }, favorite: true });
    const out = folder('atelier-export-');
    const exported = await call<ExportResult>(first.core, 'export:start', { ids: null, destination: { kind: 'folder', folder: out } });
    if (exported.status !== 'done') throw new Error('export did not finish');
    const original = await all(first.core);

    const second = await studio(folder());
    const report = await call<ImportReport>(second.core, 'import:start', { folder: exported.path });
    expect(report).toMatchObject({ imported: 8, duplicates: 0, unreadable: [] });
    const imported = await all(second.core);
    const originalById = new Map(original.map((g) => [g.id, g]));
    const importedById = new Map(imported.map((g) => [g.id, g]));
    const sorted = (list: ReturnType<typeof facts>[]) => list.sort((a, b) => `${a.params.prompt}${a.effective.seed}`.localeCompare(`${b.params.prompt}${b.effective.seed}`));
    expect(sorted(imported.map((g) => facts(g, importedById)))).toEqual(sorted(original.map((g) => facts(g, originalById))));
    // every stored file is the exported file byte for byte
    for (const g of imported) for (const image of g.images) expect(sha256(path.join(second.core.dataDir, image.file!))).toBe(image.fileSha256);
    // each generation's four pictures in one grid thumbnail, made as its fourth was saved
    for (const g of imported) {
      expect(g.grid?.path).toMatch(new RegExp(`/${g.id}-grid\\.jpg$`));
      expect(existsSync(path.join(second.core.dataDir, g.grid!.path))).toBe(true);
    }

    const again = await call<ImportReport>(second.core, 'import:start', { folder: exported.path });
    expect(again).toMatchObject({ imported: 0, duplicates: 8 });
    expect(await all(second.core)).toHaveLength(2);
    // and into the library it came from, nothing is new either
    expect(await call<ImportReport>(first.core, 'import:start', { folder: exported.path })).toMatchObject({ imported: 0, duplicates: 8 });
    // two runs, two exports and three imports: 16 s alone on the shared 2-core machine, past the 20 s default under load
  });

  it('imports an exported ZIP, and a deflated ZIP an artist made, never unpacking outside its folder', async () => {
    const first = await studio(folder());
    const made = await call<Generation>(first.core, 'generation:create', { params: { model: 'midjourney-v8', prompt: 'paper boats' } });
    const original = await first.events.reach(made.id, 'done');
    const out = folder('atelier-export-');
    const zip = path.join(out, 'boats.zip');
    const exported = await call<ExportResult>(first.core, 'export:start', { ids: null, destination: { kind: 'zip', file: zip } });
    expect(exported.status).toBe('done');

    const second = await studio(folder());
    expect(await call<ImportReport>(second.core, 'import:start', { folder: zip })).toMatchObject({ imported: 4, duplicates: 0, unreadable: [] });
    const [back] = await all(second.core);
    expect(back).toMatchObject({ params: original.params, effective: original.effective, taskId: original.taskId, createdAt: original.createdAt });
    expect(back!.images.map((i) => i.fileSha256)).toEqual(original.images.map((i) => i.fileSha256));

    // deflated entries, a folder inside, and a name that tries to climb out of the unpacking folder
    const own = path.join(out, 'mine.zip');
    const picture = path.join(out, 'pic.png');
    await sharp({ create: { width: 20, height: 20, channels: 3, background: { r: 1, g: 2, b: 3 } } }).png().toFile(picture);
    execFileSync('python3', ['-c', [
      'import sys, zipfile',
      'z = zipfile.ZipFile(sys.argv[1], "w", zipfile.ZIP_DEFLATED)',
      'z.write(sys.argv[2], "trip/a.png")',
      'z.writestr("../escape.png", open(sys.argv[2], "rb").read() + b"x")',
      'z.close()',
    ].join('\n'), own, picture]);
    expect(await call<ImportReport>(second.core, 'import:start', { folder: own })).toMatchObject({ imported: 1, unreadable: [] });
    expect(existsSync(path.join(out, 'escape.png'))).toBe(false);
  });

  it('reads Midjourney downloads (prompt, flags, Job ID), keeps any other picture, and reports what it cannot read', async () => {
    const source = folder('atelier-downloads-');
    const job = randomUUID();
    const description = `a red fox in deep snow --ar 3:2 --v 6.1 --s 250 --c 10 Job ID: ${job}`;
    await midjourneyPng(path.join(source, `artist_a_red_fox_in_deep_snow_${job}_0.png`), description, { r: 200, g: 40, b: 20 });
    await midjourneyPng(path.join(source, `artist_a_red_fox_in_deep_snow_${job}_2.png`), description, { r: 20, g: 40, b: 200 });
    mkdirSync(path.join(source, 'more'));
    await sharp({ create: { width: 40, height: 30, channels: 3, background: { r: 9, g: 9, b: 9 } } }).jpeg().toFile(path.join(source, 'more', 'holiday.jpg'));
    writeFileSync(path.join(source, 'broken.png'), Buffer.from('not a picture at all'));
    writeFileSync(path.join(source, 'notes.txt'), 'not looked at');
    const before = [`artist_a_red_fox_in_deep_snow_${job}_0.png`, 'more/holiday.jpg'].map((f) => sha256(path.join(source, f)));

    const { core } = await studio(folder());
    const report = await call<ImportReport>(core, 'import:start', { folder: source });
    expect(report.imported).toBe(3);
    expect(report.unreadable).toEqual([{ file: 'broken.png', reason: expect.stringMatching(/not a picture Atelier can read/) }]);

    const [fox] = await all(core, 'fox');
    expect(fox).toMatchObject({ source: 'midjourney', midjourneyJobId: job, status: 'done' });
    expect(fox!.effective).toMatchObject({ model: 'midjourney-v6.1', prompt: 'a red fox in deep snow', aspectRatio: '3:2', stylize: 250, chaos: 10 });
    expect(fox!.images.map((i) => i.index)).toEqual([0, 2]);
    expect((await all(core, 'stylize:250')).map((g) => g.id)).toEqual([fox!.id]);
    const plain = (await all(core)).find((g) => g.id !== fox!.id)!;
    expect(plain).toMatchObject({ source: 'imported', effective: { model: 'unknown', aspectRatio: '4:3' } });
    // what Atelier cannot run is refused in words, not sent: a v6.1 model, a seed nobody knows
    const rerun = await core.dispatch('generation:rerun', { id: fox!.id, seed: 'new' });
    expect(rerun.ok ? null : rerun.error.message).toMatch(/imported with settings Atelier cannot run/);
    const sameSeed = await core.dispatch('generation:rerun', { id: fox!.id, seed: 'same' });
    expect(sameSeed.ok ? null : sameSeed.error.message).toMatch(/seed of this imported picture is not known/);
    // the originals were only read
    expect([`artist_a_red_fox_in_deep_snow_${job}_0.png`, 'more/holiday.jpg'].map((f) => sha256(path.join(source, f)))).toEqual(before);
  });

  it('goes on where it stopped after Atelier closed mid-import, importing each file once', async () => {
    const source = folder('atelier-downloads-');
    for (let i = 0; i < 6; i += 1) {
      await sharp({ create: { width: 32, height: 32, channels: 3, background: { r: i * 40, g: 10, b: 10 } } }).png().toFile(path.join(source, `p${i}.png`));
    }
    const dataDir = folder();
    const first = await studio(dataDir);
    // closed as soon as the second file is in: the run is left unfinished in the library
    const stopped = new Promise<void>((resolve) => {
      first.core.subscribe((event, payload) => {
        if (event === 'import:progress' && (payload as ImportProgress).done === 2) resolve();
      });
    });
    const started = call<ImportReport | null>(first.core, 'import:start', { folder: source });
    await stopped;
    await first.close();
    expect(await started).toBeNull();
    // the files read ahead of the last one saved were let go of, not left in the temp folder
    expect(existsSync(path.join(dataDir, 'tmp')) ? readdirSync(path.join(dataDir, 'tmp')) : []).toEqual([]);

    const second = await studio(dataDir);
    const report = await second.events.until('import:finished', () => true);
    expect(report).toMatchObject({ imported: 6, duplicates: 0, unreadable: [] });
    expect(await all(second.core)).toHaveLength(6);
    // a window opening after the resumed run ended still gets its report
    expect(await call(second.core, 'import:status')).toEqual({ progress: null, report });
  });

  it('goes on after the process is killed mid-import (SIGKILL): every file once, no half-copied file left', async () => {
    const source = folder('atelier-downloads-');
    // killed at the second file of 60: the 58 left take far longer to import than a kill takes to land
    const files = 60;
    for (let i = 0; i < files; i += 1) {
      await sharp({ create: { width: 300, height: 300, channels: 3, background: { r: i * 4, g: 90, b: 10 } } }).png().toFile(path.join(source, `k${i}.png`));
    }
    const dataDir = folder();
    const proc = spawn(process.execPath, [path.resolve(import.meta.dirname, '../support/crash-child.ts')], {
      env: { ...process.env, ATELIER_DATA_DIR: dataDir },
      stdio: ['pipe', 'pipe', 'inherit'],
    });
    const exited = new Promise((resolve) => proc.on('exit', resolve));
    await new Promise<void>((resolve) => {
      const explain = explainIfStuck('the import to get going', () => 'no progress line with two files done');
      createInterface({ input: proc.stdout }).on('line', (line) => {
        const progress = (JSON.parse(line) as { importProgress?: ImportProgress }).importProgress;
        if (progress && progress.done >= 2) {
          explain.settled();
          proc.kill('SIGKILL');
          resolve();
        }
      });
      proc.stdin.write(`import ${source}\n`);
    });
    await exited;

    const again = await studio(dataDir);
    const report = await again.events.until('import:finished', () => true);
    expect(report).toMatchObject({ imported: files, duplicates: 0, unreadable: [] });
    const generations = await all(again.core);
    expect(generations).toHaveLength(files);
    expect(new Set(generations.map((g) => g.images[0]!.fileSha256)).size).toBe(files);
    // the temp folder holds nothing the killed run left behind
    expect(readdirSync(path.join(dataDir, 'tmp'))).toEqual([]);
  });

  it('refuses a folder that is not one, or is the library', async () => {
    const dataDir = folder();
    const { core } = await studio(dataDir);
    for (const [input, message] of [
      ['relative/folder', /full path/],
      [path.join(dataDir, 'nothing-here'), /no folder/],
      [dataDir, /library itself/],
    ] as const) {
      const result = await core.dispatch('import:start', { folder: input });
      expect(result.ok ? null : result.error.message).toMatch(message);
    }
  });
});
