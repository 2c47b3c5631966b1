import { afterEach, describe, expect, it, vi } from 'vitest';
import { createKinoviClient, createTaskBodyText, KinoviError, type KinoviClient } from '../../electron/core/kinovi/index.ts';
import { startSandbox, type FaultInput, type Sandbox } from '../../electron/core/sandbox/index.ts';
import type { GenerationParams } from '../../shared/generation.ts';

const KEY = 'sk-live-7f3a9c1e5b2d4f6a8c0e';
const params: GenerationParams = { model: 'midjourney-v7', prompt: 'a paper crane' };

let sandbox: Sandbox;
let client: KinoviClient;
afterEach(async () => {
  vi.restoreAllMocks();
  await client?.close();
  await sandbox?.close();
});

/** Everything an error could carry to a log, the renderer or a crash report. */
function everythingIn(error: KinoviError): string {
  return [
    error.message,
    error.stack ?? '',
    String(error),
    JSON.stringify(error),
    JSON.stringify(error.toAppError()),
    JSON.stringify(error.details ?? {}),
    JSON.stringify(Object.getOwnPropertyNames(error).map((name) => String((error as unknown as Record<string, unknown>)[name]))),
  ].join('\n');
}

// A careless server (or proxy) that echoes the key back in every place it can.
const echoes: Array<[string, FaultInput]> = [
  ['400', { kind: 'status', status: 400, body: { message: `Invalid inputs for key ${KEY}`, errors: [{ field: `inputs.${KEY}`, message: KEY }, KEY] } }],
  ['402', { kind: 'status', status: 402, body: { message: `Insufficient credits for ${KEY}`, required: 12, available: 0 } }],
  ['403', { kind: 'status', status: 403, body: { message: `Access denied for Bearer ${KEY}` } }],
  ['429', { kind: 'status', status: 429, body: { message: `Concurrency limit reached (3) for ${KEY}`, limit: 3, current: 3 } }],
  ['500', { kind: 'status', status: 500, body: { message: `Internal error: authorization=Bearer ${KEY}` } }],
  ['418', { kind: 'status', status: 418, body: { message: KEY } }],
  ['non-JSON 200', { kind: 'nonJson', text: `<html>${KEY}</html>` }],
  ['non-JSON 502', { kind: 'nonJson', status: 502, text: `<html>${KEY}</html>` }],
  ['malformed 200', { kind: 'status', status: 200, body: { taskId: 42, echo: KEY } }],
  ['reset', { kind: 'reset', when: 'after' }],
];

describe('the API key never leaks into an error', () => {
  it.each(echoes)('createTask answered %s', async (_name, fault) => {
    sandbox = await startSandbox({ apiKey: KEY });
    client = createKinoviClient({ baseUrl: sandbox.baseUrl, getApiKey: () => KEY });
    const logged = vi.spyOn(console, 'error');
    sandbox.faults.add(fault);
    const error = await client.createTask(createTaskBodyText(params, 1)).then(
      () => undefined,
      (thrown: unknown) => thrown,
    );
    expect(error).toBeInstanceOf(KinoviError);
    expect(everythingIn(error as KinoviError)).not.toContain(KEY);
    expect(JSON.stringify(logged.mock.calls)).not.toContain(KEY);
  });

  it('holds for every other kind of failure too: 401, 404, timeout, refused, cancelled, no key', async () => {
    sandbox = await startSandbox({ apiKey: 'the-sandbox-key' });
    const errors: unknown[] = [];
    const catchInto = (promise: Promise<unknown>) => promise.then(() => errors.push(new Error('unexpected success')), (e: unknown) => errors.push(e));

    // The default timeout for answers that come: a short one could turn a slow 401 on a busy machine into a timeout.
    client = createKinoviClient({ baseUrl: sandbox.baseUrl, getApiKey: () => KEY });
    await catchInto(client.createTask(createTaskBodyText(params, 1))); // 401: KEY is the wrong key here
    await catchInto(client.recordInfo('task_missing')); // 401 again
    await client.close();

    client = createKinoviClient({ baseUrl: sandbox.baseUrl, getApiKey: () => `${KEY}`, headersTimeoutMs: 200 });
    sandbox.faults.add({ endpoint: 'recordInfo', kind: 'hang', times: 1 });
    await catchInto(client.recordInfo('task_missing')); // timeout
    await catchInto(client.createTask(createTaskBodyText(params, 1), AbortSignal.abort())); // cancelled
    await client.close();

    client = createKinoviClient({ baseUrl: sandbox.baseUrl, getApiKey: () => 'the-sandbox-key' });
    await catchInto(client.recordInfo('task_missing')); // 404
    await client.close();
    await sandbox.close();
    client = createKinoviClient({ baseUrl: sandbox.baseUrl, getApiKey: () => KEY });
    await catchInto(client.createTask(createTaskBodyText(params, 1))); // refused

    const codes = errors.map((e) => (e instanceof KinoviError ? e.code : String(e)));
    expect(codes).toEqual(['api_key_invalid', 'api_key_invalid', 'api_timeout', 'api_unreachable', 'api_task_not_found', 'api_unreachable']);
    for (const error of errors) expect(everythingIn(error as KinoviError)).not.toContain(KEY);
  });
});
