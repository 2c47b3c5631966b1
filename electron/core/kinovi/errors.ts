/**
 * Every way a Kinovi call can fail, as one typed error the queue can act on and the
 * renderer can show. Messages are Atelier's own words; server text only reaches
 * `details`, and always through `redactServerText` (the key and anything key-shaped removed).
 */
import type { ErrorCode } from '../../../shared/result.ts';
import { Failure } from '../failure.ts';
import { redactServerText } from '../redact.ts';

/**
 * For createTask only: 'not_sent' means no task exists on the server, so submitting
 * again is safe; 'unknown' means the request may have created (and charged) a task.
 */
export type Submission = 'not_sent' | 'unknown';
export type KinoviOperation = 'createTask' | 'recordInfo' | 'createUpload';

export interface KinoviErrorOptions {
  retryable: boolean;
  /** Null for calls that create nothing (recordInfo). */
  submission: Submission | null;
  status?: number | null;
  details?: Record<string, unknown>;
}

export class KinoviError extends Failure {
  /** Whether the same call may simply be made again later. */
  readonly retryable: boolean;
  readonly submission: Submission | null;
  /** The HTTP status when the server answered, else null. */
  readonly status: number | null;

  constructor(code: ErrorCode, message: string, options: KinoviErrorOptions) {
    super(code, message, options.details);
    this.name = 'KinoviError';
    this.retryable = options.retryable;
    this.submission = options.submission;
    this.status = options.status ?? null;
  }
}

interface ErrorBody {
  message?: unknown;
  errors?: unknown;
  required?: unknown;
  available?: unknown;
  limit?: unknown;
  current?: unknown;
}

function parseBody(text: string): ErrorBody {
  try {
    const value: unknown = JSON.parse(text);
    return value !== null && typeof value === 'object' && !Array.isArray(value) ? (value as ErrorBody) : {};
  } catch {
    return {};
  }
}

const asNumber = (value: unknown): number | null => (typeof value === 'number' && Number.isFinite(value) ? value : null);

/** The item shape of a 400's `errors` is undocumented: take a field name from whatever is there. */
function fieldNames(errors: unknown, secret: string | undefined): string[] {
  if (!Array.isArray(errors)) return [];
  const names = errors.map((item: unknown) => {
    if (typeof item === 'string') return item;
    if (item !== null && typeof item === 'object') {
      const record = item as Record<string, unknown>;
      const name = record.field ?? record.path ?? record.param ?? record.name ?? record.property ?? record.key;
      if (Array.isArray(name)) return name.map(String).join('.');
      if (typeof name === 'string') return name;
      if (typeof record.message === 'string') return record.message;
    }
    return null;
  });
  return [...new Set(names.filter((name): name is string => name !== null && name !== '').map((name) => redactServerText(name, secret)))];
}

// What a moderation refusal says (Midjourney's banned words, a flagged prompt or image, a content policy).
const MODERATION = /moderat|banned|flagged|content (?:policy|rules|guidelines)|community guidelines|not allowed|prohibited|inappropriate|nsfw|unsafe/i;

/** Whether a 400's server message refuses the content itself, not the settings. */
export function isModerationRefusal(serverMessage: string): boolean {
  return MODERATION.test(serverMessage);
}

/** Turns an HTTP error status (or an unusable 2xx body) into the KinoviError the queue acts on. */
export function errorFromResponse(operation: KinoviOperation, status: number, text: string, secret: string | undefined): KinoviError {
  const body = parseBody(text);
  const serverMessage = typeof body.message === 'string' ? redactServerText(body.message, secret) : undefined;
  const said = serverMessage === undefined ? {} : { serverMessage };
  const known = operation === 'createTask' ? ('not_sent' as const) : null;

  if (status === 400) {
    if (serverMessage !== undefined && isModerationRefusal(serverMessage)) {
      return new KinoviError('api_invalid_request', `Kinovi refused this prompt under its content rules: “${serverMessage}”. Change the prompt and try again.`, {
        retryable: false, submission: known, status, details: { status, moderation: true, ...said },
      });
    }
    const fields = fieldNames(body.errors, secret);
    const which = fields.length > 0 ? `: check ${fields.join(', ')}` : '';
    const what = operation === 'createUpload' ? 'this reference image for upload' : 'these settings';
    return new KinoviError('api_invalid_request', `Kinovi did not accept ${what}${which}.`, {
      retryable: false, submission: known, status, details: { status, fields, ...said },
    });
  }
  if (status === 401) {
    return new KinoviError('api_key_invalid', 'Kinovi did not accept the API key: it may be missing, inactive or expired. Enter a valid key in Settings.', {
      retryable: false, submission: known, status, details: { status },
    });
  }
  if (status === 402) {
    const required = asNumber(body.required);
    const available = asNumber(body.available);
    const amounts = required !== null && available !== null ? `: this run needs ${required} credits and the account has ${available}` : '';
    return new KinoviError('api_insufficient_credits', `Not enough Kinovi credits${amounts}. Top up the account, then try again.`, {
      retryable: false, submission: known, status, details: { status, required, available, ...said },
    });
  }
  if (status === 403) {
    return new KinoviError('api_access_denied', 'Kinovi refused access: API use may not be enabled for this account.', {
      retryable: false, submission: known, status, details: { status, ...said },
    });
  }
  if (status === 404 && operation === 'recordInfo') {
    return new KinoviError('api_task_not_found', 'Kinovi no longer knows this generation.', {
      retryable: false, submission: null, status, details: { status, ...said },
    });
  }
  if (status === 429) {
    const limit = asNumber(body.limit);
    const current = asNumber(body.current);
    const counts = limit !== null ? ` (${current ?? limit} of ${limit} running)` : '';
    return new KinoviError('api_busy', `Kinovi is already running as many generations as this account allows${counts}; this one waits for a free slot.`, {
      retryable: true, submission: known, status, details: { status, limit, current, ...said },
    });
  }
  if (status >= 500 && status <= 599) {
    return new KinoviError('api_server_error', `Kinovi had a problem on its side (HTTP ${status}). Trying again in a little while usually works.`, {
      retryable: true, submission: known, status, details: { status, ...said },
    });
  }
  const answered2xx = status >= 200 && status <= 299;
  // A 2xx we cannot read may still have created a task: never claim it was not sent.
  const submission = operation === 'createTask' ? (answered2xx ? 'unknown' : 'not_sent') : null;
  const what = answered2xx ? 'an answer Atelier cannot read' : `an unexpected answer (HTTP ${status})`;
  return new KinoviError('api_unexpected_response', `Kinovi sent ${what}. Check the API address in Settings if this keeps happening.`, {
    retryable: operation === 'recordInfo', submission, status, details: { status, ...said },
  });
}

function errorCodesOf(error: unknown): string[] {
  const codes: string[] = [];
  let current: unknown = error;
  for (let depth = 0; depth < 5 && current !== null && typeof current === 'object'; depth++) {
    const { code, name, cause } = current as { code?: unknown; name?: unknown; cause?: unknown };
    if (typeof code === 'string') codes.push(code);
    if (typeof name === 'string') codes.push(name);
    current = cause;
  }
  return codes;
}

// UND_ERR_CLOSED: the pool was already closed, so nothing left this process.
const NEVER_CONNECTED = ['UND_ERR_CLOSED', 'ECONNREFUSED', 'ENOTFOUND', 'EAI_AGAIN', 'EHOSTUNREACH', 'ENETUNREACH', 'EADDRNOTAVAIL'];

/**
 * Turns a failure of the connection itself into a KinoviError, deciding whether the
 * request could have reached the server (the difference between resubmitting and not).
 */
export function errorFromTransport(operation: KinoviOperation, error: unknown, timeouts: { connectMs: number; answerMs: number }): KinoviError {
  const codes = errorCodesOf(error);
  const has = (...wanted: string[]) => codes.some((code) => wanted.includes(code));
  const mayHaveArrived = operation === 'createTask' ? ('unknown' as const) : null;
  const safe = operation === 'createTask' ? ('not_sent' as const) : null;
  const reason = codes[0] ?? 'unknown';
  const seconds = (ms: number) => `${Math.round(ms / 100) / 10} s`;

  if (has('UND_ERR_CONNECT_TIMEOUT')) {
    return new KinoviError('api_timeout', `Kinovi could not be reached within ${seconds(timeouts.connectMs)}. Check the internet connection.`, {
      retryable: true, submission: safe, details: { reason },
    });
  }
  if (has('UND_ERR_HEADERS_TIMEOUT', 'UND_ERR_BODY_TIMEOUT', 'TimeoutError')) {
    const words = operation === 'createTask' ? ' It may still have started the generation.' : '';
    return new KinoviError('api_timeout', `Kinovi did not answer within ${seconds(timeouts.answerMs)}.${words}`, {
      retryable: operation === 'recordInfo', submission: mayHaveArrived, details: { reason },
    });
  }
  if (has(...NEVER_CONNECTED)) {
    return new KinoviError('api_unreachable', 'Kinovi cannot be reached. Check the internet connection and the API address.', {
      retryable: true, submission: safe, details: { reason },
    });
  }
  if (has('AbortError', 'UND_ERR_ABORTED')) {
    return new KinoviError('api_unreachable', 'The request to Kinovi was cancelled.', {
      retryable: operation === 'recordInfo', submission: mayHaveArrived, details: { reason: 'cancelled' },
    });
  }
  if (has('UND_ERR_RES_EXCEEDED_MAX_SIZE')) {
    return new KinoviError('api_unexpected_response', 'Kinovi sent an answer far larger than expected.', {
      retryable: operation === 'recordInfo', submission: mayHaveArrived, details: { reason },
    });
  }
  const words = operation === 'createTask' ? ' It may still have started the generation.' : '';
  return new KinoviError('api_unreachable', `The connection to Kinovi broke before it answered.${words}`, {
    retryable: operation === 'recordInfo', submission: mayHaveArrived, details: { reason },
  });
}
