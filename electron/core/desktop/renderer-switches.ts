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

/** `[switch, value]` pairs for `app.commandLine.appendSwitch`, for a machine with `cores` logical cores. */
export function rendererSwitches(cores: number): [string, string][] {
  return cores <= FEW_CORES ? [['js-flags', '--single-threaded-gc']] : [];
}

/**
 * The value to set for a window switch the command line already has (`given`), or null to leave it:
 * `js-flags` is a list of V8 flags, so the window's are added to those given (the launcher's core
 * flags, core-v8-flags.ts, or the artist's own; setting the switch again replaces its value for the
 * renderers); any other switch the artist passed is kept as it is.
 */
export function mergedSwitch(name: string, given: string, value: string): string | null {
  if (name !== 'js-flags') return null;
  const flags = given.split(/\s+/).filter((flag) => flag !== '');
  const added = value.split(/\s+/).filter((flag) => flag !== '' && !flags.includes(flag));
  return added.length === 0 ? null : [...flags, ...added].join(' ');
}
