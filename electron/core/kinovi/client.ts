/**
 * The Kinovi HTTP client: one keep-alive pool per base URL, bounded timeouts, and
 * every failure turned into a KinoviError. The API key is read at each call so a key
 * changed in Settings applies at once, and it never leaves the Authorization header.
 */
import { Pool } from 'undici';
import { errorFromResponse, errorFromTransport, KinoviError, type KinoviOperation } from './errors.ts';
import { carriesKey, createTaskResponseSchema, createUploadResponseSchema, recordInfoSchema, toTaskRecord, toUploadSlot, type TaskRecord, type UploadSlot } from './wire.ts';

export const MAX_CONNECTIONS = 8;

export interface KinoviClientOptions {
  /** e.g. https://kinovi.ai/api/v1 */
  baseUrl: string;
  getApiKey: () => string | undefined;
  /** Open connections at most (capped at 8: Kinovi allows only a few tasks at once anyway). */
  connections?: number;
  connectTimeoutMs?: number;
  /** How long to wait for the status line and headers once the request is sent. */
  headersTimeoutMs?: number;
  /** How long the body may stall between chunks. */
  bodyTimeoutMs?: number;
}

export interface KinoviClient {
  readonly baseUrl: string;
  /**
   * Starts a generation; the task is charged from this moment. `body` is the exact JSON text to
   * send (see createTaskBodyText), stored with the generation before it is sent.
   */
  createTask(body: string, signal?: AbortSignal): Promise<{ taskId: string }>;
  /** Reads a task's state; safe to repeat. */
  recordInfo(taskId: string, signal?: AbortSignal): Promise<TaskRecord>;
  /** Asks for an upload address for a reference file (`POST /uploads`); the bytes go there with no key. */
  createUpload(fileName: string, signal?: AbortSignal): Promise<UploadSlot>;
  /** Closes the pool's connections; calls in flight fail. */
  close(): Promise<void>;
}

const MAX_BODY_BYTES = 1024 * 1024;

/** Builds the client for one Kinovi-compatible base URL (the real API or the Sandbox). */
export function createKinoviClient(options: KinoviClientOptions): KinoviClient {
  const url = new URL(options.baseUrl);
  const prefix = url.pathname.replace(/\/+$/, '');
  const connectMs = options.connectTimeoutMs ?? 10_000;
  const headersMs = options.headersTimeoutMs ?? 30_000;
  const bodyMs = options.bodyTimeoutMs ?? 30_000;
  const timeouts = { connectMs, answerMs: Math.max(headersMs, bodyMs) };
  const pool = new Pool(url.origin, {
    connections: Math.min(Math.max(1, options.connections ?? 6), MAX_CONNECTIONS),
    connect: { timeout: connectMs },
    headersTimeout: headersMs,
    bodyTimeout: bodyMs,
    maxResponseSize: MAX_BODY_BYTES,
    // Polls come every 3–5 s per task; undici's 4 s idle default would reconnect between them.
    keepAliveTimeout: 30_000,
  });

  let closing: Promise<void> | undefined;

  async function call(operation: KinoviOperation, method: 'GET' | 'POST', path: string, body: string | undefined, signal: AbortSignal | undefined) {
    if (closing) {
      throw new KinoviError('api_unreachable', 'Atelier is disconnecting from Kinovi; nothing was sent.', {
        retryable: true,
        submission: operation === 'createTask' ? 'not_sent' : null,
        details: { reason: 'closed' },
      });
    }
    const key = options.getApiKey();
    if (!key) {
      throw new KinoviError('api_key_invalid', 'No Kinovi API key is set. Enter one in Settings.', {
        retryable: false,
        submission: operation === 'createTask' ? 'not_sent' : null,
      });
    }
    if (signal?.aborted) {
      throw new KinoviError('api_unreachable', 'The request to Kinovi was cancelled.', {
        retryable: operation === 'recordInfo',
        submission: operation === 'createTask' ? 'not_sent' : null,
        details: { reason: 'cancelled' },
      });
    }
    try {
      const response = await pool.request({
        method,
        path: prefix + path,
        headers: { authorization: `Bearer ${key}`, 'content-type': 'application/json', accept: 'application/json' },
        body,
        signal,
      });
      return { status: response.statusCode, text: await response.body.text(), key };
    } catch (error) {
      throw errorFromTransport(operation, error, timeouts);
    }
  }

  function readJson(text: string): unknown {
    try {
      return JSON.parse(text);
    } catch {
      return undefined;
    }
  }

  return {
    baseUrl: options.baseUrl,

    async createTask(body, signal) {
      const { status, text, key } = await call('createTask', 'POST', '/jobs/createTask', body, signal);
      if (status !== 200) throw errorFromResponse('createTask', status, text, key);
      const parsed = createTaskResponseSchema.safeParse(readJson(text));
      if (!parsed.success || carriesKey([parsed.data.taskId], key)) throw errorFromResponse('createTask', status, text, key);
      return { taskId: parsed.data.taskId };
    },

    async recordInfo(taskId, signal) {
      const path = `/jobs/recordInfo?taskId=${encodeURIComponent(taskId)}`;
      const { status, text, key } = await call('recordInfo', 'GET', path, undefined, signal);
      if (status !== 200) throw errorFromResponse('recordInfo', status, text, key);
      const parsed = recordInfoSchema.safeParse(readJson(text));
      if (!parsed.success || carriesKey([parsed.data.taskId, ...(parsed.data.output ?? []).map((image) => image.url)], key)) {
        throw errorFromResponse('recordInfo', status, text, key);
      }
      return toTaskRecord(parsed.data, key);
    },

    async createUpload(fileName, signal) {
      const { status, text, key } = await call('createUpload', 'POST', '/uploads', JSON.stringify({ fileName }), signal);
      if (status !== 200) throw errorFromResponse('createUpload', status, text, key);
      const parsed = createUploadResponseSchema.safeParse(readJson(text));
      if (!parsed.success || carriesKey([parsed.data.uploadUrl, parsed.data.url], key)) throw errorFromResponse('createUpload', status, text, key);
      return toUploadSlot(parsed.data, Date.now());
    },

    async close() {
      await (closing ??= pool.close());
    },
  };
}
