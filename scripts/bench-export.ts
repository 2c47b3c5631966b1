/**
 * `npm run bench:export [-- --images N] [--side PX]`: export and import throughput at the scale of
 * issue 13 (10,000 images by default). Builds a library of real PNGs (each its own picture: waves
 * of its own under noise, so they compress like pictures and no two share pixels or look alike —
 * an import skips the same pixels as a duplicate since migration 14) in a temp folder, then
 * exports it to a folder and to a ZIP, hashes its images as the duplicates backfill of an older
 * library does (on an upkeep thread, resting as long as it works, as in the app), and imports each export into an empty library, printing images/s,
 * MB/s and the longest the core's thread was blocked (and its longest task) in each phase. As in the app, each library's log is
 * copied back on a checkpoint thread (checkpoints.ts), and a library is closed (which copies the rest back) after its phase is timed:
 * the app closes it at quit.
 * Everything runs on this machine's disk under the temp folder and is removed at the end.
 */
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { performance } from 'node:perf_hooks';
import { parseArgs } from 'node:util';
import sharp from 'sharp';
import { createHash } from 'node:crypto';
import { EventHub } from '../electron/core/events.ts';
import { exportImages } from '../electron/core/export/export-images.ts';
import { createImports } from '../electron/core/import/imports.ts';
import { startCheckpoints } from '../electron/core/library/checkpoints.ts';
import { closeLibrary, libraryPath, openLibrary, type Library } from '../electron/core/library/database.ts';
import type { HashSlice } from '../electron/core/library/hash-backfill.ts';
import { insertGeneration, markDone, markStatus, markSubmitted, markSubmitting } from '../electron/core/library/generations.ts';
import { createImages, markImageDownloaded } from '../electron/core/library/images.ts';
import { imagePath, toAbsolutePath } from '../electron/core/media/layout.ts';
import { writePngText } from '../electron/core/media/png-metadata.ts';
import { LibraryWorker } from '../electron/core/library/worker.ts';
import { eventLoopWatch, ms } from './lib/measure.ts';
import { build, buildIsStale, useBuiltThreads } from './lib/build.ts';
import { runAsTheCore } from './lib/core-flags.ts';

// the core's V8 flags on this process, whose thread stands in for the core's (core-v8-flags.ts)
await runAsTheCore();

// the library's threads start from the build, as in the desktop app (electron/core/thread-script.ts)
if (buildIsStale()) await build();
useBuiltThreads();

const { values: args } = parseArgs({ options: { images: { type: 'string', default: '10000' }, side: { type: 'string', default: '256' } } });
const IMAGES = Number(args.images);
const SIDE = Number(args.side);
if (!Number.isSafeInteger(IMAGES) || IMAGES < 4 || IMAGES % 4 !== 0) throw new Error('--images takes a whole multiple of 4.');
if (!Number.isSafeInteger(SIDE) || SIDE < 16 || SIDE > 4096) throw new Error('--side takes 16 to 4096 pixels.');

const root = mkdtempSync(path.join(os.tmpdir(), 'atelier-bench-export-'));
const sha = (bytes: Uint8Array) => createHash('sha256').update(bytes).digest('hex');

async function noisePng(seed: number): Promise<Buffer> {
  const pixels = Buffer.alloc(SIDE * SIDE * 3);
  let state = (seed * 2654435761 + 1) >>> 0;
  const next = () => (state = (state * 1103515245 + 12345) >>> 0) / 2 ** 32;
  // low-frequency waves of the picture's own (what a perceptual hash reads), noise on top (what compression meets)
  const waves = Array.from({ length: 3 }, () => ({ fx: 1 + next() * 5, fy: 1 + next() * 5, px: next() * 6.3, py: next() * 6.3 }));
  for (let y = 0; y < SIDE; y += 1) {
    for (let x = 0; x < SIDE; x += 1) {
      for (let c = 0; c < 3; c += 1) {
        const w = waves[c]!;
        const wave = Math.sin((w.fx * x * Math.PI) / SIDE + w.px) * Math.cos((w.fy * y * Math.PI) / SIDE + w.py);
        state = (state * 1103515245 + 12345) >>> 0;
        pixels[(y * SIDE + x) * 3 + c] = Math.round(112 + 96 * wave) + ((state >>> 16) & 0x1f);
      }
    }
  }
  return sharp(pixels, { raw: { width: SIDE, height: SIDE, channels: 3 } }).png().toBuffer();
}

/** A library of IMAGES saved images in `dataDir`, four to a generation; returns their total size. */
async function buildLibrary(db: Library, dataDir: string): Promise<number> {
  let bytes = 0;
  for (let g = 0; g < IMAGES / 4; g += 1) {
    const createdAt = Date.UTC(2025, 0, 1) + g * 60_000;
    const generation = insertGeneration(db, {
      params: { model: 'midjourney-v7', prompt: `bench picture ${g} of a quiet harbour at dawn`, seed: g },
      effective: {
        model: 'midjourney-v7', prompt: `bench picture ${g} of a quiet harbour at dawn`, aspectRatio: '1:1', stylize: null, chaos: null,
        weird: null, quality: null, raw: false, negativePrompt: null, seed: g, referenceImageUrl: null,
      },
      requestBody: {},
    }, createdAt);
    createImages(db, generation.id, Array.from({ length: 4 }, (_, i) => ({ remoteUrl: `https://cdn.example/${g}-${i}.png` })));
    for (let index = 0; index < 4; index += 1) {
      const png = writePngText(await noisePng(g * 4 + index), [{ keyword: 'Comment', text: `bench ${g}-${index}` }]);
      const file = imagePath({ generationId: generation.id, index, createdAt });
      mkdirSync(path.dirname(toAbsolutePath(dataDir, file)), { recursive: true });
      writeFileSync(toAbsolutePath(dataDir, file), png);
      const hash = sha(png);
      markImageDownloaded(db, generation.id, index, { file, thumbnail: null, bytes: png.length, sha256: hash, fileSha256: hash, width: SIDE, height: SIDE });
      bytes += png.length;
    }
    markSubmitting(db, generation.id);
    markSubmitted(db, generation.id, `bench-task-${g}`);
    markStatus(db, generation.id, 'downloading');
    markDone(db, generation.id);
  }
  return bytes;
}

const watch = eventLoopWatch();
const rows: string[][] = [];
async function phase(name: string, bytes: number, run: () => Promise<number>): Promise<void> {
  watch.reset();
  const start = performance.now();
  const cpu = process.cpuUsage();
  const images = await run();
  const seconds = (performance.now() - start) / 1000;
  // every thread of the process: the core, the picture threads, sharp's decoding threads
  const used = process.cpuUsage(cpu);
  const cpuMs = (used.user + used.system) / 1000;
  rows.push([
    name, String(images), seconds.toFixed(1), (images / seconds).toFixed(0), (bytes / 1e6 / seconds).toFixed(1), (cpuMs / images).toFixed(1),
    ms(watch.longestBlock()), ms(watch.longestTask()),
  ]);
  console.log(`  ${name}: ${images} images in ${seconds.toFixed(1)} s`);
}

/** Imports `source` into an empty library, timed as `name`; the library is closed after. */
async function importInto(name: string, bytes: number, source: string): Promise<void> {
  const dataDir = path.join(root, `import-${path.basename(source)}`);
  const db = openLibrary(dataDir);
  const checkpoints = startCheckpoints(db, libraryPath(dataDir));
  const imports = createImports({ db, dataDir, hub: new EventHub() });
  try {
    await phase(name, bytes, async () => {
      const report = await imports.start(source);
      if (report === null || report.imported !== IMAGES) throw new Error(`the import brought ${report?.imported ?? 0} of ${IMAGES} images`);
      return report.imported;
    });
  } finally {
    await imports.close();
    await checkpoints.close();
    closeLibrary(db);
  }
}

try {
  console.log(`Building a library of ${IMAGES.toLocaleString('en')} ${SIDE}×${SIDE} PNGs in ${root} …`);
  const dataDir = path.join(root, 'library');
  const db = openLibrary(dataDir);
  const bytes = await buildLibrary(db, dataDir);
  const checkpoints = startCheckpoints(db, libraryPath(dataDir));
  console.log(`  ${(bytes / 1e6).toFixed(0)} MB of images`);
  const out = path.join(root, 'out');
  mkdirSync(out);
  let folder = '';
  const zip = path.join(out, 'bench.zip');
  await phase('export to a folder', bytes, async () => {
    const result = await exportImages({ db, dataDir, generationIds: null, destination: { kind: 'folder', folder: out } });
    if (result.status !== 'done') throw new Error('the folder export did not finish');
    folder = result.path;
    return result.images;
  });
  await phase('export to a ZIP', bytes, async () => {
    const result = await exportImages({ db, dataDir, generationIds: null, destination: { kind: 'zip', file: zip } });
    if (result.status !== 'done') throw new Error('the ZIP export did not finish');
    return result.images;
  });
  await phase('hash older images (backfill)', bytes, async () => {
    // as a library from before migration 14 starts: every image waiting for its hashes
    db.exec('DELETE FROM similar_images; DELETE FROM image_hashes; DELETE FROM hash_backfill');
    db.prepare('INSERT INTO hash_backfill (id, below) SELECT 1, id + 1 FROM images ORDER BY id DESC LIMIT 1').run();
    let hashed = 0;
    let longestStepMs = 0;
    // on an upkeep thread, slice after slice, as the app runs it (threads.ts)
    const upkeep = new LibraryWorker(libraryPath(dataDir), { name: 'upkeep', writable: true });
    try {
      for (let progress: unknown = true; progress !== null; ) {
        const slice = (await upkeep.run('fillImageHashes', { dataDir })) as HashSlice;
        hashed += slice.hashed;
        longestStepMs = Math.max(longestStepMs, slice.longestStepMs);
        progress = slice.progress;
      }
    } finally {
      await upkeep.close();
    }
    console.log(`  its longest transaction: ${longestStepMs.toFixed(1)} ms`);
    return hashed;
  });
  await checkpoints.close();
  closeLibrary(db);
  await importInto('import a folder', bytes, folder);
  await importInto('import a ZIP', bytes, zip);
  watch.stop();

  const header = ['phase', 'images', 's', 'images/s', 'MB/s', 'CPU ms/image', 'longest block ms', 'longest task ms'];
  const widths = header.map((h, i) => Math.max(h.length, ...rows.map((r) => r[i]!.length)));
  console.log(`\n${[header, ...rows].map((r) => r.map((cell, i) => cell.padEnd(widths[i]!)).join('  ')).join('\n')}`);
  console.log(`\nLoad average while it ran: ${os.loadavg().map((l) => l.toFixed(1)).join(' ')} on ${os.availableParallelism()} cores. CPU ms/image is the whole process's (every thread's) CPU time per image: under load it is the steadier figure.`);
  console.log('MB/s counts the stored images’ bytes. The longest block is wall-clock on a shared, niced machine (it counts time the OS gave no core); the longest task is this thread’s own CPU time.');
} finally {
  rmSync(root, { recursive: true, force: true });
}
