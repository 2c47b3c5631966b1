import { appendFileSync, mkdirSync, renameSync, rmSync, statSync } from 'node:fs';
import path from 'node:path';

/**
 * A log file that never grows without bound: past `maxBytes` it becomes `<name>.1`, older ones
 * shift to `.2`, `.3`…, and the oldest beyond `keep` is deleted. Writes are synchronous so the
 * last lines before a crash are on disk.
 */
export interface RotatingLog {
  readonly file: string;
  /** Appends one line (a newline is added); failures to write are swallowed: logging must never crash the app. */
  write(line: string): void;
}

export interface RotatingLogOptions {
  dir: string;
  name?: string;
  maxBytes?: number;
  /** How many rotated files to keep besides the current one. */
  keep?: number;
}

export const LOG_MAX_BYTES = 2 * 1024 * 1024;
export const LOG_KEEP = 3;

/** Opens (creating the folder) the rotating log `<dir>/<name>`. */
export function openRotatingLog({ dir, name = 'atelier.log', maxBytes = LOG_MAX_BYTES, keep = LOG_KEEP }: RotatingLogOptions): RotatingLog {
  mkdirSync(dir, { recursive: true });
  const file = path.join(dir, name);
  let size = sizeOf(file);

  function rotate(): void {
    rmSync(`${file}.${keep}`, { force: true });
    for (let n = keep - 1; n >= 1; n--) renameIfPresent(`${file}.${n}`, `${file}.${n + 1}`);
    if (keep > 0) renameIfPresent(file, `${file}.1`);
    else rmSync(file, { force: true });
    size = 0;
  }

  return {
    file,
    write(line) {
      const text = line.endsWith('\n') ? line : `${line}\n`;
      const bytes = Buffer.byteLength(text);
      try {
        if (size > 0 && size + bytes > maxBytes) rotate();
        appendFileSync(file, text);
        size += bytes;
      } catch {
        // A full disk or a vanished folder: the app keeps working without its log.
      }
    },
  };
}

/** One log line: ISO time, level, message (continuation lines indented so each entry stays readable). */
export function formatLogLine(level: string, message: string, now: Date = new Date()): string {
  return `${now.toISOString()} ${level.toUpperCase().padEnd(5)} ${message.replace(/\n/g, '\n    ')}`;
}

function sizeOf(file: string): number {
  try {
    return statSync(file).size;
  } catch {
    return 0;
  }
}

function renameIfPresent(from: string, to: string): void {
  try {
    renameSync(from, to);
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== 'ENOENT') throw error;
  }
}
