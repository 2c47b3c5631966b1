import { readFileSync } from 'node:fs';
import path from 'node:path';
import { z } from 'zod';
import { apiAddressProblem } from '../../shared/api-address.ts';
import { MAX_RUNS_PER_ACTION } from '../../shared/runs/expand.ts';
import { writeFileAtomically } from './atomic-file.ts';
import { PRIVATE_FILE_MODE } from './private-files.ts';

export interface Settings {
  apiBaseUrl: string;
  concurrency: number;
  /** A bulk action of more runs than this asks "Confirm runs" first. */
  confirmRunsAbove: number;
}

export const DEFAULT_API_BASE_URL = 'https://kinovi.ai/api/v1';
export const DEFAULT_CONCURRENCY = 3;
export const DEFAULT_CONFIRM_RUNS_ABOVE = 4;

const settingsFile = z
  .object({
    // an address the Settings form would refuse (plain http to another computer) is not used either
    apiBaseUrl: z.string().refine((address) => apiAddressProblem(address) === null).catch(DEFAULT_API_BASE_URL),
    concurrency: z.number().int().min(1).max(50).catch(DEFAULT_CONCURRENCY),
    confirmRunsAbove: z.number().int().min(0).max(MAX_RUNS_PER_ACTION).catch(DEFAULT_CONFIRM_RUNS_ABOVE),
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
  return {
    apiBaseUrl: stored.apiBaseUrl ?? DEFAULT_API_BASE_URL,
    concurrency: stored.concurrency ?? DEFAULT_CONCURRENCY,
    confirmRunsAbove: stored.confirmRunsAbove ?? DEFAULT_CONFIRM_RUNS_ABOVE,
  };
}

/** Saves settings atomically (temp file + rename) so a crash never leaves half a file. */
export function writeSettings(dataDir: string, settings: Settings): void {
  writeFileAtomically(path.join(dataDir, 'settings.json'), `${JSON.stringify(settings, null, 2)}\n`, PRIVATE_FILE_MODE);
}
