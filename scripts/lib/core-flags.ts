import { CORE_V8_FLAGS } from '../../electron/core/desktop/core-v8-flags.ts';
import { runApp } from './run.ts';

/**
 * For a benchmark whose own thread stands in for the core's: unless this process was started
 * with the core's V8 flags (electron/core/desktop/core-v8-flags.ts), runs the same script again
 * with them (Ctrl+C and SIGTERM passed on) and exits with its status, so the core's thread is
 * measured as the app runs it however the benchmark was started. This process only waits; Node
 * flags it was given (--trace-gc, --cpu-prof) apply to both, so pass the core's flags yourself
 * (`node --no-memory-reducer scripts/bench-library.ts`) to trace or profile just the benchmark.
 */
export async function runAsTheCore(): Promise<void> {
  if (CORE_V8_FLAGS.every((flag) => process.execArgv.includes(flag))) return;
  const script = process.argv[1];
  if (script === undefined) throw new Error('runAsTheCore: no script to run again');
  process.exit(await runApp(process.execPath, [...CORE_V8_FLAGS, ...process.execArgv, script, ...process.argv.slice(2)]));
}
