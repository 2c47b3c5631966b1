import { rename } from 'node:fs/promises';
import { setTimeout as delay } from 'node:timers/promises';

// Windows refuses to replace a file another process (an antivirus scan, the gallery reading it)
// holds open for a moment; POSIX rename never does. A few short retries cover the usual case.
const TRANSIENT = new Set(['EPERM', 'EACCES', 'EBUSY']);
const ATTEMPTS = 5;

/** Renames `temp` over `dest` atomically, retrying briefly on Windows' transient sharing errors. */
export async function replaceFile(temp: string, dest: string, platform: NodeJS.Platform = process.platform): Promise<void> {
  for (let attempt = 1; ; attempt++) {
    try {
      await rename(temp, dest);
      return;
    } catch (error) {
      const code = (error as NodeJS.ErrnoException).code ?? '';
      if (platform !== 'win32' || !TRANSIENT.has(code) || attempt >= ATTEMPTS) throw error;
      await delay(50 * attempt);
    }
  }
}
