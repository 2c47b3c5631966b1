import { CORE_V8_FLAGS } from './core-v8-flags.ts';

/**
 * Chromium switches for the window's renderer processes, chosen by the machine (one source: the
 * shell appends them before ready, and bench:ui starts its Chromium with them, as the window's).
 *
 * On two cores or fewer, V8 collects the window's garbage on the window's own thread
 * (`--single-threaded-gc`). Its helper threads otherwise wait for a core that the window, its
 * compositor and the core already share, and the pause that ends each full collection waits with
 * them: 42-93 ms, about every 5 s of typing at 1M on 2 cores, most of it waiting. Typing a word →
 * the grid (16 words a launch, 13 launches each way, alternated in batches): words over 100 ms
 * 16 % → 9 %, p90 147 → 92 ms, the start unchanged. With more cores the helpers find one and finish
 * sooner than the window's thread alone: nothing is set.
 */
export const FEW_CORES = 2;

/**
 * `[switch, value]` pairs for `app.commandLine.appendSwitch`, for a machine with `cores` logical
 * cores, whose command line gave `givenJsFlags` (null: no --js-flags). Electron passes its main
 * process's `--js-flags` on to the renderers, and setting the switch again replaces that value for
 * them: the core's flags (core-v8-flags.ts: the launcher's, for the main process only) are taken
 * out, the window's added, and any other flag given (the artist's own) kept.
 */
export function rendererSwitches(cores: number, givenJsFlags: string | null = null): [string, string][] {
  const windowFlags = cores <= FEW_CORES ? ['--single-threaded-gc'] : [];
  if (givenJsFlags === null) return windowFlags.length === 0 ? [] : [['js-flags', windowFlags.join(' ')]];
  const given = givenJsFlags.split(/\s+/).filter((flag) => flag !== '');
  const kept = given.filter((flag) => !CORE_V8_FLAGS.includes(flag));
  const flags = [...kept, ...windowFlags.filter((flag) => !kept.includes(flag))];
  return flags.join(' ') === given.join(' ') ? [] : [['js-flags', flags.join(' ')]];
}
