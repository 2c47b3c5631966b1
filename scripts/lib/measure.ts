/** Small timing helpers the benchmarks share. */
import { createHook } from 'node:async_hooks';
import { openSync, readSync } from 'node:fs';
import { constants, monitorEventLoopDelay, performance, PerformanceObserver } from 'node:perf_hooks';
import { setFlagsFromString } from 'node:v8';
import { runInNewContext } from 'node:vm';

/** Milliseconds `run` takes (synchronous work). */
export function time(run: () => unknown): number {
  const start = performance.now();
  run();
  return performance.now() - start;
}

/** Milliseconds `run` takes (synchronous work), split: how long the thread ran, waited for a core (Linux; null elsewhere), and so was blocked. */
export function timeSplit(run: () => unknown): { ms: number; cpuMs: number; waitedForCpuMs: number | null } {
  const start = { at: performance.now(), cpu: process.threadCpuUsage(), waited: waitedNs() };
  run();
  const cpu = process.threadCpuUsage(start.cpu);
  const waited = waitedNs();
  return {
    ms: performance.now() - start.at,
    cpuMs: (cpu.user + cpu.system) / 1000,
    waitedForCpuMs: waited === null || start.waited === null ? null : (waited - start.waited) / 1e6,
  };
}

/**
 * Milliseconds of this thread's CPU time `run` takes (synchronous work): its own cost, which a loaded
 * machine inflates far less than the wall clock (where another process's turn counts as ours).
 */
export function cpuTime(run: () => unknown): number {
  const start = process.threadCpuUsage();
  run();
  const used = process.threadCpuUsage(start);
  return (used.user + used.system) / 1000;
}

/** Milliseconds `run` takes to settle (asynchronous work). */
export async function timeAsync(run: () => Promise<unknown>): Promise<number> {
  const start = performance.now();
  await run();
  return performance.now() - start;
}

/** The p-th percentile of `samples` (nearest rank). */
export function percentile(samples: readonly number[], p: number): number {
  const sorted = [...samples].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))] ?? Number.NaN;
}

/** A duration for a table cell: two decimals below 10 ms, one above. */
export const ms = (value: number): string => (Number.isNaN(value) ? '-' : value.toFixed(value < 10 ? 2 : 1));

/** "ok" when `value` meets `target`, "SLOW" otherwise. */
export const mark = (value: number, target: number): string => (value <= target ? 'ok' : 'SLOW');

/**
 * Collects this thread's garbage now, fully. For a benchmark whose thread first does work of its
 * own (searches on one connection) and then plays the core: the core never made that garbage, and
 * a memory-reducing collection of it (43 ms measured at 1M) would be charged to the core.
 */
export function collectGarbage(): void {
  setFlagsFromString('--expose-gc');
  (runInNewContext('gc') as () => void)();
}

/** A pause of the thread for garbage collection, as perf_hooks reports it. */
export interface GcPause {
  ms: number;
  /** "major" (the whole heap) or "minor" (young objects; also incremental steps and weak callbacks). */
  kind: 'major' | 'minor';
}

const NO_PAUSE: GcPause = { ms: 0, kind: 'minor' };

/** The longest wait between two 1 ms ticks, and what the thread did in it. */
export interface Gap {
  /** When it began, ms after the watch's last reset. */
  atMs: number;
  ms: number;
  /** CPU time the thread ran in it. */
  cpuMs: number;
  /** Time the thread waited on a run queue for a core in it (Linux), null elsewhere. The rest of the gap it was blocked (I/O, a lock). */
  waitedForCpuMs: number | null;
  /** Major page faults the thread took in it (pages read back from disk: code or data the OS had let go; Linux), null elsewhere. */
  majorFaults: number | null;
}

/** No gap seen yet. */
export const NO_GAP: Gap = { atMs: 0, ms: 0, cpuMs: 0, waitedForCpuMs: null, majorFaults: null };

/** Nanoseconds this thread has waited on a run queue (Linux's schedstat), null elsewhere. */
export function waitedNs(): number | null {
  try {
    // one file kept open and read from its start: a tick is one read, not a path walk of /proc
    schedstat ??= openSync('/proc/thread-self/schedstat', 'r');
    const read = readSync(schedstat, schedstatText, 0, schedstatText.length, 0);
    return Number(schedstatText.toString('latin1', 0, read).split(' ')[1]);
  } catch {
    return null;
  }
}
let schedstat: number | undefined;
const schedstatText = Buffer.alloc(128);

/** Major page faults this thread has taken (Linux's /proc/thread-self/stat, field 12), null elsewhere. */
export function majorFaults(): number | null {
  try {
    threadStat ??= openSync('/proc/thread-self/stat', 'r');
    const text = threadStatText.toString('latin1', 0, readSync(threadStat, threadStatText, 0, threadStatText.length, 0));
    // after the name in parentheses (which may hold spaces): state is field 3, majflt field 12
    return Number(text.slice(text.lastIndexOf(')') + 2).split(' ')[9]);
  } catch {
    return null;
  }
}
let threadStat: number | undefined;
const threadStatText = Buffer.alloc(1024);

/** ", N major page faults" for a gap that took any, else nothing: a blocked thread reading pages back from disk. */
export function faultsSaid(gap: Gap): string {
  return gap.majorFaults ? `, ${gap.majorFaults} major page fault${gap.majorFaults === 1 ? '' : 's'} (pages read back from disk)` : '';
}

/**
 * Watches this thread's event loop since the last `reset()`: `longestBlock()` is the longest the
 * loop could not run a timer, i.e. the longest task that held up everything else on the thread
 * (on a loaded machine it also counts the time the OS gave the thread no core, more so under `nice`);
 * `longestTask()` is the CPU time of the longest single callback the thread ran, its own doing only; `busyShare()` is
 * the share of the time the loop spent running code rather than waiting; `worstGap()` says of the
 * longest wait between two 1 ms ticks how much the thread ran, how much it waited for a core, and
 * so how much it was blocked: what a long block was, the thread's work, the OS's turns or a wait;
 * `longestGc()` is the longest garbage-collection pause, which no callback's CPU time shows.
 */
export function eventLoopWatch(): {
  reset(): void; longestBlock(): number; longestTask(): number; busyShare(): number; worstGap(): Gap; longestGc(): GcPause; stop(): void;
} {
  const histogram = monitorEventLoopDelay({ resolution: 1 });
  histogram.enable();
  // collections run between callbacks too: a long one is a block no callback's CPU time shows
  let longestGc = NO_PAUSE;
  const gcs = new PerformanceObserver((list) => {
    for (const entry of list.getEntries()) {
      if (entry.startTime >= resetAt && entry.duration > longestGc.ms) {
        const { detail } = entry as { detail?: { kind?: number } };
        const kind = detail?.kind === constants.NODE_PERFORMANCE_GC_MAJOR ? 'major' : 'minor';
        longestGc = { ms: entry.duration, kind };
      }
    }
  });
  gcs.observe({ entryTypes: ['gc'] });
  let resetAt = performance.now();
  let worstGap = NO_GAP;
  const sample = () => ({ at: performance.now(), cpu: process.threadCpuUsage(), waited: waitedNs(), faults: majorFaults() });
  let last = sample();
  const ticker = setInterval(() => {
    const now = sample();
    if (now.at - last.at > worstGap.ms) {
      worstGap = {
        atMs: last.at - resetAt,
        ms: now.at - last.at,
        cpuMs: (now.cpu.user + now.cpu.system - last.cpu.user - last.cpu.system) / 1000,
        waitedForCpuMs: now.waited === null || last.waited === null ? null : (now.waited - last.waited) / 1e6,
        majorFaults: now.faults === null || last.faults === null ? null : now.faults - last.faults,
      };
    }
    last = now;
  }, 1);
  ticker.unref();
  let since = performance.eventLoopUtilization();
  // the CPU time of the longest single callback the thread ran: what it held up by itself, however
  // long the OS kept it waiting (on this shared, niced machine wall-clock spans mostly measure that)
  const began = new Map<number, NodeJS.CpuUsage>();
  let longest = 0;
  const hook = createHook({
    before: (id) => void began.set(id, process.threadCpuUsage()),
    after: (id) => {
      const start = began.get(id);
      if (start !== undefined) {
        const used = process.threadCpuUsage(start);
        longest = Math.max(longest, (used.user + used.system) / 1000);
      }
      began.delete(id);
    },
  }).enable();
  return {
    reset: () => {
      histogram.reset();
      since = performance.eventLoopUtilization();
      resetAt = performance.now();
      worstGap = NO_GAP;
      last = sample();
      longest = 0;
      longestGc = NO_PAUSE;
      // a callback already running (the benchmark's own code that called reset) is not the core's
      began.clear();
    },
    longestTask: () => longest,
    // the histogram counts from the 1 ms timer's due time: what it reports is the extra wait
    longestBlock: () => (histogram.count === 0 ? 0 : histogram.max / 1e6),
    busyShare: () => performance.eventLoopUtilization(since).utilization,
    worstGap: () => worstGap,
    longestGc: () => longestGc,
    stop: () => {
      gcs.disconnect();
      clearInterval(ticker);
      histogram.disable();
      hook.disable();
    },
  };
}
