import type { RetryReason } from '../../../shared/generation.ts';
import type { TaskRecord } from '../kinovi/index.ts';

/** What the queue needs of a Kinovi-compatible API (the real client against Kinovi or the Sandbox). */
export interface TaskApi {
  /** Where the API lives: image addresses it hands out are checked against it (net/url-rule.ts). */
  readonly baseUrl: string;
  /** Sends the stored createTask body, byte for byte. */
  createTask(body: string, signal?: AbortSignal): Promise<{ taskId: string }>;
  recordInfo(taskId: string, signal?: AbortSignal): Promise<TaskRecord>;
}

/** The parts of an API failure the queue decides on; the client's errors carry all of them. */
export interface ApiFailure {
  code: string;
  message: string;
  retryable: boolean;
  /** For createTask: whether the request may have reached the server. */
  submission: 'not_sent' | 'unknown';
  details: Record<string, unknown>;
}

/** Reads an error thrown by the client; anything unexpected counts as an unknown, retryable failure. */
export function apiFailureOf(error: unknown): ApiFailure {
  const e = (typeof error === 'object' && error !== null ? error : {}) as Partial<ApiFailure>;
  return {
    code: typeof e.code === 'string' ? e.code : 'api_unexpected_response',
    message: typeof e.message === 'string' && e.message ? e.message : 'The API answered in a way Atelier did not expect.',
    retryable: e.retryable ?? true,
    submission: e.submission === 'not_sent' ? 'not_sent' : 'unknown',
    details: typeof e.details === 'object' && e.details !== null ? e.details : {},
  };
}

/** Why a failed call will be made again, in the artist's terms (what the queue panel says). */
export function retryReasonOf(failure: ApiFailure): RetryReason {
  switch (failure.code) {
    case 'api_busy':
      return 'account_busy';
    case 'api_server_error':
      return 'server_error';
    case 'api_unreachable':
      return 'offline';
    case 'api_timeout':
      return 'no_answer';
    case 'api_key_invalid':
    case 'api_access_denied':
      return 'key_refused';
    default:
      return 'unexpected_answer';
  }
}
