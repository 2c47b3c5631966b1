import sharp from 'sharp';
import { describe, expect, it } from 'vitest';
import { createTaskBodyText, type KinoviClient, type KinoviClientOptions } from '../../electron/core/kinovi/index.ts';
import type { Sandbox, SandboxOptions } from '../../electron/core/sandbox/index.ts';
import { sandboxClientPerTest } from '../support/sandbox-client.ts';
import type { GenerationParams } from '../../shared/generation.ts';

const params: GenerationParams = { model: 'midjourney-v8', prompt: 'a lighthouse in a storm', aspectRatio: '16:9' };

const WAITING_MS = 20;
const GENERATING_MS = 40;

let sandbox: Sandbox;
let client: KinoviClient;
/** The Sandbox's clock: tasks move only when a test moves it. */
let now: number;
const startPair = sandboxClientPerTest({ waitingMs: WAITING_MS, generatingMs: GENERATING_MS, now: () => now });

async function setUp(sandboxOptions: SandboxOptions = {}, clientOptions: Partial<KinoviClientOptions> = {}) {
  now = 5_000;
  ({ sandbox, client } = await startPair(sandboxOptions, clientOptions));
  return { sandbox, client };
}

/** Moves the Sandbox's clock past a task's run and reads the finished record. */
async function finished(taskId: string) {
  now += WAITING_MS + GENERATING_MS;
  const record = await client.recordInfo(taskId);
  if (record.status !== 'success' && record.status !== 'fail') throw new Error(`task still ${record.status}`);
  return record;
}

describe('Kinovi client against the Sandbox: the happy path', () => {
  it('creates a task, sees it progress, and gets four images at the documented size', async () => {
    await setUp({ waitingMs: 1000, generatingMs: 1000 });
    const { taskId } = await client.createTask(createTaskBodyText(params, 1234));
    expect(taskId).toMatch(/^task_/);
    const first = await client.recordInfo(taskId);
    expect(first).toMatchObject({ status: 'waiting', images: [], error: null, createTime: 5_000, completeTime: null });
    now += 1000;
    expect((await client.recordInfo(taskId)).status).toBe('generating');
    now += 1000;
    const done = await client.recordInfo(taskId);
    expect(done).toMatchObject({ taskId, status: 'success', model: 'midjourney-v8', creditsUsed: 12, error: null });
    expect(done.images).toHaveLength(4);
    for (const image of done.images) expect(image).toMatchObject({ width: 1456, height: 816, mediaType: 'image/png' });
    expect(done.completeTime).toBe(7_000);

    const response = await fetch(done.images[2]?.url ?? '');
    expect(response.headers.get('content-type')).toBe('image/png');
    const meta = await sharp(Buffer.from(await response.arrayBuffer())).metadata();
    expect(meta).toMatchObject({ format: 'png', width: 1456, height: 816 });
  });

  it('honours flags typed in the prompt, as the real server does', async () => {
    await setUp();
    const { taskId } = await client.createTask(createTaskBodyText({ ...params, prompt: 'tall pines --ar 9:16' }, 1));
    const done = await finished(taskId);
    expect(done.images[0]).toMatchObject({ width: 816, height: 1456 });
    const meta = await sharp(Buffer.from(await (await fetch(done.images[0]?.url ?? '')).arrayBuffer())).metadata();
    expect([meta.width, meta.height]).toEqual([816, 1456]);
  });

  it('draws the same bytes for the same settings and seed, and different ones for another seed or index', async () => {
    await setUp();
    const bytes = async (seed: number, index: number) => {
      const done = await finished((await client.createTask(createTaskBodyText({ ...params, aspectRatio: '1:1' }, seed))).taskId);
      return Buffer.from(await (await fetch(done.images[index]?.url ?? '')).arrayBuffer());
    };
    const a = await bytes(7, 0);
    expect((await bytes(7, 0)).equals(a)).toBe(true);
    expect((await bytes(8, 0)).equals(a)).toBe(false);
    expect((await bytes(7, 1)).equals(a)).toBe(false);
  });

  it('reuses keep-alive connections and never opens more than the pool allows', async () => {
    await setUp({}, { connections: 3 });
    const { taskId } = await client.createTask(createTaskBodyText(params, 1));
    await Promise.all(Array.from({ length: 30 }, () => client.recordInfo(taskId)));
    for (let i = 0; i < 10; i++) await client.recordInfo(taskId);
    expect(sandbox.stats.recordInfoCalls).toBe(40);
    expect(sandbox.stats.connectionsOpened).toBeLessThanOrEqual(3);
    expect(sandbox.stats.maxRequestsInFlight).toBeLessThanOrEqual(3);
  });

  it('caps the pool at 8 connections whatever is asked', async () => {
    await setUp({}, { connections: 50 });
    const { taskId } = await client.createTask(createTaskBodyText(params, 1));
    await Promise.all(Array.from({ length: 40 }, () => client.recordInfo(taskId)));
    expect(sandbox.stats.connectionsOpened).toBeLessThanOrEqual(8);
  });

  it('reads a task that ended in failure, with its code and message', async () => {
    await setUp();
    sandbox.faults.add({ endpoint: 'createTask', kind: 'taskFails', code: 'banned_prompt_words', message: 'The prompt contains banned words' });
    const done = await finished((await client.createTask(createTaskBodyText(params, 1))).taskId);
    expect(done).toMatchObject({ status: 'fail', images: [], error: { code: 'banned_prompt_words', message: 'The prompt contains banned words' } });
  });

  it('waits out a slow answer that comes within the timeout', async () => {
    // The default 30 s timeout against a 150 ms delay: 200 times the delay, more than the stress
    // run's load stretches any step, so only a client that gives up early can fail this.
    await setUp();
    sandbox.faults.add({ endpoint: 'createTask', kind: 'delay', ms: 150 });
    const started = performance.now();
    await expect(client.createTask(createTaskBodyText(params, 1))).resolves.toMatchObject({ taskId: expect.stringMatching(/^task_/) });
    // A Node timer may fire up to a millisecond before its time by the monotonic clock: a little slack.
    expect(performance.now() - started).toBeGreaterThanOrEqual(140);
  });

  it('parses recordInfo tolerantly: string errors, null sizes, fractional credits, unknown fields', async () => {
    await setUp();
    sandbox.faults.add({
      endpoint: 'recordInfo',
      kind: 'status',
      status: 200,
      times: 1,
      body: { taskId: 'task_x', status: 'fail', creditsUsed: 11.5, output: null, error: 'Service temporarily unavailable', createTime: 5, completeTime: null, shiny: true },
    });
    expect(await client.recordInfo('task_x')).toEqual({
      taskId: 'task_x', model: null, status: 'fail', creditsUsed: 11.5, images: [], error: { code: null, message: 'Service temporarily unavailable' }, createTime: 5, completeTime: null,
    });
    sandbox.faults.add({
      endpoint: 'recordInfo',
      kind: 'status',
      status: 200,
      times: 1,
      body: { taskId: 'task_y', status: 'success', creditsUsed: 12, output: [{ url: 'https://x.test/a.png', width: null, height: null }], error: { code: 500, message: 'x' } },
    });
    const record = await client.recordInfo('task_y');
    expect(record.images).toEqual([{ url: 'https://x.test/a.png', width: null, height: null, mediaType: null }]);
    expect(record.error).toEqual({ code: '500', message: 'x' });
  });
});
