/**
 * Misbehaviour the Sandbox can be told to show, so tests can drive every failure the real
 * API or the network can produce (in-process, or over HTTP when a test enables the controls).
 */
import { randomUUID } from 'node:crypto';
import { z } from 'zod';

export const faultEndpoints = ['createTask', 'recordInfo', 'image', 'upload', 'uploadPut', 'uploadFile'] as const;
export type FaultEndpoint = (typeof faultEndpoints)[number];

const common = {
  endpoint: z.enum(faultEndpoints).default('createTask'),
  /** Only requests about a prompt (for the upload endpoints: a file name) containing this text (case-insensitive) are affected. */
  promptContains: z.string().min(1).optional(),
  /** How many matching requests are affected; absent = every one until cleared. */
  times: z.number().int().positive().optional(),
};

export const faultSchema = z.discriminatedUnion('kind', [
  /** Answer with this status and JSON body (a documented body per status when absent). */
  z.object({ ...common, kind: z.literal('status'), status: z.number().int().min(200).max(599), body: z.unknown().optional() }),
  /** createTask succeeds, but the task ends `fail` with this error. */
  z.object({ ...common, kind: z.literal('taskFails'), code: z.string().default('500'), message: z.string().default('Service temporarily unavailable') }),
  /** Wait, then answer normally. */
  z.object({ ...common, kind: z.literal('delay'), ms: z.number().int().min(0).max(600_000) }),
  /** Never answer (the connection stays open until the client gives up or the Sandbox closes). */
  z.object({ ...common, kind: z.literal('hang') }),
  /** Send the status line and half a body, then go silent: the answer started but never completes. */
  z.object({ ...common, kind: z.literal('stall') }),
  /** Destroy the connection; `after` first creates the task, so the client never learns its id. */
  z.object({ ...common, kind: z.literal('reset'), when: z.enum(['before', 'after']).default('before') }),
  /** Answer with a body that is not JSON, like a proxy's error page. */
  z.object({ ...common, kind: z.literal('nonJson'), status: z.number().int().min(200).max(599).default(200), text: z.string().default('<html><body>Bad gateway</body></html>') }),
  /** The file is gone (Kinovi keeps images about 14 days, uploads 24 hours): 404. */
  z.object({ ...common, endpoint: z.enum(['image', 'uploadFile']).default('image'), kind: z.literal('expired') }),
]);

export type FaultInput = z.input<typeof faultSchema>;
export type Fault = z.output<typeof faultSchema> & { id: string };

export interface Faults {
  /** Arms a fault; returns it with its id. Throws a ZodError on a malformed description. */
  add(input: FaultInput): Fault;
  remove(id: string): boolean;
  clear(): void;
  list(): Fault[];
  /** The first armed fault matching this request, counted as used. */
  take(endpoint: FaultEndpoint, prompt: string | undefined): Fault | undefined;
}

/** Each Sandbox owns its faults, so parallel tests never disturb each other. */
export function createFaults(): Faults {
  const armed: Array<{ fault: Fault; remaining: number }> = [];
  return {
    add(input) {
      const fault = { ...faultSchema.parse(input), id: randomUUID() };
      armed.push({ fault, remaining: fault.times ?? Number.POSITIVE_INFINITY });
      return fault;
    },
    remove(id) {
      const index = armed.findIndex((entry) => entry.fault.id === id);
      if (index >= 0) armed.splice(index, 1);
      return index >= 0;
    },
    clear: () => void armed.splice(0),
    list: () => armed.map((entry) => entry.fault),
    take(endpoint, prompt) {
      const index = armed.findIndex(
        ({ fault }) =>
          fault.endpoint === endpoint &&
          (fault.promptContains === undefined || (prompt ?? '').toLowerCase().includes(fault.promptContains.toLowerCase())),
      );
      const entry = armed[index];
      if (!entry) return undefined;
      entry.remaining -= 1;
      if (entry.remaining <= 0) armed.splice(index, 1);
      return entry.fault;
    },
  };
}

/** The body the real API sends with each status, so a bare `{ status: 402 }` fault looks real. */
export function documentedBody(status: number, concurrencyLimit: number): unknown {
  switch (status) {
    case 400:
      return { message: 'Invalid inputs for model', errors: [] };
    case 401:
      return { message: 'Invalid API Key' };
    case 402:
      return { message: 'Insufficient credits', required: 12, available: 0 };
    case 403:
      return { message: 'API access not enabled for this account' };
    case 404:
      return { message: 'Task not found' };
    case 429:
      return { message: concurrencyMessage(concurrencyLimit), limit: concurrencyLimit, current: concurrencyLimit };
    default:
      return { message: status >= 500 ? 'Internal server error' : `Error ${status}` };
  }
}

/** The documented 429 wording. */
export function concurrencyMessage(limit: number): string {
  return `Concurrency limit reached (${limit}). Wait for a running task to finish before creating a new one.`;
}
