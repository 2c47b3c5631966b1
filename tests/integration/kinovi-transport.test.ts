import { errors } from 'undici';
import { describe, expect, it } from 'vitest';
import { errorFromTransport } from '../../electron/core/kinovi/errors.ts';

// Failures a loopback server cannot stage (a slow TCP handshake, DNS), fed as undici raises them.
const timeouts = { connectMs: 10_000, answerMs: 30_000 };
const systemError = (code: string) => Object.assign(new Error(`getaddrinfo ${code}`), { code });

describe('errorFromTransport', () => {
  it.each([
    ['connect timeout', new errors.ConnectTimeoutError(), 'api_timeout', 'not_sent', true],
    ['DNS failure', systemError('ENOTFOUND'), 'api_unreachable', 'not_sent', true],
    ['DNS unavailable', systemError('EAI_AGAIN'), 'api_unreachable', 'not_sent', true],
    ['no route', systemError('ENETUNREACH'), 'api_unreachable', 'not_sent', true],
    ['headers timeout', new errors.HeadersTimeoutError(), 'api_timeout', 'unknown', false],
    ['body timeout', new errors.BodyTimeoutError(), 'api_timeout', 'unknown', false],
    ['socket closed mid-answer', new errors.SocketError('other side closed'), 'api_unreachable', 'unknown', false],
    ['reset', systemError('ECONNRESET'), 'api_unreachable', 'unknown', false],
    ['something else', new Error('strange'), 'api_unreachable', 'unknown', false],
  ] as const)('createTask: %s → %s, %s', (_name, error, code, submission, retryable) => {
    expect(errorFromTransport('createTask', error, timeouts)).toMatchObject({ code, submission, retryable });
  });

  it('finds the code in a wrapped cause', () => {
    const wrapped = new TypeError('fetch failed', { cause: systemError('ECONNREFUSED') });
    expect(errorFromTransport('createTask', wrapped, timeouts)).toMatchObject({ code: 'api_unreachable', submission: 'not_sent' });
  });

  it('says how long it waited, in seconds', () => {
    expect(errorFromTransport('createTask', new errors.ConnectTimeoutError(), timeouts).message).toContain('10 s');
    expect(errorFromTransport('recordInfo', new errors.HeadersTimeoutError(), timeouts)).toMatchObject({ retryable: true, submission: null });
  });
});
