import { spawnSync } from 'node:child_process';
import { CORE_V8_FLAGS } from '../../electron/core/desktop/core-v8-flags.ts';

/**
 * For a benchmark whose own thread stands in for the core's: unless this process was started
 * with the core's V8 flags (electron/core/desktop/core-v8-flags.ts), runs the same script again
 * with them and exits with its status, so the core's thread is measured as the app runs it
 * however the benchmark was started.
 */
export function runAsTheCore(): void {
  if (CORE_V8_FLAGS.every((flag) => process.execArgv.includes(flag))) return;
  const script = process.argv[1];
  if (script === undefined) throw new Error('runAsTheCore: no script to run again');
  const { status, signal } = spawnSync(process.execPath, [...CORE_V8_FLAGS, ...process.execArgv, script, ...process.argv.slice(2)], { stdio: 'inherit' });
  process.exit(status ?? (signal ? 128 : 1));
}
