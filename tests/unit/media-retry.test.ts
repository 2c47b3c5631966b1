import { describe, expect, it } from 'vitest';
import type { DownloadFailure } from '../../electron/core/media/download-failure.ts';
import type { DownloadRequest, DownloadResult } from '../../electron/core/media/download.ts';
import { downloadWithRetry } from '../../electron/core/media/retry.ts';
import { retryDelay } from '../../electron/core/retry-delay.ts';
import { createUrlRule } from '../../electron/core/net/url-rule.ts';

const request: DownloadRequest = {
  url: 'https://example.invalid/x.png',
  dataDir: '/tmp/unused',
  relativePath: 'images/a/1-0.png',
  urlRule: await createUrlRule('https://127.0.0.1/api/v1'),
  maxPixels: 1_000_000,
};
const retryable: DownloadFailure = { kind: 'retryable', message: 'HTTP 500', status: 500 };

/** A download that answers from a script, one result per attempt. */
function scripted(...results: DownloadResult[]): { download: () => Promise<DownloadResult>; calls: () => number } {
  let calls = 0;
  return {
    download: async () => results[Math.min(calls++, results.length - 1)] as DownloadResult,
    calls: () => calls,
  };
}

describe('retryDelay', () => {
  it('doubles from the base, adds at most half again, never goes below the base, and is capped', () => {
    const at = (failures: number, random: number) => retryDelay(failures, { baseMs: 1000, maxMs: 8000, random: () => random });
    expect([at(1, 0), at(1, 0.999), at(2, 0), at(3, 0), at(4, 0), at(9, 0), at(9, 0.999)]).toEqual([1000, 1500, 2000, 4000, 8000, 8000, 11996]);
  });
});

describe('downloadWithRetry', () => {
  it('gives up after the allowed attempts, with the last failure', async () => {
    const { download, calls } = scripted({ ok: false, failure: retryable });
    const sleeps: number[] = [];
    const result = await downloadWithRetry(request, {
      attempts: 3,
      download,
      random: () => 0,
      sleep: async (ms) => void sleeps.push(ms),
    });
    expect(result).toMatchObject({ ok: false, attempts: 3, failure: { kind: 'retryable' } });
    expect(calls()).toBe(3);
    expect(sleeps).toEqual([1000, 2000]);
  });

  it.each(['expired', 'refused', 'storage', 'aborted'] as const)('does not retry a %s failure', async (kind) => {
    const { download, calls } = scripted({ ok: false, failure: { kind, message: kind } });
    const result = await downloadWithRetry(request, { download, sleep: async () => undefined });
    expect(result).toMatchObject({ ok: false, attempts: 1, failure: { kind } });
    expect(calls()).toBe(1);
  });

  it('gives an unusable answer (not an image, too large) one more try by default, then stops', async () => {
    const { download, calls } = scripted({ ok: false, failure: { kind: 'invalid', message: 'not an image' } });
    const result = await downloadWithRetry(request, { download, sleep: async () => undefined });
    expect(result).toMatchObject({ ok: false, attempts: 2, failure: { kind: 'invalid', message: 'not an image' } });
    expect(calls()).toBe(2);
    const once = scripted({ ok: false, failure: { kind: 'invalid', message: 'not an image' } });
    await downloadWithRetry(request, { download: once.download, invalidAttempts: 1, sleep: async () => undefined });
    expect(once.calls()).toBe(1);
  });

  it('reports each retry and stops as aborted when the wait is cancelled', async () => {
    const { download } = scripted({ ok: false, failure: retryable });
    const seen: number[] = [];
    const result = await downloadWithRetry(request, {
      download,
      onRetry: ({ attempt }) => seen.push(attempt),
      sleep: async () => {
        throw new Error('aborted');
      },
    });
    expect(result).toMatchObject({ ok: false, attempts: 1, failure: { kind: 'aborted' } });
    expect(seen).toEqual([1]);
  });

  it('uses a real, abortable sleep by default', async () => {
    const controller = new AbortController();
    const { download } = scripted({ ok: false, failure: retryable });
    setTimeout(() => controller.abort(), 20);
    const result = await downloadWithRetry({ ...request, signal: controller.signal }, { download, baseDelayMs: 60_000 });
    expect(result).toMatchObject({ ok: false, failure: { kind: 'aborted' } });
  });
});
