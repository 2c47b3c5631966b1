import { describe, expect, it } from 'vitest';
import { errorFromResponse } from '../../electron/core/kinovi/errors.ts';
import { EXPIRED_MESSAGE, failureForStatus, missingTooSoonMessage, oldEnoughToExpire } from '../../electron/core/media/download-failure.ts';
import { retryWords, waitWords } from '../../shared/retry-words.ts';

const DAY = 86_400_000;
const now = Date.UTC(2026, 11, 1, 12);

describe('a 400 in the artist’s words', () => {
  it('a moderation refusal says so, with the server’s reason', () => {
    const error = errorFromResponse('createTask', 400, JSON.stringify({ message: 'Prompt blocked by moderation: banned word "gore"' }), undefined);
    expect(error.message).toBe('Kinovi refused this prompt under its content rules: “Prompt blocked by moderation: banned word "gore"”. Change the prompt and try again.');
    expect(error.message).not.toMatch(/did not accept these settings/);
    expect(error).toMatchObject({ code: 'api_invalid_request', retryable: false, submission: 'not_sent', details: { moderation: true } });
  });

  it('the server’s reason passes the redact gate: a key it echoes is hidden, a long text is cut', () => {
    const key = 'sk-live-0123456789abcdefABCDEF0123456789';
    const error = errorFromResponse('createTask', 400, JSON.stringify({ message: `Flagged content for key ${key} ${'x'.repeat(400)}` }), key);
    expect(error.message).toContain('[hidden]');
    expect(error.message).not.toContain(key);
    expect(error.message.length).toBeLessThan(420);
  });

  it('a settings refusal still names the fields', () => {
    const error = errorFromResponse('createTask', 400, JSON.stringify({ message: 'Invalid inputs for model', errors: [{ field: 'inputs.stylize' }] }), undefined);
    expect(error.message).toBe('Kinovi did not accept these settings: check inputs.stylize.');
  });
});

describe('a missing image and the age of its run', () => {
  it('only a run about two weeks old is explained by Kinovi keeping images about 14 days', () => {
    expect(failureForStatus(404).message).toBe(EXPIRED_MESSAGE);
    expect(oldEnoughToExpire(now - 13 * DAY, now)).toBe(true);
    expect(oldEnoughToExpire(now - 5 * 60_000, now)).toBe(false);
    expect(oldEnoughToExpire(now - 3 * DAY, now)).toBe(false);
  });

  it('a run minutes old says how old it is, not the retention limit', () => {
    const words = missingTooSoonMessage(404, now - 7 * 60_000, now);
    expect(words).toBe("Kinovi's image server says this image does not exist (HTTP 404), though the run finished only 7 minutes ago; it was not saved.");
    expect(words).not.toMatch(/14 days/);
    expect(missingTooSoonMessage(410, now - 3 * 3_600_000, now)).toContain('only 3 hours ago');
  });
});

describe('what a retry waits for', () => {
  it('"server error, trying again in 12 s — attempt 3"', () => {
    expect(retryWords({ reason: 'server_error', attempt: 2, nextAttemptAt: now + 11_200 }, now)).toBe('server error, trying again in 12 s — attempt 3');
  });

  it('a busy account may go sooner; a due attempt is under way', () => {
    expect(retryWords({ reason: 'account_busy', attempt: 1, nextAttemptAt: now + 90_000 }, now)).toBe(
      'Kinovi is busy with this account’s other runs, trying again in 2 min or when a slot frees — attempt 2',
    );
    expect(retryWords({ reason: 'offline', attempt: 4, nextAttemptAt: now - 1 }, now)).toBe('Kinovi cannot be reached, trying again now — attempt 5');
  });

  it('waits read as seconds, minutes, hours', () => {
    expect([waitWords(400), waitWords(59_000), waitWords(60_001), waitWords(3_600_000), waitWords(3_900_000)]).toEqual(['1 s', '59 s', '2 min', '1 h', '1 h 5 min']);
  });
});
