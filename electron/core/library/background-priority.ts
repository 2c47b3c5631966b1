import os from 'node:os';

/**
 * The nice value of the library's background threads (counts, the checkpoint thread, upkeep).
 * On 2 cores shared with Chromium, a count or a merge that holds a core kept the core's own thread
 * (Electron's main process) waiting for one: bench:ui at 1M measured it off-CPU for 100–240 ms at
 * a time, ready to run. At nice 10 such a thread weighs ~1/10 of a normal one with the scheduler,
 * so the core's thread, the pages thread and the renderer get a core first when one is wanted.
 */
export const BACKGROUND_NICE = 10;

/**
 * Lowers the calling thread's priority, on Linux only: there a thread's nice value is its own
 * (setpriority on "the calling process" changes only the calling thread), while on macOS and
 * Windows it would lower the whole app, the core's thread included.
 */
export function runInBackground(): void {
  if (process.platform !== 'linux') return;
  try {
    os.setPriority(BACKGROUND_NICE);
  } catch (error) {
    // raising one's own nice value is always allowed; should it fail, the thread still does its work
    console.warn('[atelier] could not lower a background thread\'s priority:', error);
  }
}
