import { type Dispatcher, request } from 'undici';
import { agentFor } from './http-agent.ts';
import { RefusedUrlError, type UrlRule } from './url-rule.ts';

/** CDNs redirect once or twice; more than this is a loop or a trick. */
export const MAX_REDIRECTS = 5;

const REDIRECT_STATUSES = new Set([301, 302, 303, 307, 308]);

export interface GuardedGetOptions {
  signal: AbortSignal;
  /** HEAD asks whether the file is there without fetching it (a reference's liveness check). */
  method?: 'GET' | 'HEAD';
  headers: Record<string, string>;
}

/**
 * GET (or HEAD) under the URL rule, following redirects by hand: each hop must keep the scheme, pass the
 * rule again (its addresses included), and there are at most MAX_REDIRECTS of them. Returns the
 * first answer that is not a redirect; throws RefusedUrlError, or the transport's error.
 */
export async function guardedGet(rule: UrlRule, url: string, options: GuardedGetOptions): Promise<Dispatcher.ResponseData> {
  let current = await rule.check(url);
  for (let redirects = 0; ; redirects++) {
    options.signal.throwIfAborted();
    const response = await request(current, { method: options.method ?? 'GET', dispatcher: agentFor(rule), signal: options.signal, headers: options.headers });
    const location = firstHeader(response.headers.location);
    if (!REDIRECT_STATUSES.has(response.statusCode) || location === undefined) return response;
    // Read off the redirect's small body so its connection can carry the next request.
    await response.body.dump({ limit: 64 * 1024 }).catch(() => undefined);
    if (redirects >= MAX_REDIRECTS) {
      throw new RefusedUrlError('The image server redirected Atelier too many times.', `more than ${MAX_REDIRECTS} redirects, last from ${current.origin}`);
    }
    let next: URL;
    try {
      next = new URL(location, current);
    } catch {
      throw new RefusedUrlError('The image server redirected Atelier to an invalid address.', `unparsable Location from ${current.origin}`);
    }
    if (next.protocol !== current.protocol) {
      throw new RefusedUrlError('The image server redirected Atelier to a different kind of address.', `redirect from ${current.protocol} to ${next.protocol}`);
    }
    current = await rule.check(next);
  }
}

function firstHeader(value: string | string[] | undefined): string | undefined {
  return Array.isArray(value) ? value[0] : value;
}
