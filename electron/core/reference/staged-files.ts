/**
 * Dropped files arriving in parts (`reference:filePart`), held in memory until `reference:fromFile`
 * takes them: bounded in size per file and in how many files wait at once.
 */
import { REFERENCE_FILE_MAX_BYTES } from '../../../shared/reference.ts';
import { Failure } from '../failure.ts';

/** Files being received at once; a fifth drop forgets the oldest unfinished one. */
const MAX_STAGED = 4;
/** A file whose next part has not come for this long is forgotten. */
const STALE_MS = 5 * 60_000;

interface Staged {
  parts: Buffer[];
  size: number;
  touchedAt: number;
}

export interface StagedFiles {
  /** Adds the part starting at `offset` (parts come in order); answers the bytes received so far. */
  append(requestId: string, offset: number, bytes: Buffer): number;
  /** The whole file, forgotten here once taken. */
  take(requestId: string): Buffer;
}

/** An empty staging area ageing by `now`. */
export function createStagedFiles(now: () => number = Date.now): StagedFiles {
  const staged = new Map<string, Staged>();
  const forgetStale = () => {
    for (const [id, entry] of staged) if (now() - entry.touchedAt > STALE_MS) staged.delete(id);
  };
  return {
    append(requestId, offset, bytes) {
      forgetStale();
      let entry = staged.get(requestId);
      if (!entry) {
        if (offset !== 0) throw new Failure('invalid_input', 'The file arrived incompletely; drop it again.');
        if (staged.size >= MAX_STAGED) staged.delete(staged.keys().next().value ?? '');
        entry = { parts: [], size: 0, touchedAt: now() };
        staged.set(requestId, entry);
      }
      if (offset !== entry.size) {
        staged.delete(requestId);
        throw new Failure('invalid_input', 'The file arrived out of order; drop it again.');
      }
      if (entry.size + bytes.length > REFERENCE_FILE_MAX_BYTES) {
        staged.delete(requestId);
        throw new Failure('invalid_input', `The file is larger than ${REFERENCE_FILE_MAX_BYTES / (1024 * 1024)} MB; a reference image can be at most that.`);
      }
      entry.parts.push(bytes);
      entry.size += bytes.length;
      entry.touchedAt = now();
      return entry.size;
    },
    take(requestId) {
      const entry = staged.get(requestId);
      if (!entry) throw new Failure('not_found', 'The dropped file did not arrive; drop it again.');
      staged.delete(requestId);
      return Buffer.concat(entry.parts);
    },
  };
}
