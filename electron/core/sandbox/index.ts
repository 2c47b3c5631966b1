/**
 * The built-in Kinovi-compatible server: what the app talks to without an API key, and
 * what every test uses as "the remote API". Listens on 127.0.0.1 on a random port.
 */
import { randomBytes } from 'node:crypto';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { createFaults, type Faults } from './faults.ts';
import { API_PREFIX, handleRequest, type SandboxContext } from './server.ts';
import { emptyStats, type SandboxStats } from './stats.ts';
import { createTaskStore } from './tasks.ts';
import { createUploadStore } from './uploads.ts';

export { CONTROL_SECRET_HEADER } from './server.ts';
export { faultSchema, type Fault, type FaultEndpoint, type FaultInput, type Faults } from './faults.ts';
export { imageSizes } from './render.ts';
export { UPLOAD_LIFETIME_MS, UPLOAD_MAX_BYTES } from './uploads.ts';
export type { SandboxStats } from './stats.ts';

export interface SandboxOptions {
  /** The key it accepts; a random one when absent. */
  apiKey?: string;
  /** Tasks allowed at once before createTask answers 429 (default 3, as on many accounts). */
  concurrencyLimit?: number;
  waitingMs?: number;
  generatingMs?: number;
  /** The clock tasks age by; tests can move time by hand. */
  now?: () => number;
  /** 0 (default) picks a free port. */
  port?: number;
  /**
   * Serves the /_sandbox/* test controls, each request holding `controlSecret`. Only tests
   * pass this, in code: the product never does, so no page can read prompts or arm faults.
   */
  controls?: boolean;
}

export interface Sandbox {
  /** e.g. http://127.0.0.1:PORT/api/v1 */
  readonly baseUrl: string;
  readonly apiKey: string;
  /** The per-run secret the /_sandbox/* controls require (header CONTROL_SECRET_HEADER); undefined unless started with `controls`. */
  readonly controlSecret: string | undefined;
  readonly faults: Faults;
  /** A snapshot of the counters. */
  readonly stats: SandboxStats;
  resetStats(): void;
  /** Stops listening and drops every connection, hanging ones included. */
  close(): Promise<void>;
}

/** Starts a Sandbox on 127.0.0.1; resolves once it is listening. */
export async function startSandbox(options: SandboxOptions = {}): Promise<Sandbox> {
  const apiKey = options.apiKey ?? `sandbox_${randomBytes(16).toString('hex')}`;
  const controlSecret = options.controls ? randomBytes(24).toString('base64url') : undefined;
  const stats = emptyStats();
  const now = options.now ?? Date.now;
  let origin = '';
  const ctx: SandboxContext = {
    apiKey,
    controlSecret,
    concurrencyLimit: options.concurrencyLimit ?? 3,
    origin: () => origin,
    faults: createFaults(),
    tasks: createTaskStore({ waitingMs: options.waitingMs ?? 1500, generatingMs: options.generatingMs ?? 3000, now }),
    uploads: createUploadStore(now),
    now,
    stats,
    resetStats: () => Object.assign(stats, emptyStats(), { requestsInFlight: stats.requestsInFlight }),
    timers: new Set(),
  };

  const server: Server = createServer((req, res) => {
    stats.requestsInFlight += 1;
    stats.maxRequestsInFlight = Math.max(stats.maxRequestsInFlight, stats.requestsInFlight);
    res.once('close', () => {
      stats.requestsInFlight -= 1;
    });
    void handleRequest(ctx, req, res);
  });
  // Like real API servers (and unlike Node's 5 s default), keep idle connections for a minute.
  server.keepAliveTimeout = 65_000;
  server.on('connection', () => {
    stats.connectionsOpened += 1;
  });

  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(options.port ?? 0, '127.0.0.1', () => resolve());
  });
  const { port } = server.address() as AddressInfo;
  origin = `http://127.0.0.1:${port}`;

  return {
    baseUrl: `${origin}${API_PREFIX}`,
    apiKey,
    controlSecret,
    faults: ctx.faults,
    get stats() {
      return structuredClone(stats);
    },
    resetStats: ctx.resetStats,
    close: () =>
      new Promise<void>((resolve) => {
        for (const timer of ctx.timers) clearTimeout(timer);
        ctx.timers.clear();
        server.close(() => resolve());
        server.closeAllConnections();
      }),
  };
}
