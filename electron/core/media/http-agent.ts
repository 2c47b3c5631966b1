import { Agent, type Dispatcher, interceptors } from 'undici';

/**
 * One connection pool for all image downloads, so four images × several finished generations
 * never open dozens of sockets at once; redirects are followed because CDNs use them.
 */

const CONNECTIONS_PER_ORIGIN = 4;
const CONNECT_TIMEOUT_MS = 15_000;
const HEADERS_TIMEOUT_MS = 30_000;
// Longest silence allowed between two body chunks; a stalled transfer becomes retryable.
const BODY_IDLE_TIMEOUT_MS = 30_000;

let shared: Dispatcher | null = null;

/** The shared, connection-capped dispatcher used by downloads unless one is passed in. */
export function downloadDispatcher(): Dispatcher {
  shared ??= new Agent({
    connections: CONNECTIONS_PER_ORIGIN,
    connectTimeout: CONNECT_TIMEOUT_MS,
    headersTimeout: HEADERS_TIMEOUT_MS,
    bodyTimeout: BODY_IDLE_TIMEOUT_MS,
    // Generations finish a few seconds apart; keep the sockets for the next one's images.
    keepAliveTimeout: 30_000,
  }).compose(interceptors.redirect({ maxRedirections: 3 }));
  return shared;
}

/** Closes the shared dispatcher (at shutdown); the next download creates a fresh one. */
export async function closeDownloadDispatcher(): Promise<void> {
  const current = shared;
  shared = null;
  await current?.close();
}
