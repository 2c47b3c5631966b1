import { chmodSync, existsSync, mkdirSync, readFileSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { z } from 'zod';

/** Where the API key is kept: Electron's safeStorage in the desktop app, a private file in the preview. */
export interface KeyStore {
  read(): string | undefined;
  /** `undefined` forgets the key. */
  write(key: string | undefined): void;
}

export interface Settings {
  apiBaseUrl: string;
  concurrency: number;
}

export const DEFAULT_API_BASE_URL = 'https://kinovi.ai/api/v1';
export const DEFAULT_CONCURRENCY = 3;

const settingsFile = z
  .object({
    apiBaseUrl: z.string().url().catch(DEFAULT_API_BASE_URL),
    concurrency: z.number().int().min(1).max(50).catch(DEFAULT_CONCURRENCY),
  })
  .partial();

/** Reads settings.json from the data folder; a missing or damaged file gives the defaults. */
export function readSettings(dataDir: string): Settings {
  const file = path.join(dataDir, 'settings.json');
  let stored: z.output<typeof settingsFile> = {};
  try {
    stored = settingsFile.parse(JSON.parse(readFileSync(file, 'utf8')));
  } catch {
    // Defaults; the next save writes a good file.
  }
  return { apiBaseUrl: stored.apiBaseUrl ?? DEFAULT_API_BASE_URL, concurrency: stored.concurrency ?? DEFAULT_CONCURRENCY };
}

/** Saves settings atomically (temp file + rename) so a crash never leaves half a file. */
export function writeSettings(dataDir: string, settings: Settings): void {
  writeAtomically(path.join(dataDir, 'settings.json'), `${JSON.stringify(settings, null, 2)}\n`);
}

/**
 * The preview host's key store: a file only the user can read, in the data folder. The
 * desktop app uses Electron's safeStorage instead (encrypted with the OS keychain).
 */
export function fileKeyStore(dataDir: string): KeyStore {
  const file = path.join(dataDir, 'api-key');
  return {
    read: () => (existsSync(file) ? readFileSync(file, 'utf8').trim() || undefined : undefined),
    write: (key) => {
      if (key === undefined) rmSync(file, { force: true });
      else writeAtomically(file, key, 0o600);
    },
  };
}

/** A key store that forgets on exit: for a key given by ATELIER_API_KEY and for tests. */
export function memoryKeyStore(initial?: string): KeyStore {
  let key = initial;
  return { read: () => key, write: (next) => void (key = next) };
}

function writeAtomically(file: string, text: string, mode = 0o644): void {
  mkdirSync(path.dirname(file), { recursive: true });
  const temp = `${file}.tmp-${process.pid}`;
  writeFileSync(temp, text, { mode });
  chmodSync(temp, mode);
  renameSync(temp, file);
}
