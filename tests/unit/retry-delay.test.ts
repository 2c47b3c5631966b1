import { describe, expect, it } from 'vitest';
import { retryDelay, withJitter } from '../../electron/core/retry-delay.ts';
import { nextPollDelay, queueRetryDelay } from '../../electron/core/tasks/timing.ts';
import { STALLED_AFTER_MS } from '../../shared/generation.ts';

const low = () => 0;
const high = () => 0.999_999;

describe('the one jitter rule', () => {
  it('adds from nothing up to half again, in whole milliseconds', () => {
    expect(withJitter(1000, low)).toBe(1000);
    expect(withJitter(1000, () => 0.5)).toBe(1250);
    expect(withJitter(1000, high)).toBe(1500);
    expect(withJitter(333, () => 0.5)).toBe(416);
  });
});

describe('retries double from the base up to the cap, jitter on top', () => {
  it('retryDelay', () => {
    const policy = { baseMs: 100, maxMs: 1000 };
    expect([1, 2, 3, 4, 5, 9].map((n) => retryDelay(n, { ...policy, random: low }))).toEqual([100, 200, 400, 800, 1000, 1000]);
    expect(retryDelay(2, { ...policy, random: high })).toBe(300);
  });

  it('the queue caps at 20 retry bases', () => {
    expect(queueRetryDelay(1, { baseMs: 3000, retryBaseMs: 1000, random: low })).toBe(1000);
    expect(queueRetryDelay(30, { baseMs: 3000, retryBaseMs: 1000, random: low })).toBe(20_000);
    expect(queueRetryDelay(30, { baseMs: 3000, retryBaseMs: 1000, random: high })).toBe(30_000);
  });
});

describe('polls slow down as a run goes on, with the same jitter', () => {
  it('every base at first, twice that after 2 minutes, ten times once stalled', () => {
    const timing = { baseMs: 3000, random: low };
    expect(nextPollDelay(0, timing)).toBe(3000);
    expect(nextPollDelay(2 * 60_000, timing)).toBe(6000);
    expect(nextPollDelay(STALLED_AFTER_MS, timing)).toBe(30_000);
    expect(nextPollDelay(0, { baseMs: 3000, random: high })).toBe(4500);
  });
});
