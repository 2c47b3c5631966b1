/**
 * Is a reference address still alive? One HEAD under the URL rule with a short timeout: Kinovi's
 * "about 14 days" is a guess, so the address is asked, not its age.
 */
import { guardedGet } from '../net/guarded-get.ts';
import { RefusedUrlError, type UrlRule } from '../net/url-rule.ts';
import type { UrlCheck } from './decide.ts';

/** Long enough for a CDN on a slow line; short enough that "Use as reference" never seems stuck. */
export const REFERENCE_CHECK_MS = 5_000;

const GONE = new Set([403, 404, 410]);

/** Checks that `url` serves an image now: `alive`, `gone` (403/404/410), `refused` by the rule, else `unsure`. */
export async function checkReferenceUrl(rule: UrlRule, url: string, timeoutMs = REFERENCE_CHECK_MS): Promise<UrlCheck> {
  try {
    const response = await guardedGet(rule, url, { method: 'HEAD', signal: AbortSignal.timeout(timeoutMs), headers: { accept: 'image/*' } });
    await response.body.dump().catch(() => undefined);
    const type = response.headers['content-type'];
    const isImage = type === undefined || String(type).toLowerCase().startsWith('image/');
    if (response.statusCode >= 200 && response.statusCode < 300) return isImage ? 'alive' : 'gone';
    return GONE.has(response.statusCode) ? 'gone' : 'unsure';
  } catch (error) {
    return error instanceof RefusedUrlError ? 'refused' : 'unsure';
  }
}
