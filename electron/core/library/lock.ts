import { randomUUID } from 'node:crypto';
import { linkSync, readFileSync, renameSync, rmSync, statSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { Failure } from '../failure.ts';
import { PRIVATE_FILE_MODE } from '../private-files.ts';

/**
 * One process per library. Two processes writing one library (a desktop window and a preview, or
 * two previews) fail each other's runs: each queue takes the other's generations for its own. The
 * lock is a file in the library folder naming its holder, created atomically and removed on close
 * or exit; a lock whose holder is gone (a crash, a power cut) is stale and taken over.
 */
export const LOCK_FILE = 'library.lock';

export interface LibraryLock {
  readonly file: string;
  /** Removes the lock file if it is still this holder's. */
  release(): void;
}

interface Holder {
  pid: number;
  /** When the holding process started (ms since 1970), for the message and for people reading the file. */
  startedAt: number;
  host: string;
  /** Linux's id of the current boot: a lock from before a restart is stale whatever its pid. */
  bootId: string | null;
  /** Tells this holder's file from a later one with a reused pid. */
  token: string;
}

/** Lock files this process holds: a second core on the same library in one process is refused too. */
const held = new Map<string, Holder>();
let releaseOnExit = false;

/** Takes the library's lock or throws `library_in_use` naming the process that holds it. */
export function lockLibrary(dataDir: string): LibraryLock {
  const file = path.join(dataDir, LOCK_FILE);
  const own = held.get(file);
  if (own) throw inUse(file, own);
  const me: Holder = {
    pid: process.pid,
    startedAt: Math.round(performance.timeOrigin),
    host: os.hostname(),
    bootId: currentBootId(),
    token: randomUUID(),
  };
  // Each pass either takes the lock, finds a live holder, or clears one stale lock; three are plenty.
  for (let attempt = 0; attempt < 3; attempt++) {
    if (create(file, me)) {
      held.set(file, me);
      if (!releaseOnExit) {
        releaseOnExit = true;
        process.once('exit', () => {
          for (const [lockFile, holder] of held) releaseFile(lockFile, holder);
        });
      }
      return { file, release: () => releaseFile(file, me) };
    }
    const text = readText(file);
    if (text === undefined) continue; // released in the meantime: try again
    const holder = parseHolder(text);
    if (holder && isAlive(holder)) throw inUse(file, holder);
    if (!holder && ageMs(file) < BEING_WRITTEN_MS) break;
    clearStale(file, text);
  }
  throw new Failure('library_in_use', `Atelier could not take the lock on this library (${file}); another Atelier seems to be starting on it. Try again in a moment.`);
}

/**
 * Writes the holder to a temp file and links it into place: the link fails if a lock exists, and
 * a lock file is never seen half written (an empty lock would look stale to a process starting at
 * the same moment). Drives without hard links (FAT, exFAT, some shares) get an exclusive create.
 */
function create(file: string, me: Holder): boolean {
  const text = JSON.stringify(me);
  const temp = `${file}.${me.token}.tmp`;
  try {
    writeFileSync(temp, text, { mode: PRIVATE_FILE_MODE });
    linkSync(temp, file);
    return true;
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code ?? '';
    if (code === 'EEXIST') return false;
    if (!NO_HARD_LINKS.has(code)) throw error;
  } finally {
    rmSync(temp, { force: true });
  }
  try {
    writeFileSync(file, text, { flag: 'wx', mode: PRIVATE_FILE_MODE });
    return true;
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'EEXIST') return false;
    throw error;
  }
}

const NO_HARD_LINKS = new Set(['EPERM', 'ENOTSUP', 'EOPNOTSUPP', 'ENOSYS', 'EMLINK']);
/** A lock file this young that cannot be read yet is being written by a process starting right now. */
const BEING_WRITTEN_MS = 10_000;

/**
 * Moves a stale lock aside and checks it was the one judged stale: if a process took the lock over
 * in between, its fresh lock is put back (a link, so nothing newer is overwritten).
 */
function clearStale(file: string, staleText: string): void {
  const aside = `${file}.${randomUUID()}.stale`;
  try {
    renameSync(file, aside);
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return;
    throw error;
  }
  try {
    if (readText(aside) !== staleText) linkSync(aside, file);
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error;
  } finally {
    rmSync(aside, { force: true });
  }
}

function releaseFile(file: string, me: Holder): void {
  if (held.get(file) !== me) return;
  held.delete(file);
  const text = readText(file);
  if (text !== undefined && parseHolder(text)?.token === me.token) rmSync(file, { force: true });
}

/** Whether the holder may still be using the library; when in doubt, yes. */
function isAlive(holder: Holder): boolean {
  // another computer sharing the folder: its processes cannot be checked from here
  if (holder.host !== os.hostname()) return true;
  const bootId = currentBootId();
  if (holder.bootId !== null && bootId !== null && holder.bootId !== bootId) return false;
  // our own pid but not in `held`: a process before a restart that got the same pid
  if (holder.pid === process.pid) return false;
  try {
    process.kill(holder.pid, 0);
    return true;
  } catch (error) {
    // EPERM: the process exists but belongs to someone else
    return (error as NodeJS.ErrnoException).code !== 'ESRCH';
  }
}

function inUse(file: string, holder: Holder): Failure {
  const where = holder.host === os.hostname() ? '' : ` on ${holder.host}`;
  return new Failure(
    'library_in_use',
    `This library is open in another Atelier window or process (pid ${holder.pid}${where}). Close it there first, or open a different library folder.`,
    { pid: holder.pid, host: holder.host, startedAt: holder.startedAt, lockFile: file },
  );
}

function parseHolder(text: string): Holder | undefined {
  try {
    const value = JSON.parse(text) as Partial<Holder> | null;
    if (value === null || typeof value !== 'object' || !Number.isInteger(value.pid) || typeof value.token !== 'string') return undefined;
    return {
      pid: value.pid as number,
      startedAt: typeof value.startedAt === 'number' ? value.startedAt : 0,
      host: typeof value.host === 'string' ? value.host : os.hostname(),
      bootId: typeof value.bootId === 'string' ? value.bootId : null,
      token: value.token,
    };
  } catch {
    return undefined; // not written by Atelier: stale
  }
}

function ageMs(file: string): number {
  const stat = statSync(file, { throwIfNoEntry: false });
  return stat === undefined ? Infinity : Date.now() - stat.mtimeMs;
}

function readText(file: string): string | undefined {
  try {
    return readFileSync(file, 'utf8');
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return undefined;
    throw error;
  }
}

let bootIdCache: string | null | undefined;
function currentBootId(): string | null {
  if (bootIdCache === undefined) {
    try {
      bootIdCache = readFileSync('/proc/sys/kernel/random/boot_id', 'utf8').trim() || null;
    } catch {
      bootIdCache = null; // not Linux
    }
  }
  return bootIdCache;
}
