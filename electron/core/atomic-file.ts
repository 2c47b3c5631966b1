import { chmodSync, mkdirSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import path from 'node:path';

/**
 * Replaces `file` with `data` in one step (temp file + rename), so a crash or a full disk never
 * leaves half a file; a failed write removes its temp file before the error goes on.
 */
export function writeFileAtomically(file: string, data: string | Uint8Array, mode: number): void {
  mkdirSync(path.dirname(file), { recursive: true });
  const temp = `${file}.tmp-${process.pid}`;
  try {
    writeFileSync(temp, data, { mode });
    // the mode given at creation is filtered by the umask; the file must end up exactly this private
    chmodSync(temp, mode);
    renameSync(temp, file);
  } catch (error) {
    rmSync(temp, { force: true });
    throw error;
  }
}
