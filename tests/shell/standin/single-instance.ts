/**
 * Chromium's process singleton as Electron uses it on Linux: a `SingletonLock` symlink in userData
 * naming `host-pid`, and a socket the later launch uses to hand its command line to the holder.
 * Taking the lock is synchronous (as `app.requestSingleInstanceLock()` is); handing over is not,
 * so the stand-in's exit waits for it.
 */
import { createHash } from 'node:crypto';
import { mkdirSync, readlinkSync, rmSync, symlinkSync } from 'node:fs';
import { connect, createServer, type Server } from 'node:net';
import os from 'node:os';
import path from 'node:path';

export interface SecondLaunch {
  argv: string[];
  workingDirectory: string;
  additionalData: unknown;
}

function alive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
}

/** The socket lives in the temp folder (as Chromium's does): userData paths can exceed a socket path's limit. */
function socketPath(userData: string): string {
  return path.join(os.tmpdir(), `atelier-standin-${createHash('sha1').update(userData).digest('hex').slice(0, 16)}.sock`);
}

export class SingleInstance {
  #held: { userData: string; server: Server } | undefined;
  /** A hand-over to the holder still on its way; exit waits for it. */
  handOver: Promise<void> = Promise.resolve();

  get held(): boolean {
    return this.#held !== undefined;
  }

  /**
   * Takes the lock for `userData`, or hands `launch` to the process holding it and returns false.
   * `onSecondLaunch` receives launches handed to this process while it holds the lock.
   */
  request(userData: string, launch: SecondLaunch, onSecondLaunch: (launch: SecondLaunch) => void): boolean {
    if (this.#held) return true;
    mkdirSync(userData, { recursive: true });
    const lock = path.join(userData, 'SingletonLock');
    for (let attempt = 0; attempt < 2; attempt++) {
      try {
        symlinkSync(`${os.hostname()}-${process.pid}`, lock);
      } catch (error) {
        if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error;
        const holder = Number(/-(\d+)$/.exec(readlinkSync(lock))?.[1]);
        if (Number.isInteger(holder) && holder !== process.pid && alive(holder)) {
          this.handOver = send(socketPath(userData), launch);
          return false;
        }
        rmSync(lock, { force: true }); // left by a process that died: take it over
        continue;
      }
      this.#held = { userData, server: listen(socketPath(userData), onSecondLaunch) };
      return true;
    }
    throw new Error(`Could not take the single-instance lock in ${userData}`);
  }

  /** Gives the lock up (app.releaseSingleInstanceLock, and every exit). */
  release(): void {
    if (!this.#held) return;
    const { userData, server } = this.#held;
    this.#held = undefined;
    server.close();
    rmSync(socketPath(userData), { force: true });
    const lock = path.join(userData, 'SingletonLock');
    try {
      if (readlinkSync(lock).endsWith(`-${process.pid}`)) rmSync(lock, { force: true });
    } catch {
      // already gone
    }
  }
}

function listen(file: string, onSecondLaunch: (launch: SecondLaunch) => void): Server {
  rmSync(file, { force: true });
  const server = createServer((socket) => {
    let text = '';
    socket.setEncoding('utf8');
    socket.on('data', (chunk: string) => (text += chunk));
    socket.on('end', () => {
      socket.end('ACK');
      try {
        onSecondLaunch(JSON.parse(text) as SecondLaunch);
      } catch (error) {
        console.error('[stand-in] unreadable second launch:', error);
      }
    });
  });
  server.listen(file);
  server.unref();
  return server;
}

function send(file: string, launch: SecondLaunch): Promise<void> {
  return new Promise((resolve) => {
    const socket = connect(file, () => socket.end(JSON.stringify(launch)));
    socket.on('data', () => socket.destroy());
    socket.on('close', () => resolve());
    socket.on('error', () => resolve()); // the holder is gone: nothing to hand over to
  });
}
