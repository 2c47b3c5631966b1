import type { AppError, ErrorCode } from '../../shared/result.ts';

/**
 * An expected failure a handler throws; the dispatcher turns it into
 * `{ ok: false, error }`. Anything else thrown is a bug and becomes `internal`.
 */
export class Failure extends Error {
  readonly code: ErrorCode;
  readonly details: Record<string, unknown> | undefined;

  constructor(code: ErrorCode, message: string, details?: Record<string, unknown>) {
    super(message);
    this.name = 'Failure';
    this.code = code;
    this.details = details;
  }

  /** The form that crosses to the renderer: code, words, details; no stack. */
  toAppError(): AppError {
    return this.details === undefined
      ? { code: this.code, message: this.message }
      : { code: this.code, message: this.message, details: this.details };
  }
}
