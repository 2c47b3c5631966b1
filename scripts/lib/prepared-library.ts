/**
 * A synthetic library kept between benchmark runs: a million generations take minutes to build,
 * so a folder built once (outside the repository) is reused when it holds what was asked for.
 */
import { closeSync, existsSync, mkdirSync, openSync, readdirSync, readFileSync, readSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { performance } from 'node:perf_hooks';
import { closeLibrary, libraryPath, openLibrary } from '../../electron/core/library/database.ts';
import { buildSyntheticLibrary } from './synthetic-library.ts';

/** Bumped whenever the synthetic rows change shape, so an older prepared library is not taken for a current one. */
const FORMAT = 4; // 4: thumbnails named as the app makes them now (.jpg, session 17)
const MARKER = 'synthetic-library.json';

interface Marker {
  format: number;
  generations: number;
  start: number;
}

export interface PreparedLibrary {
  dataDir: string;
  /** Milliseconds spent building, or null when an existing library was reused. */
  buildMs: number | null;
}

/**
 * The synthetic library of `generations` in `dataDir`: reused when that folder already holds one of
 * the same size and format, built there when the folder has no library, refused otherwise.
 */
export function prepareLibrary(dataDir: string, generations: number, start: number): PreparedLibrary {
  const markerFile = path.join(dataDir, MARKER);
  if (existsSync(libraryPath(dataDir))) {
    const marker = existsSync(markerFile) ? (JSON.parse(readFileSync(markerFile, 'utf8')) as Marker) : null;
    if (marker?.format === FORMAT && marker.generations === generations && marker.start === start) {
      withoutGridBackfill(dataDir);
      return { dataDir, buildMs: null };
    }
    throw new Error(
      `${dataDir} holds a library that is not a synthetic one of ${generations.toLocaleString('en')} generations (format ${FORMAT}); ` +
        'pick an empty folder, or remove that one to rebuild it.',
    );
  }
  mkdirSync(dataDir, { recursive: true });
  const began = performance.now();
  const db = openLibrary(dataDir);
  try {
    buildSyntheticLibrary(db, generations, start, { curation: true });
    db.pragma('wal_checkpoint(TRUNCATE)');
  } finally {
    closeLibrary(db);
  }
  const buildMs = performance.now() - began;
  withoutGridBackfill(dataDir);
  writeFileSync(markerFile, `${JSON.stringify({ format: FORMAT, generations, start } satisfies Marker)}\n`);
  return { dataDir, buildMs };
}

/**
 * A synthetic library has thumbnail files only for its newest generations (bench:ui writes them, and
 * their grids): the grid backfill a library built before migration 24 is given would only fail to
 * read the rest, a million times, beside what the benches measure.
 */
function withoutGridBackfill(dataDir: string): void {
  const db = openLibrary(dataDir);
  try {
    db.exec('DELETE FROM grid_backfill');
  } finally {
    closeLibrary(db);
  }
}

/**
 * Reads the library's database and its thumbnails once, so the OS holds them in its cache as it does for a library used
 * every day: a "warm" run means that. These machines do not keep it: their page cache is reclaimed
 * while idle (~10 MB/s, measured session 23: 3.7 GB cached fell to 2.8 GB in two idle minutes, with
 * 22 GB free), and the disk reads ~100 MB/s, so a run begun on an evicted library read it from disk
 * word by word and counted that as typing. Returns the seconds taken (a long time says it was cold).
 */
export function readIntoPageCache(dataDir: string): number {
  const began = performance.now();
  const chunk = Buffer.allocUnsafe(8 * 1024 * 1024);
  const thumbnails = path.join(dataDir, 'thumbnails');
  const pictures = existsSync(thumbnails) ? readdirSync(thumbnails).map((name) => path.join(thumbnails, name)) : [];
  for (const file of [libraryPath(dataDir), `${libraryPath(dataDir)}-wal`, ...pictures]) {
    if (!existsSync(file)) continue;
    const fd = openSync(file, 'r');
    try {
      while (readSync(fd, chunk, 0, chunk.length, null) > 0);
    } finally {
      closeSync(fd);
    }
  }
  return (performance.now() - began) / 1000;
}
