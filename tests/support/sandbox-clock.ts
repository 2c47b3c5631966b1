/**
 * A clock for the Sandbox (its `now` option) that a test can hold still. A Sandbox task's
 * state is a pure function of this clock, so while it is held every task stays where it
 * is — a passing state like "generating" can be looked at without racing the wall clock —
 * and `advance` moves tasks on exactly when the test says. Not held, it runs with real time.
 */
export interface SandboxClock {
  now(): number;
  /** Stops the clock where it stands. */
  hold(): void;
  /** Moves the clock forward (held or not). */
  advance(ms: number): void;
  /** Lets the clock run again from where it was held, at real pace. */
  release(): void;
}

/** A clock that starts at real time, running; `held: true` starts it held. */
export function sandboxClock(options: { held?: boolean } = {}): SandboxClock {
  let offset = 0;
  let heldAt: number | undefined;
  const clock: SandboxClock = {
    now: () => heldAt ?? Date.now() + offset,
    hold() {
      heldAt ??= Date.now() + offset;
    },
    advance(ms) {
      if (heldAt === undefined) offset += ms;
      else heldAt += ms;
    },
    release() {
      if (heldAt === undefined) return;
      offset = heldAt - Date.now();
      heldAt = undefined;
    },
  };
  if (options.held) clock.hold();
  return clock;
}
