import type { Generation } from '../../shared/generation.ts';
import type { EventName, EventPayload } from '../../shared/contract.ts';
import { explainIfStuck } from './stuck-wait.ts';
import { startCore, type Core, type CoreOptions } from '../../electron/core/app.ts';

/** A core on a real library folder and a fast built-in Sandbox (tests only change the timings). */
export function startTestCore(dataDir: string, extra: Partial<CoreOptions> = {}): Promise<Core> {
  return startCore({
    dataDir,
    version: '0.0.0-test',
    shell: 'preview',
    sandbox: { waitingMs: 60, generatingMs: 120 },
    timing: { baseMs: 40 },
    downloadRetry: { attempts: 2, baseDelayMs: 10, maxDelayMs: 20 },
    ...extra,
  });
}

/** Calls a channel and returns its value, failing the test with the error's words otherwise. */
export async function call<T = unknown>(core: Core, channel: string, input?: unknown): Promise<T> {
  const result = await core.dispatch(channel, input);
  if (!result.ok) throw new Error(`${channel} failed: ${result.error.code}: ${result.error.message}`);
  return result.value as T;
}

/** Records every push event of a core; `until` waits for one that matches. */
export function recordEvents(core: Core) {
  const seen: Array<{ event: EventName; payload: unknown }> = [];
  // When each was seen (seconds since recording began), for a stuck wait's report: a run that moved
  // slowly until the hang guard and one that stopped read differently.
  const started = performance.now();
  const at: number[] = [];
  const waiters = new Set<() => void>();
  core.subscribe((event, payload) => {
    seen.push({ event, payload });
    at.push((performance.now() - started) / 1000);
    for (const wake of waiters) wake();
  });
  return {
    seen,
    /** The statuses one generation went through, in order, without repeats. */
    statuses(id: number): string[] {
      const list = seen
        .filter((e) => e.event === 'generation:updated' && (e.payload as Generation).id === id)
        .map((e) => (e.payload as Generation).status);
      return list.filter((status, i) => i === 0 || list[i - 1] !== status);
    },
    /** Waits for a matching event; no timer of its own (see stuck-wait.ts), so a loaded machine only makes it slower. */
    until<E extends EventName>(event: E, match: (payload: EventPayload<E>) => boolean): Promise<EventPayload<E>> {
      const explain = explainIfStuck(event, () =>
        seen
          .map((e, i) => `${e.event}${e.event === 'generation:updated' ? `(${(e.payload as Generation).id}:${(e.payload as Generation).status})` : ''} @${at[i]?.toFixed(1)}s`)
          .concat(`(now @${((performance.now() - started) / 1000).toFixed(1)}s)`)
          .join(', '),
      );
      return new Promise((resolve) => {
        const check = () => {
          const hit = seen.find((e) => e.event === event && match(e.payload as EventPayload<E>));
          if (!hit) return false;
          waiters.delete(check);
          explain.settled();
          resolve(hit.payload as EventPayload<E>);
          return true;
        };
        if (!check()) waiters.add(check);
      });
    },
    /** Waits until generation `id` reaches `status`. */
    reach(id: number, status: Generation['status']): Promise<Generation> {
      return this.until('generation:updated', (g) => g.id === id && g.status === status);
    },
  };
}

/**
 * A test core with its events recorded, closed once: early by the test (`close`, e.g. to reopen the
 * library) or by the `cleanups` the test file runs after each test.
 */
export async function closableCore(dataDir: string, cleanups: Array<() => Promise<void> | void>, extra: Partial<CoreOptions> = {}) {
  const core = await startTestCore(dataDir, extra);
  let closed = false;
  const close = async () => {
    if (!closed) await core.close();
    closed = true;
  };
  cleanups.push(close);
  return { core, events: recordEvents(core), close };
}
