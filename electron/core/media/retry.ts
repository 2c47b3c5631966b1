import { setTimeout as delay } from 'node:timers/promises';
import { retryDelay } from '../retry-delay.ts';
import type { DownloadFailure } from './download-failure.ts';
import { type DownloadRequest, type DownloadResult, downloadImage } from './download.ts';

/** How hard to try before giving an image up; every field has a sensible default. */
export interface RetryPolicy {
  /** Total attempts for a passing problem (network, 5xx), including the first; default 4. */
  attempts?: number;
  /**
   * Total attempts when the server answered with something unusable (not an image, too large);
   * default 2: a CDN that once served an error page gets one more chance, never more.
   */
  invalidAttempts?: number;
  /** Delay before the second attempt (before jitter, see retry-delay.ts); doubles each time. Default 1 s. */
  baseDelayMs?: number;
  maxDelayMs?: number;
  /** Injectable for tests; must reject when the signal aborts. */
  sleep?: (ms: number, signal?: AbortSignal) => Promise<void>;
  /** Injectable for tests; 0 ≤ value < 1. */
  random?: () => number;
  /** Injectable for tests. */
  download?: (request: DownloadRequest) => Promise<DownloadResult>;
  /** Told about each failed attempt that will be retried (for the log). */
  onRetry?: (event: { attempt: number; delayMs: number; failure: DownloadFailure }) => void;
}

export type RetriedDownloadResult = DownloadResult & { attempts: number };

/**
 * downloadImage, retried with backoff: a `retryable` failure a few times, an `invalid` one at most
 * `invalidAttempts` times, anything else (expired, refused, storage, aborted) never.
 */
export async function downloadWithRetry(request: DownloadRequest, policy: RetryPolicy = {}): Promise<RetriedDownloadResult> {
  const allowed: Partial<Record<DownloadFailure['kind'], number>> = {
    retryable: Math.max(1, policy.attempts ?? 4),
    invalid: Math.max(1, policy.invalidAttempts ?? 2),
  };
  const download = policy.download ?? downloadImage;
  const sleep = policy.sleep ?? ((ms: number, signal?: AbortSignal) => delay(ms, undefined, { signal }));
  for (let attempt = 1; ; attempt++) {
    const result = await download(request);
    if (result.ok || attempt >= (allowed[result.failure.kind] ?? 1)) return { ...result, attempts: attempt };
    const delayMs = retryDelay(attempt, { baseMs: policy.baseDelayMs ?? 1_000, maxMs: policy.maxDelayMs ?? 30_000, random: policy.random });
    policy.onRetry?.({ attempt, delayMs, failure: result.failure });
    try {
      await sleep(delayMs, request.signal);
    } catch {
      return { ok: false, failure: { kind: 'aborted', message: 'The download was cancelled.' }, attempts: attempt };
    }
  }
}
