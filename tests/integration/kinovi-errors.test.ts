import { describe, expect, it, vi } from 'vitest';
import { createTaskBodyText, KinoviError, type KinoviClient, type KinoviClientOptions } from '../../electron/core/kinovi/index.ts';
import type { Sandbox, SandboxOptions } from '../../electron/core/sandbox/index.ts';
import { sandboxClientPerTest } from '../support/sandbox-client.ts';
import { UNTIL_IT_HAPPENS } from '../support/stuck-wait.ts';
import type { GenerationParams } from '../../shared/generation.ts';

const params: GenerationParams = { model: 'midjourney-v7', prompt: 'a fox in deep snow' };

let sandbox: Sandbox;
let client: KinoviClient;
const startPair = sandboxClientPerTest({ waitingMs: 20, generatingMs: 40 });

async function setUp(sandboxOptions: SandboxOptions = {}, clientOptions: Partial<KinoviClientOptions> = {}) {
  ({ sandbox, client } = await startPair(sandboxOptions, clientOptions));
}

async function failureOf(promise: Promise<unknown>): Promise<KinoviError> {
  try {
    await promise;
  } catch (error) {
    if (error instanceof KinoviError) return error;
    throw new Error(`expected a KinoviError, got ${String(error)}`, { cause: error });
  }
  throw new Error('expected the call to fail');
}

describe('Kinovi client errors: the server answered', () => {
  it('401 for a wrong key: ask for a valid one, do not retry', async () => {
    await setUp({}, { getApiKey: () => 'wrong-key' });
    const error = await failureOf(client.createTask(createTaskBodyText(params, 1)));
    expect(error).toMatchObject({ code: 'api_key_invalid', retryable: false, submission: 'not_sent', status: 401 });
    expect(error.message).toMatch(/API key/);
    expect(error.toAppError().code).toBe('api_key_invalid');
    expect(sandbox.stats.tasksCreated).toBe(0);
  });

  it('no key at all: fails before sending anything', async () => {
    await setUp({}, { getApiKey: () => undefined });
    const error = await failureOf(client.createTask(createTaskBodyText(params, 1)));
    expect(error).toMatchObject({ code: 'api_key_invalid', submission: 'not_sent' });
    expect(error.message).toMatch(/No Kinovi API key/);
    expect(sandbox.stats.createTaskCalls).toBe(0);
  });

  it('400 names the fields the server refused', async () => {
    await setUp();
    const error = await failureOf(client.createTask(createTaskBodyText({ ...params, stylize: 5000, chaos: 1.5 }, 1)));
    expect(error).toMatchObject({ code: 'api_invalid_request', retryable: false, submission: 'not_sent', status: 400 });
    expect(error.details).toMatchObject({ fields: ['inputs.stylize', 'inputs.chaos'], serverMessage: 'Invalid inputs for model' });
    expect(error.message).toContain('inputs.stylize');
  });

  it('402 says how many credits are needed and available', async () => {
    await setUp();
    sandbox.faults.add({ endpoint: 'createTask', kind: 'status', status: 402, body: { message: 'Insufficient credits', required: 12, available: 3 } });
    const error = await failureOf(client.createTask(createTaskBodyText(params, 1)));
    expect(error).toMatchObject({ code: 'api_insufficient_credits', retryable: false, submission: 'not_sent', details: { required: 12, available: 3 } });
    expect(error.message).toContain('needs 12 credits and the account has 3');
  });

  it('403 is an account problem', async () => {
    await setUp();
    sandbox.faults.add({ endpoint: 'createTask', kind: 'status', status: 403 });
    const error = await failureOf(client.createTask(createTaskBodyText(params, 1)));
    expect(error).toMatchObject({ code: 'api_access_denied', retryable: false, details: { serverMessage: 'API access not enabled for this account' } });
  });

  it('404 for a task the server does not know', async () => {
    await setUp();
    const error = await failureOf(client.recordInfo('task_nope'));
    expect(error).toMatchObject({ code: 'api_task_not_found', retryable: false, submission: null, status: 404 });
  });

  it('429 reports the account limit and how many run; nothing is created', async () => {
    await setUp({ concurrencyLimit: 2, generatingMs: 60_000 });
    await client.createTask(createTaskBodyText(params, 1));
    await client.createTask(createTaskBodyText(params, 2));
    const error = await failureOf(client.createTask(createTaskBodyText(params, 3)));
    expect(error).toMatchObject({ code: 'api_busy', retryable: true, submission: 'not_sent', details: { limit: 2, current: 2 } });
    expect(error.message).toContain('2 of 2 running');
    expect(sandbox.stats.tasksCreated).toBe(2);
  });

  it('500 twice, then the third try succeeds', async () => {
    await setUp();
    sandbox.faults.add({ endpoint: 'createTask', kind: 'status', status: 500, times: 2 });
    for (let i = 0; i < 2; i++) {
      const error = await failureOf(client.createTask(createTaskBodyText(params, 1)));
      expect(error).toMatchObject({ code: 'api_server_error', retryable: true, submission: 'not_sent', status: 500 });
    }
    await expect(client.createTask(createTaskBodyText(params, 1))).resolves.toHaveProperty('taskId');
    expect(sandbox.stats).toMatchObject({ createTaskCalls: 3, tasksCreated: 1 });
  });

  it('500 on recordInfo is retryable', async () => {
    await setUp();
    const { taskId } = await client.createTask(createTaskBodyText(params, 1));
    sandbox.faults.add({ endpoint: 'recordInfo', kind: 'status', status: 503 });
    const error = await failureOf(client.recordInfo(taskId));
    expect(error).toMatchObject({ code: 'api_server_error', retryable: true, submission: null, status: 503 });
    expect(error.message).toContain('HTTP 503');
  });

  it('only faults whose prompt matches are applied', async () => {
    await setUp();
    sandbox.faults.add({ endpoint: 'createTask', kind: 'status', status: 500, promptContains: 'STORM' });
    await expect(client.createTask(createTaskBodyText(params, 1))).resolves.toHaveProperty('taskId');
    expect((await failureOf(client.createTask(createTaskBodyText({ ...params, prompt: 'a storm at sea' }, 1)))).code).toBe('api_server_error');
  });

  it('a non-JSON 200 to createTask may hide a created task: outcome unknown', async () => {
    await setUp();
    sandbox.faults.add({ endpoint: 'createTask', kind: 'nonJson' });
    const error = await failureOf(client.createTask(createTaskBodyText(params, 1)));
    expect(error).toMatchObject({ code: 'api_unexpected_response', retryable: false, submission: 'unknown', status: 200 });
  });

  it('a non-JSON error page keeps the meaning of its status', async () => {
    await setUp();
    sandbox.faults.add({ endpoint: 'createTask', kind: 'nonJson', status: 502 });
    expect(await failureOf(client.createTask(createTaskBodyText(params, 1)))).toMatchObject({ code: 'api_server_error', submission: 'not_sent', status: 502 });
  });

  it('a recordInfo body without a status is refused as unexpected, and may be asked again', async () => {
    await setUp();
    sandbox.faults.add({ endpoint: 'recordInfo', kind: 'status', status: 200, body: { taskId: 'task_x', output: null } });
    expect(await failureOf(client.recordInfo('task_x'))).toMatchObject({ code: 'api_unexpected_response', retryable: true, submission: null });
    sandbox.faults.clear();
    sandbox.faults.add({ endpoint: 'recordInfo', kind: 'nonJson' });
    expect(await failureOf(client.recordInfo('task_x'))).toMatchObject({ code: 'api_unexpected_response', retryable: true });
  });
});

describe('Kinovi client errors: the network', () => {
  it('connection refused before anything was sent: safe to resubmit', async () => {
    await setUp();
    await sandbox.close();
    const error = await failureOf(client.createTask(createTaskBodyText(params, 1)));
    expect(error).toMatchObject({ code: 'api_unreachable', retryable: true, submission: 'not_sent', status: null, details: { reason: 'ECONNREFUSED' } });
  });

  it('reset before the server accepted: the client cannot tell, so outcome unknown (and nothing was created)', async () => {
    await setUp();
    sandbox.faults.add({ endpoint: 'createTask', kind: 'reset', when: 'before', times: 1 });
    const error = await failureOf(client.createTask(createTaskBodyText(params, 1)));
    expect(error).toMatchObject({ code: 'api_unreachable', retryable: false, submission: 'unknown' });
    expect(error.message).toMatch(/may still have started/);
    expect(sandbox.stats.tasksCreated).toBe(0);
  });

  it('reset after the server accepted: the task exists but the id never arrives', async () => {
    await setUp();
    sandbox.faults.add({ endpoint: 'createTask', kind: 'reset', when: 'after', times: 1 });
    const error = await failureOf(client.createTask(createTaskBodyText(params, 1)));
    expect(error).toMatchObject({ code: 'api_unreachable', retryable: false, submission: 'unknown' });
    expect(sandbox.stats).toMatchObject({ tasksCreated: 1, tasksByPrompt: { 'a fox in deep snow': 1 } });
  });

  it('reset on recordInfo is simply retried', async () => {
    await setUp();
    const { taskId } = await client.createTask(createTaskBodyText(params, 1));
    sandbox.faults.add({ endpoint: 'recordInfo', kind: 'reset', times: 1 });
    expect(await failureOf(client.recordInfo(taskId))).toMatchObject({ code: 'api_unreachable', retryable: true, submission: null });
    await expect(client.recordInfo(taskId)).resolves.toHaveProperty('taskId', taskId);
  });

  // A server that never answers: the configured timeout is the only way these calls can end.
  it('a hanging createTask times out with the outcome unknown', async () => {
    await setUp({}, { headersTimeoutMs: 250 });
    sandbox.faults.add({ endpoint: 'createTask', kind: 'hang' });
    const error = await failureOf(client.createTask(createTaskBodyText(params, 1)));
    expect(error).toMatchObject({ code: 'api_timeout', retryable: false, submission: 'unknown', details: { reason: 'UND_ERR_HEADERS_TIMEOUT' } });
    expect(error.message).toMatch(/did not answer within/);
  });

  it('a hanging recordInfo times out and may be asked again', async () => {
    await setUp({}, { headersTimeoutMs: 250 });
    sandbox.faults.add({ endpoint: 'recordInfo', kind: 'hang' });
    expect(await failureOf(client.recordInfo('task_x'))).toMatchObject({ code: 'api_timeout', retryable: true, submission: null });
  });

  it('a slow answer beyond the timeout is a timeout', async () => {
    await setUp({}, { headersTimeoutMs: 200 });
    // The Sandbox's longest delay (10 minutes): the answer would come, but only after the test has
    // ended (close() drops it), so however slow the machine, the timeout is what ends the call.
    sandbox.faults.add({ endpoint: 'createTask', kind: 'delay', ms: 600_000 });
    expect(await failureOf(client.createTask(createTaskBodyText(params, 1)))).toMatchObject({ code: 'api_timeout', submission: 'unknown' });
    expect(sandbox.stats).toMatchObject({ createTaskCalls: 1, tasksCreated: 0 });
  });

  it('the caller can cancel a request with an AbortSignal', async () => {
    await setUp();
    sandbox.faults.add({ endpoint: 'recordInfo', kind: 'hang' });
    const controller = new AbortController();
    const call = failureOf(client.recordInfo('task_x', controller.signal));
    // Cancel once the request is at the server (which never answers), not after a guessed delay.
    await vi.waitFor(() => expect(sandbox.stats.recordInfoCalls).toBe(1), UNTIL_IT_HAPPENS);
    controller.abort();
    const error = await call;
    expect(error).toMatchObject({ code: 'api_unreachable', details: { reason: 'cancelled' } });
    const already = await failureOf(client.createTask(createTaskBodyText(params, 1), AbortSignal.abort()));
    expect(already).toMatchObject({ submission: 'not_sent' });
    expect(sandbox.stats.createTaskCalls).toBe(0);
  });

  it('an expired image answers 404', async () => {
    let now = 1_000;
    await setUp({ now: () => now });
    const { taskId } = await client.createTask(createTaskBodyText(params, 1));
    now += 60; // waitingMs + generatingMs on the Sandbox's clock: the task has succeeded
    const record = await client.recordInfo(taskId);
    expect(record.status).toBe('success');
    sandbox.faults.add({ kind: 'expired' });
    expect((await fetch(record.images[0]?.url ?? '')).status).toBe(404);
    expect(sandbox.stats.imageFetches).toBe(1);
  });
});

describe('Kinovi client errors: an answer that stops halfway', () => {
  it('createTask whose body stalls times out with the outcome unknown', async () => {
    await setUp({}, { bodyTimeoutMs: 250 });
    sandbox.faults.add({ endpoint: 'createTask', kind: 'stall' });
    const error = await failureOf(client.createTask(createTaskBodyText(params, 1)));
    expect(error).toMatchObject({ code: 'api_timeout', retryable: false, submission: 'unknown', details: { reason: 'UND_ERR_BODY_TIMEOUT' } });
    expect(sandbox.stats.tasksCreated).toBe(0);
  });
});

describe('Kinovi client after close()', () => {
  it('refuses new calls without sending anything', async () => {
    await setUp();
    await client.close();
    expect(await failureOf(client.createTask(createTaskBodyText(params, 1)))).toMatchObject({ code: 'api_unreachable', submission: 'not_sent', retryable: true });
    expect(await failureOf(client.recordInfo('task_x'))).toMatchObject({ code: 'api_unreachable', submission: null });
    await expect(client.close()).resolves.toBeUndefined();
    expect(sandbox.stats).toMatchObject({ createTaskCalls: 0, recordInfoCalls: 0 });
  });
});
