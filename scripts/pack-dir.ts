/**
 * `npm run pack:dir`: packs the unpacked Linux app (release/linux-unpacked) with electron-builder,
 * without downloading anything. Electron itself comes from a local folder holding an executable
 * named `electron`: ATELIER_ELECTRON_DIST, else node_modules/electron/dist when it was downloaded.
 * ATELIER_PACK_OUT moves the output folder (tests pack into a temporary one).
 */
import { existsSync, readdirSync, statSync } from 'node:fs';
import path from 'node:path';
import { build, buildIsStale } from './lib/build.ts';
import { root, run } from './lib/run.ts';

function electronDist(): string | undefined {
  const fromEnv = process.env.ATELIER_ELECTRON_DIST?.trim();
  if (fromEnv) return path.resolve(fromEnv);
  const installed = path.join(root, 'node_modules', 'electron', 'dist');
  return existsSync(path.join(installed, 'electron')) ? installed : undefined;
}

/** Bytes under a path (a file or a whole folder). */
function sizeOf(entry: string): number {
  const info = statSync(entry);
  if (!info.isDirectory()) return info.size;
  return readdirSync(entry).reduce((sum, name) => sum + sizeOf(path.join(entry, name)), 0);
}

const megabytes = (bytes: number) => `${(bytes / 1024 / 1024).toFixed(1)} MB`;

const dist = electronDist();
if (!dist || !existsSync(path.join(dist, 'electron'))) {
  console.error(
    'pack:dir needs a folder holding an Electron executable named `electron`: set ATELIER_ELECTRON_DIST to one\n' +
      '(e.g. an unzipped electron-v45.4.1-linux-x64), or run `npx electron --version` once where Electron can download.',
  );
  process.exit(1);
}
const output = path.resolve(process.env.ATELIER_PACK_OUT?.trim() || path.join(root, 'release'));

if (buildIsStale()) await build();
const code = await run('electron-builder', ['--linux', 'dir', '--x64', `-c.electronDist=${dist}`, `-c.directories.output=${output}`]);
if (code !== 0) process.exit(code);

const resources = path.join(output, 'linux-unpacked', 'resources');
const asar = sizeOf(path.join(resources, 'app.asar'));
const unpacked = existsSync(path.join(resources, 'app.asar.unpacked')) ? sizeOf(path.join(resources, 'app.asar.unpacked')) : 0;
console.log(`Packed ${path.join(output, 'linux-unpacked')}: app.asar ${megabytes(asar)}, app.asar.unpacked ${megabytes(unpacked)}, app in all ${megabytes(asar + unpacked)}`);
