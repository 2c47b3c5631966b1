import sharp from 'sharp';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { CONTROL_SECRET_HEADER, imageSizes, startSandbox, type Sandbox } from '../../electron/core/sandbox/index.ts';
import { startCore } from '../../electron/core/app.ts';
import { readLaunchConfig } from '../../electron/core/config.ts';
import { aspectRatios } from '../../shared/generation.ts';
import { rawRequest } from '../support/raw-http.ts';
import { failOnUncaughtErrors } from '../support/no-uncaught-errors.ts';
import { tempDir } from '../support/temp-dir.ts';
import { UNTIL_IT_HAPPENS } from '../support/stuck-wait.ts';

let sandbox: Sandbox;
afterEach(async () => {
  await sandbox?.close();
});

const origin = () => new URL(sandbox.baseUrl).origin;

function api(path: string, init: { method?: string; body?: unknown; key?: string | null } = {}) {
  const headers: Record<string, string> = { 'content-type': 'application/json' };
  const key = init.key === undefined ? sandbox.apiKey : init.key;
  if (key !== null) headers.authorization = `Bearer ${key}`;
  return fetch(`${sandbox.baseUrl}${path}`, {
    method: init.method ?? 'GET',
    headers,
    ...(init.body === undefined ? {} : { body: typeof init.body === 'string' ? init.body : JSON.stringify(init.body) }),
  });
}

const createBody = (prompt = 'amber dunes', extra: Record<string, unknown> = {}) => ({ model: 'midjourney-v7', inputs: { prompt, seed: 3, ...extra } });

async function create(prompt?: string, extra?: Record<string, unknown>): Promise<string> {
  const response = await api('/jobs/createTask', { method: 'POST', body: createBody(prompt, extra) });
  expect(response.status).toBe(200);
  return ((await response.json()) as { taskId: string }).taskId;
}

describe('Sandbox: the documented API', () => {
  it('listens on 127.0.0.1 under /api/v1 and answers a wrong or missing key with 401', async () => {
    sandbox = await startSandbox({ apiKey: 'k1' });
    expect(sandbox.baseUrl).toMatch(/^http:\/\/127\.0\.0\.1:\d+\/api\/v1$/);
    expect(sandbox.apiKey).toBe('k1');
    for (const key of [null, 'k2', '']) {
      const response = await api('/jobs/createTask', { method: 'POST', body: createBody(), key });
      expect(response.status).toBe(401);
      expect(await response.json()).toEqual({ message: 'Invalid API Key' });
    }
    expect((await api('/jobs/recordInfo?taskId=x', { key: 'k2' })).status).toBe(401);
  });

  it('answers an invalid body with 400 and the list of fields', async () => {
    sandbox = await startSandbox();
    const response = await api('/jobs/createTask', { method: 'POST', body: createBody('x', { stylize: 1001, aspectRatio: null }) });
    expect(response.status).toBe(400);
    expect(await response.json()).toEqual({
      message: 'Invalid inputs for model',
      errors: [
        { field: 'inputs.aspectRatio', message: expect.any(String) },
        { field: 'inputs.stylize', message: 'must be an integer from 0 to 1000' },
      ],
    });
    expect((await api('/jobs/createTask', { method: 'POST', body: '{not json' })).status).toBe(400);
    expect(sandbox.stats.tasksCreated).toBe(0);
  });

  it('moves a task waiting → generating → success on its clock, with output only at the end', async () => {
    let now = 1_000_000;
    sandbox = await startSandbox({ waitingMs: 1000, generatingMs: 2000, now: () => now });
    const taskId = await create('amber dunes --ar 21:9');
    const read = async () => (await (await api(`/jobs/recordInfo?taskId=${taskId}`)).json()) as Record<string, unknown>;
    expect(await read()).toEqual({
      taskId, model: 'midjourney-v7', status: 'waiting', creditsUsed: 12, output: null, error: null, createTime: 1_000_000, completeTime: null,
    });
    now += 1000;
    expect(await read()).toMatchObject({ status: 'generating', output: null });
    expect((await fetch(`${origin()}/files/${taskId}-0.png`)).status).toBe(404);
    now += 2000;
    const done = await read();
    expect(done).toMatchObject({ status: 'success', completeTime: 1_003_000 });
    expect(done.output).toEqual([0, 1, 2, 3].map((i) => ({ url: `${origin()}/files/${taskId}-${i}.png`, width: 1680, height: 720, mediaType: 'image/png' })));
  });

  it('answers 404 for an unknown task', async () => {
    sandbox = await startSandbox();
    const response = await api('/jobs/recordInfo?taskId=task_nope');
    expect(response.status).toBe(404);
    expect(await response.json()).toEqual({ message: 'Task not found' });
  });

  it('enforces the concurrency limit with the documented 429 until a task finishes', async () => {
    let now = 0;
    sandbox = await startSandbox({ concurrencyLimit: 3, waitingMs: 10, generatingMs: 10, now: () => now });
    for (let i = 0; i < 3; i++) await create(`p${i}`);
    const busy = await api('/jobs/createTask', { method: 'POST', body: createBody() });
    expect(busy.status).toBe(429);
    expect(await busy.json()).toEqual({ message: expect.stringMatching(/^Concurrency limit reached \(3\)/), limit: 3, current: 3 });
    now = 20;
    await create('after the others');
    expect(sandbox.stats).toMatchObject({ createTaskCalls: 5, tasksCreated: 4 });
  });

  it('renders four distinct PNGs at the documented size for every aspect ratio, quickly', async () => {
    sandbox = await startSandbox({ waitingMs: 0, generatingMs: 0 });
    for (const ratio of aspectRatios) {
      const taskId = await create(`size check ${ratio}`, { aspectRatio: ratio });
      // "quickly" in this process's own CPU time, which other work on the machine does not stretch
      const started = process.cpuUsage();
      const response = await fetch(`${origin()}/files/${taskId}-3.png`);
      const used = process.cpuUsage(started);
      expect((used.user + used.system) / 1000).toBeLessThan(1500);
      expect(response.headers.get('content-type')).toBe('image/png');
      const meta = await sharp(Buffer.from(await response.arrayBuffer())).metadata();
      expect({ width: meta.width, height: meta.height }).toEqual(imageSizes[ratio]);
    }
    const taskId = await create('four of a kind');
    const images = await Promise.all([0, 1, 2, 3].map(async (i) => Buffer.from(await (await fetch(`${origin()}/files/${taskId}-${i}.png`)).arrayBuffer())));
    expect(new Set(images.map((image) => image.toString('base64'))).size).toBe(4);
    expect((await fetch(`${origin()}/files/${taskId}-4.png`)).status).toBe(404);
  });

  it('counts connections, calls, submissions per prompt and image fetches', async () => {
    sandbox = await startSandbox({ waitingMs: 0, generatingMs: 0 });
    const taskId = await create('counted');
    await create('counted');
    await api(`/jobs/recordInfo?taskId=${taskId}`);
    await fetch(`${origin()}/files/${taskId}-0.png`);
    expect(sandbox.stats).toMatchObject({ createTaskCalls: 2, tasksCreated: 2, tasksByPrompt: { counted: 2 }, recordInfoCalls: 1, imageFetches: 1 });
    expect(sandbox.stats.connectionsOpened).toBeGreaterThanOrEqual(1);
    expect(sandbox.stats.maxRequestsInFlight).toBeGreaterThanOrEqual(1);
    sandbox.resetStats();
    expect(sandbox.stats).toMatchObject({ createTaskCalls: 0, tasksCreated: 0, tasksByPrompt: {} });
  });
});

describe('Sandbox: control over HTTP', () => {
  /** A control request as a test sends it: this run's secret in its header unless told otherwise (null: no header). */
  const control = (path: string, method = 'GET', body?: unknown, secret: string | null = sandbox.controlSecret ?? null) =>
    fetch(`${origin()}/_sandbox/${path}`, {
      method,
      headers: { 'content-type': 'application/json', ...(secret === null ? {} : { [CONTROL_SECRET_HEADER]: secret }) },
      ...(body === undefined ? {} : { body: JSON.stringify(body) }),
    });

  it('does not exist unless a test asks for it in code: the product Sandbox answers /_sandbox/* with 404 and no CORS header', async () => {
    sandbox = await startSandbox();
    expect(sandbox.controlSecret).toBeUndefined();
    await create('a secret prompt');
    for (const [path, method] of [['stats', 'GET'], ['faults', 'GET'], ['faults', 'POST'], ['faults', 'DELETE'], ['stats', 'OPTIONS']] as const) {
      const response = await fetch(`${origin()}/_sandbox/${path}`, {
        method,
        headers: { origin: 'http://evil.example', 'access-control-request-method': 'POST' },
        ...(method === 'POST' ? { body: JSON.stringify({ kind: 'hang' }) } : {}),
      });
      expect(response.status, `${method} ${path}`).toBe(404);
      expect(response.headers.get('access-control-allow-origin'), `${method} ${path}`).toBeNull();
      expect(await response.text()).not.toContain('a secret prompt');
    }
    expect(sandbox.faults.list()).toEqual([]);
  });

  it('is not exposed by a core started as the desktop app and the preview start it', async () => {
    const dir = tempDir();
    const core = await startCore({ ...readLaunchConfig({ ATELIER_DATA_DIR: dir.path }), version: '0.0.0-test', shell: 'preview' });
    try {
      const productSandbox = core.provider.sandbox;
      expect(productSandbox?.controlSecret).toBeUndefined();
      const response = await fetch(`${new URL(productSandbox?.baseUrl ?? '').origin}/_sandbox/stats`);
      expect(response.status).toBe(404);
      expect(response.headers.get('access-control-allow-origin')).toBeNull();
    } finally {
      await core.close();
      dir.remove();
    }
  });

  it('with controls on, refuses a request without this run\'s secret, and never sends a CORS header', async () => {
    sandbox = await startSandbox({ controls: true });
    expect(sandbox.controlSecret).toEqual(expect.any(String));
    const other = await startSandbox({ controls: true });
    const otherSecret = other.controlSecret ?? '';
    await other.close();
    expect(otherSecret).not.toBe(sandbox.controlSecret);
    for (const secret of [null, '', 'guess', otherSecret]) {
      const response = await control('faults', 'POST', { kind: 'hang' }, secret);
      expect(response.status).toBe(403);
      expect(response.headers.get('access-control-allow-origin')).toBeNull();
    }
    expect(sandbox.faults.list()).toEqual([]);
    const preflight = await fetch(`${origin()}/_sandbox/faults`, { method: 'OPTIONS', headers: { origin: 'http://evil.example', 'access-control-request-method': 'POST' } });
    expect(preflight.headers.get('access-control-allow-origin')).toBeNull();
    const allowed = await control('stats');
    expect(allowed.status).toBe(200);
    expect(allowed.headers.get('access-control-allow-origin')).toBeNull();
  });

  it('arms faults with POST /_sandbox/faults, lists and clears them, and reports stats', async () => {
    sandbox = await startSandbox({ controls: true });

    const added = await control('faults', 'POST', { endpoint: 'createTask', kind: 'status', status: 500, times: 1, promptContains: 'storm' });
    expect(added.status).toBe(201);
    expect(await added.json()).toMatchObject({ id: expect.any(String), kind: 'status', status: 500, times: 1 });
    expect((await api('/jobs/createTask', { method: 'POST', body: createBody('calm sea') })).status).toBe(200);
    expect((await api('/jobs/createTask', { method: 'POST', body: createBody('storm') })).status).toBe(500);
    expect((await api('/jobs/createTask', { method: 'POST', body: createBody('storm') })).status).toBe(200);

    const both = await control('faults', 'POST', [{ kind: 'status', status: 402 }, { kind: 'expired' }]);
    expect(((await both.json()) as unknown[]).length).toBe(2);
    expect(((await (await control('faults')).json()) as unknown[]).length).toBe(2);
    const credits = await api('/jobs/createTask', { method: 'POST', body: createBody() });
    expect(await credits.json()).toEqual({ message: 'Insufficient credits', required: 12, available: 0 });
    expect((await control('faults', 'DELETE')).status).toBe(200);
    expect(await (await control('faults')).json()).toEqual([]);

    const stats = (await (await control('stats')).json()) as Record<string, unknown>;
    expect(stats).toMatchObject({ createTaskCalls: 4, tasksCreated: 2, running: 2 });
    await control('stats', 'DELETE');
    expect(sandbox.stats.createTaskCalls).toBe(0);
  });

  it('refuses a malformed fault with 400 and says why', async () => {
    sandbox = await startSandbox({ controls: true });
    const response = await control('faults', 'POST', { kind: 'explode' });
    expect(response.status).toBe(400);
    expect(await response.json()).toMatchObject({ message: 'Invalid fault', issues: [expect.stringContaining('kind')] });
    expect(sandbox.faults.list()).toEqual([]);
  });

  it('closes promptly even with a request left hanging', async () => {
    sandbox = await startSandbox();
    sandbox.faults.add({ kind: 'hang' });
    const pending = api('/jobs/createTask', { method: 'POST', body: createBody() }).then(
      () => 'answered',
      () => 'dropped',
    );
    await vi.waitFor(() => expect(sandbox.stats.requestsInFlight).toBe(1), UNTIL_IT_HAPPENS);
    // closing does not wait for the request, which would never end: the test's own timeout is the bound
    await sandbox.close();
    expect(await pending).toBe('dropped');
  });
});

describe('Sandbox: requests no URL can be read from', () => {
  failOnUncaughtErrors();
  it('answers a request line like GET //x:99999/ with 400 and keeps serving', async () => {
    sandbox = await startSandbox();
    const { port } = new URL(sandbox.baseUrl);
    for (const target of ['//x:99999/', '//[bad/', 'http://a b/']) {
      expect(await rawRequest(Number(port), `GET ${target} HTTP/1.1\r\nHost: 127.0.0.1\r\nConnection: close\r\n\r\n`), target).toMatch(/^HTTP\/1\.1 400 /);
    }
    await create('still here');
  });
});
