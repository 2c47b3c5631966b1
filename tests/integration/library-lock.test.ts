import { spawn, type ChildProcessWithoutNullStreams } from 'node:child_process';
import { existsSync, readFileSync, utimesSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { createInterface } from 'node:readline';
import { afterEach, describe, expect, it } from 'vitest';
import { Failure } from '../../electron/core/failure.ts';
import { LOCK_FILE } from '../../electron/core/library/lock.ts';
import { startSandbox, type Sandbox } from '../../electron/core/sandbox/index.ts';
import type { Generation } from '../../shared/generation.ts';
import { tempDir } from '../support/temp-dir.ts';
import { startTestCore } from '../support/test-core.ts';

const root = path.resolve(import.meta.dirname, '../..');
const crashChild = path.join(root, 'tests/support/crash-child.ts');

const cleanups: Array<() => unknown> = [];
afterEach(async () => {
  for (const cleanup of cleanups.splice(0).reverse()) await cleanup();
});

function library(): string {
  const dir = tempDir();
  cleanups.push(() => dir.remove());
  return dir.path;
}

async function refusal(start: Promise<unknown>): Promise<Failure> {
  const outcome = await start.then(
    () => new Error('the second core opened the library'),
    (error: unknown) => error,
  );
  if (outcome instanceof Failure) return outcome;
  throw outcome;
}

/** A pid that belonged to a process and no longer does. */
async function deadPid(): Promise<number> {
  const child = spawn(process.execPath, ['-e', '']);
  await new Promise((resolve) => child.once('exit', resolve));
  return child.pid ?? 0;
}

/** Another process running a core on `dataDir`, driven by lines on stdin (tests/support/crash-child.ts). */
function otherProcess(dataDir: string, sandbox: Sandbox) {
  const proc: ChildProcessWithoutNullStreams = spawn(process.execPath, [crashChild], {
    env: { ...process.env, ATELIER_DATA_DIR: dataDir, ATELIER_API_BASE_URL: sandbox.baseUrl, ATELIER_API_KEY: sandbox.apiKey },
  });
  const exited = new Promise((resolve) => proc.once('exit', resolve));
  cleanups.push(() => {
    proc.kill('SIGKILL');
    return exited;
  });
  const updates: Generation[] = [];
  const waiters = new Set<() => void>();
  createInterface({ input: proc.stdout }).on('line', (line) => {
    updates.push(JSON.parse(line) as Generation);
    for (const wake of waiters) wake();
  });
  return {
    proc,
    exited,
    create: (prompt: string) => proc.stdin.write(`create ${prompt}\n`),
    until: (match: (g: Generation) => boolean) =>
      new Promise<Generation>((resolve) => {
        const check = () => {
          const hit = updates.find(match);
          if (hit) {
            waiters.delete(check);
            resolve(hit);
          }
        };
        waiters.add(check);
        check();
      }),
  };
}

describe('one process per library', () => {
  it('a second process is refused in clear words while the first one keeps running its generations', async () => {
    const dataDir = library();
    const sandbox = await startSandbox({ waitingMs: 300, generatingMs: 300 });
    cleanups.push(() => sandbox.close());
    const first = otherProcess(dataDir, sandbox);
    first.create('the first host keeps this one');
    const queued = await first.until((g) => g.status === 'queued');

    const failure = await refusal(startTestCore(dataDir));
    expect(failure.code).toBe('library_in_use');
    expect(failure.message).toBe(
      `This library is open in another Atelier window or process (pid ${first.proc.pid}). Close it there first, or open a different library folder.`,
    );
    // the refused core touched nothing: the first host's run finishes as if nobody had tried
    const done = await first.until((g) => g.id === queued.id && (g.status === 'done' || g.status === 'failed'));
    expect(done.status).toBe('done');

    // A crash leaves the lock behind; its holder is gone, so the next start takes it over.
    first.proc.kill('SIGKILL');
    await first.exited;
    expect(existsSync(path.join(dataDir, LOCK_FILE))).toBe(true);
    const after = await startTestCore(dataDir);
    expect(JSON.parse(readFileSync(path.join(dataDir, LOCK_FILE), 'utf8'))).toMatchObject({ pid: process.pid });
    await after.close();
    expect(existsSync(path.join(dataDir, LOCK_FILE))).toBe(false);
  });

  it('two cores in one process are refused too, and the library opens again once the first closes', async () => {
    const dataDir = library();
    const first = await startTestCore(dataDir);
    expect((await refusal(startTestCore(dataDir))).code).toBe('library_in_use');
    await first.close();
    const again = await startTestCore(dataDir);
    await again.close();
  });

  it('the preview host says so and exits when the library is open elsewhere', async () => {
    const dataDir = library();
    const core = await startTestCore(dataDir);
    cleanups.push(() => core.close());
    const preview = spawn(process.execPath, [path.join(root, 'electron/preview/index.ts')], {
      env: { ...process.env, ATELIER_DATA_DIR: dataDir, ATELIER_PORT: '0' },
    });
    const exited = new Promise((resolve) => preview.once('exit', resolve));
    cleanups.push(() => {
      preview.kill('SIGKILL');
      return exited;
    });
    let stderr = '';
    preview.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
    // a preview that got the library prints its address and keeps running: that is the failure
    const started = new Promise((resolve) => preview.stdout.on('data', (chunk: Buffer) => chunk.toString().includes('http://') && resolve('started')));
    expect(await Promise.race([exited, started])).toBe(1);
    expect(stderr).toContain(`Atelier preview could not start: This library is open in another Atelier window or process (pid ${process.pid})`);
  });

  it('takes over stale locks: a dead pid, a lock from before a restart, a file that is not a lock', async () => {
    const dataDir = library();
    const lock = path.join(dataDir, LOCK_FILE);
    const stale = [
      JSON.stringify({ pid: await deadPid(), startedAt: 1, host: os.hostname(), bootId: null, token: 'dead' }),
      JSON.stringify({ pid: process.ppid, startedAt: 1, host: os.hostname(), bootId: 'a-boot-before-this-one', token: 'rebooted' }),
      'not a lock at all',
    ];
    const bootKnown = existsSync('/proc/sys/kernel/random/boot_id');
    for (const text of stale) {
      if (text.includes('rebooted') && !bootKnown) continue;
      writeFileSync(lock, text);
      utimesSync(lock, new Date(Date.now() - 60_000), new Date(Date.now() - 60_000));
      const core = await startTestCore(dataDir);
      expect(JSON.parse(readFileSync(lock, 'utf8')), text).toMatchObject({ pid: process.pid });
      await core.close();
    }
  });

  it('keeps a lock whose holder is alive, even one of another user (the parent process here)', async () => {
    const dataDir = library();
    const boot = existsSync('/proc/sys/kernel/random/boot_id') ? readFileSync('/proc/sys/kernel/random/boot_id', 'utf8').trim() : null;
    writeFileSync(path.join(dataDir, LOCK_FILE), JSON.stringify({ pid: process.ppid, startedAt: 1, host: os.hostname(), bootId: boot, token: 'alive' }));
    const failure = await refusal(startTestCore(dataDir));
    expect(failure.message).toContain(`(pid ${process.ppid})`);
    expect(readFileSync(path.join(dataDir, LOCK_FILE), 'utf8')).toContain('"alive"');
  });
});
