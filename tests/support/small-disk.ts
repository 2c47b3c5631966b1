import { execFileSync } from 'node:child_process';
import { appendFileSync, mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';

/**
 * A real, tiny file system (tmpfs) for storage-failure tests: it can be filled to the last byte
 * and remounted read-only, which no chmod can imitate for root. Needs mount rights (root on Linux);
 * `smallDisk` returns the reason instead when they are missing, and the test skips saying so.
 */
export interface SmallDisk {
  readonly path: string;
  /** Writes a filler file until the disk has no space left. */
  fill(): void;
  /** Removes the filler. */
  free(): void;
  readOnly(): void;
  writable(): void;
  remove(): void;
}

export function smallDisk(bytes = 4 * 1024 * 1024): SmallDisk | string {
  if (process.platform !== 'linux') return `tmpfs mounts need Linux (this is ${process.platform})`;
  const dir = mkdtempSync(path.join(os.tmpdir(), 'atelier-disk-'));
  try {
    execFileSync('mount', ['-t', 'tmpfs', '-o', `size=${bytes}`, 'tmpfs', dir], { stdio: 'pipe' });
  } catch (error) {
    rmSync(dir, { recursive: true, force: true });
    return `cannot mount a tmpfs here (${String((error as { stderr?: unknown }).stderr ?? error).trim()})`;
  }
  const filler = path.join(dir, 'filler');
  const remount = (mode: 'ro' | 'rw') => execFileSync('mount', ['-o', `remount,${mode}`, dir], { stdio: 'pipe' });
  return {
    path: dir,
    fill() {
      const chunk = Buffer.alloc(64 * 1024, 1);
      for (;;) {
        try {
          appendFileSync(filler, chunk);
        } catch (error) {
          if ((error as NodeJS.ErrnoException).code === 'ENOSPC') break;
          throw error;
        }
      }
      // the last partial chunk may have left a few bytes: take them too
      for (let size = 4096; size >= 1; size = Math.floor(size / 2)) {
        try {
          appendFileSync(filler, Buffer.alloc(size, 1));
        } catch {
          // that size no longer fits; try a smaller one
        }
      }
    },
    free: () => rmSync(filler, { force: true }),
    readOnly: () => remount('ro'),
    writable: () => remount('rw'),
    remove() {
      try {
        execFileSync('umount', [dir], { stdio: 'pipe' });
      } finally {
        rmSync(dir, { recursive: true, force: true });
      }
    },
  };
}
