import { spawn } from 'node:child_process';
import path from 'node:path';

export const root = path.resolve(import.meta.dirname, '../..');
const bin = path.join(root, 'node_modules', '.bin');

/** The environment for child tools: the project's own binaries (and pinned Node) come first. */
export function toolEnv(extra: NodeJS.ProcessEnv = {}): NodeJS.ProcessEnv {
  return { ...process.env, PATH: `${bin}${path.delimiter}${process.env.PATH ?? ''}`, ...extra };
}

/** Runs a command with inherited output; resolves with its exit code (signals count as failure). */
export function run(command: string, args: readonly string[], extraEnv: NodeJS.ProcessEnv = {}): Promise<number> {
  return runChild(command, args, extraEnv, false);
}

/**
 * Runs the app (Electron or the preview host) like `run`, but passes SIGINT and SIGTERM on to it
 * and waits while it stops: a signal meant for the app must reach it, so it can close cleanly
 * (a createTask in flight gets its answer), and must not leave it running without this wrapper.
 */
export function runApp(command: string, args: readonly string[], extraEnv: NodeJS.ProcessEnv = {}): Promise<number> {
  return runChild(command, args, extraEnv, true);
}

const FORWARDED = ['SIGINT', 'SIGTERM'] as const;

function runChild(command: string, args: readonly string[], extraEnv: NodeJS.ProcessEnv, forwardSignals: boolean): Promise<number> {
  return new Promise((resolve) => {
    const child = spawn(command, args, { cwd: root, stdio: 'inherit', env: toolEnv(extraEnv), shell: process.platform === 'win32' });
    // Ctrl+C in a terminal reaches the app as well; a second copy is harmless, its stop runs once.
    const forward = (signal: NodeJS.Signals) => child.kill(signal);
    if (forwardSignals) for (const signal of FORWARDED) process.on(signal, forward);
    const done = (code: number) => {
      for (const signal of FORWARDED) process.off(signal, forward);
      resolve(code);
    };
    child.on('error', (error) => {
      console.error(`Could not run ${command}: ${error.message}`);
      done(127);
    });
    child.on('exit', (code, signal) => done(code ?? (signal ? 128 : 1)));
  });
}
