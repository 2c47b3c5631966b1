/**
 * How every IPC answer travels: errors cross the boundary as data with a code
 * from a closed set, never as thrown exceptions or stacks.
 */
export const errorCodes = [
  'invalid_input', // the renderer sent something the contract does not accept
  'unknown_channel', // the renderer asked for a channel the contract does not declare
  'not_found', // the thing asked about does not exist (any more)
  'conflict', // the request contradicts the current state (e.g. retrying a finished generation)
  'api_invalid_request', // 400 from the API
  'api_key_invalid', // 401
  'api_insufficient_credits', // 402
  'api_access_denied', // 403
  'api_task_not_found', // 404
  'api_busy', // 429: the account's concurrency limit
  'api_server_error', // 5xx
  'api_unexpected_response', // another status, or a body that is not what the contract says
  'api_timeout',
  'api_unreachable', // connection refused, reset, DNS
  'library_error', // the local library could not do what was asked (e.g. made by a newer Atelier)
  'library_in_use', // another Atelier window or process has this library open
  'library_damaged', // the library file is corrupt: Atelier stops writing to it and points at the latest backup
  'library_not_writable', // the library folder is read-only or Atelier lacks permission to write there
  'disk_full', // the disk holding the library is full: the message says what was not saved
  'internal', // a bug: the details are in the main log
] as const;

export type ErrorCode = (typeof errorCodes)[number];

export interface AppError {
  code: ErrorCode;
  /** Words an artist understands; never a stack or a secret. */
  message: string;
  details?: Record<string, unknown>;
}

export type Result<T> = { ok: true; value: T } | { ok: false; error: AppError };

export const ok = <T>(value: T): Result<T> => ({ ok: true, value });
export const fail = (code: ErrorCode, message: string, details?: Record<string, unknown>): Result<never> => ({
  ok: false,
  error: details === undefined ? { code, message } : { code, message, details },
});
