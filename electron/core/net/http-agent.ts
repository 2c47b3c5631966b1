import { Agent, type Dispatcher } from 'undici';
import type { UrlRule } from './url-rule.ts';

/**
 * The connection pools for everything fetched under the URL rule: one per rule key, so four
 * images × several finished generations never open dozens of sockets at once. Each pool resolves
 * names through the rule's `lookup`, so it connects only to addresses the rule accepts; redirects
 * are not followed here (guarded-get.ts follows them hop by hop, checking each).
 */

const CONNECTIONS_PER_ORIGIN = 4;
const CONNECT_TIMEOUT_MS = 15_000;
const HEADERS_TIMEOUT_MS = 30_000;
// Longest silence allowed between two body chunks; a stalled transfer becomes retryable.
const BODY_IDLE_TIMEOUT_MS = 30_000;

const agents = new Map<string, Dispatcher>();

/** The shared, connection-capped dispatcher that connects only where `rule` allows. */
export function agentFor(rule: UrlRule): Dispatcher {
  let agent = agents.get(rule.key);
  if (!agent) {
    agent = new Agent({
      connections: CONNECTIONS_PER_ORIGIN,
      connect: { timeout: CONNECT_TIMEOUT_MS, lookup: rule.lookup },
      headersTimeout: HEADERS_TIMEOUT_MS,
      bodyTimeout: BODY_IDLE_TIMEOUT_MS,
      // Generations finish a few seconds apart; keep the sockets for the next one's images.
      keepAliveTimeout: 30_000,
    });
    agents.set(rule.key, agent);
  }
  return agent;
}

/** Closes every shared pool (at shutdown, and between tests); the next request creates fresh ones. */
export async function closeHttpAgents(): Promise<void> {
  const current = [...agents.values()];
  agents.clear();
  await Promise.all(current.map((agent) => agent.close()));
}
