/**
 * The browser preview host as its own program (`electron/preview/index.ts`, what `npm run preview`
 * runs), for end-to-end tests that kill it as a crash or power cut would. The `studio` fixture's
 * host lives inside the Playwright worker, so it can only be closed politely; this one can be
 * SIGKILLed: no handler runs, nothing is flushed, the library lock stays behind.
 */
import { spawn } from 'node:child_process';
import path from 'node:path';
import { createInterface } from 'node:readline';

const root = path.resolve(import.meta.dirname, '../..');
const program = path.join(root, 'electron', 'preview', 'index.ts');

export interface HostProcess {
  /** The address the host printed, with its token: what the artist opens. */
  readonly url: string;
  readonly pid: number;
  /** SIGKILL, then waits until the process is gone (already gone: returns at once). */
  kill(): Promise<void>;
}

/**
 * Starts a preview host on `dataDir` (Sandbox mode: no ATELIER_* setting of the caller's reaches it)
 * and resolves once it has printed its address. It serves this worktree's built `out/renderer`.
 */
export function startHostProcess(dataDir: string): Promise<HostProcess> {
  const env: NodeJS.ProcessEnv = {};
  for (const [key, value] of Object.entries(process.env)) if (!key.startsWith('ATELIER_')) env[key] = value;
  // process.execPath is the Node running Playwright (the project's Node 24, which runs .ts as is)
  const child = spawn(process.execPath, [program], {
    cwd: root,
    env: { ...env, ATELIER_DATA_DIR: dataDir, ATELIER_PORT: '0' },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let said = '';
  child.stderr.on('data', (chunk: Buffer) => {
    said = (said + chunk.toString()).slice(-4000);
  });
  const gone = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  return new Promise<HostProcess>((resolve, reject) => {
    child.once('error', reject);
    void gone.then(() => reject(new Error(`The preview host stopped before printing its address (exit ${child.exitCode ?? child.signalCode}): ${said}`)));
    let started = false;
    // read to the end: a host whose output nobody drains blocks once the pipe is full
    createInterface({ input: child.stdout }).on('line', (line) => {
      if (started || !line.startsWith('http://')) return;
      started = true;
      resolve({
        url: line.trim(),
        pid: child.pid!,
        async kill() {
          if (child.exitCode === null && child.signalCode === null) child.kill('SIGKILL');
          await gone;
        },
      });
    });
  });
}
