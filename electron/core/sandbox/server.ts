/**
 * The Sandbox's HTTP front: the two documented Kinovi endpoints under /api/v1, the
 * image files, and — only when a test asked for them — /_sandbox/* control endpoints.
 */
import type { IncomingMessage, ServerResponse } from 'node:http';
import { z } from 'zod';
import { sameSecret } from '../same-secret.ts';
import { concurrencyMessage, documentedBody, type Fault, type FaultEndpoint, type Faults } from './faults.ts';
import type { SandboxStats } from './stats.ts';
import type { TaskStore } from './tasks.ts';
import { checkCreateTask } from './validate.ts';

export const API_PREFIX = '/api/v1';
/** The header a control request carries the Sandbox's per-run control secret in. */
export const CONTROL_SECRET_HEADER = 'x-sandbox-control';

export interface SandboxContext {
  apiKey: string;
  /** Set only when a test started the Sandbox with `controls`; otherwise /_sandbox/* does not exist. */
  controlSecret: string | undefined;
  concurrencyLimit: number;
  origin: () => string;
  faults: Faults;
  tasks: TaskStore;
  stats: SandboxStats;
  resetStats: () => void;
  /** Delays still pending, so close() can cancel them. */
  timers: Set<NodeJS.Timeout>;
}

const MAX_BODY_BYTES = 1024 * 1024;

function sendJson(res: ServerResponse, status: number, body: unknown): void {
  const text = JSON.stringify(body);
  res.writeHead(status, { 'content-type': 'application/json; charset=utf-8', 'content-length': Buffer.byteLength(text) });
  res.end(text);
}

function readBody(req: IncomingMessage): Promise<string> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    let size = 0;
    req.on('data', (chunk: Buffer) => {
      size += chunk.length;
      if (size > MAX_BODY_BYTES) req.destroy(new Error('body too large'));
      else chunks.push(chunk);
    });
    req.on('end', () => resolve(Buffer.concat(chunks).toString('utf8')));
    req.on('error', reject);
  });
}

function parseJson(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    return undefined;
  }
}

function wait(ctx: SandboxContext, ms: number): Promise<void> {
  return new Promise((resolve) => {
    const timer = setTimeout(() => {
      ctx.timers.delete(timer);
      resolve();
    }, ms);
    ctx.timers.add(timer);
  });
}

/**
 * Acts out the network-level part of a fault. Returns true when the request has been
 * dealt with (answered, dropped or left hanging) and normal handling must stop.
 */
async function actOut(ctx: SandboxContext, fault: Fault | undefined, req: IncomingMessage, res: ServerResponse): Promise<boolean> {
  if (!fault) return false;
  switch (fault.kind) {
    case 'status':
      sendJson(res, fault.status, fault.body ?? documentedBody(fault.status, ctx.concurrencyLimit));
      return true;
    case 'nonJson':
      res.writeHead(fault.status, { 'content-type': 'text/html' });
      res.end(fault.text);
      return true;
    case 'hang':
      return true;
    case 'stall':
      res.writeHead(200, { 'content-type': 'application/json' });
      res.write('{"taskId":"task_');
      return true;
    case 'reset':
      if (fault.when === 'before') {
        req.socket.destroy();
        return true;
      }
      return false;
    case 'expired':
      sendJson(res, 404, { message: 'File not found' });
      return true;
    case 'delay':
      await wait(ctx, fault.ms);
      return false;
    case 'taskFails':
      return false;
  }
}

const authorized = (ctx: SandboxContext, req: IncomingMessage) => req.headers.authorization === `Bearer ${ctx.apiKey}`;

async function createTask(ctx: SandboxContext, req: IncomingMessage, res: ServerResponse): Promise<void> {
  ctx.stats.createTaskCalls += 1;
  const body = parseJson(await readBody(req));
  const prompt = (body as { inputs?: { prompt?: unknown } } | undefined)?.inputs?.prompt;
  const fault = ctx.faults.take('createTask', typeof prompt === 'string' ? prompt : undefined);
  if (await actOut(ctx, fault, req, res)) return;
  if (!authorized(ctx, req)) return sendJson(res, 401, { message: 'Invalid API Key' });
  const check = checkCreateTask(body);
  if (!check.ok) return sendJson(res, 400, { message: 'Invalid inputs for model', errors: check.errors });
  const current = ctx.tasks.running();
  if (current >= ctx.concurrencyLimit) {
    return sendJson(res, 429, { message: concurrencyMessage(ctx.concurrencyLimit), limit: ctx.concurrencyLimit, current });
  }
  const failWith = fault?.kind === 'taskFails' ? { code: fault.code, message: fault.message } : null;
  const task = ctx.tasks.create(check.params, check.seed, failWith);
  ctx.stats.tasksCreated += 1;
  ctx.stats.tasksByPrompt[check.params.prompt] = (ctx.stats.tasksByPrompt[check.params.prompt] ?? 0) + 1;
  // The "outcome unknown" case: the task exists and is charged, but the answer never arrives.
  if (fault?.kind === 'reset' && fault.when === 'after') return void req.socket.destroy();
  sendJson(res, 200, { taskId: task.taskId });
}

async function recordInfo(ctx: SandboxContext, url: URL, req: IncomingMessage, res: ServerResponse): Promise<void> {
  ctx.stats.recordInfoCalls += 1;
  const task = ctx.tasks.get(url.searchParams.get('taskId') ?? '');
  if (await actOut(ctx, ctx.faults.take('recordInfo', task?.params.prompt), req, res)) return;
  if (!authorized(ctx, req)) return sendJson(res, 401, { message: 'Invalid API Key' });
  if (!task) return sendJson(res, 404, { message: 'Task not found' });
  sendJson(res, 200, ctx.tasks.recordInfo(task, `${ctx.origin()}/files`));
}

async function imageFile(ctx: SandboxContext, name: string, req: IncomingMessage, res: ServerResponse): Promise<void> {
  ctx.stats.imageFetches += 1;
  const match = /^(task_[0-9a-f]+)-([0-3])\.png$/.exec(name);
  const task = match ? ctx.tasks.get(match[1] ?? '') : undefined;
  if (await actOut(ctx, ctx.faults.take('image', task?.params.prompt), req, res)) return;
  if (!task || ctx.tasks.status(task) !== 'success') return sendJson(res, 404, { message: 'File not found' });
  const bytes = await ctx.tasks.image(task, Number(match?.[2]));
  res.writeHead(200, { 'content-type': 'image/png', 'content-length': bytes.length, 'cache-control': 'public, max-age=1209600' });
  res.end(bytes);
}

async function control(ctx: SandboxContext, path: string, req: IncomingMessage, res: ServerResponse): Promise<void> {
  if (path === '/_sandbox/faults' && req.method === 'POST') {
    const parsed = parseJson(await readBody(req));
    try {
      const added = (Array.isArray(parsed) ? parsed : [parsed]).map((input) => ctx.faults.add(input as Parameters<Faults['add']>[0]));
      return sendJson(res, 201, Array.isArray(parsed) ? added : added[0]);
    } catch (error) {
      const issues = error instanceof z.ZodError ? error.issues.map((issue) => `${issue.path.join('.')}: ${issue.message}`) : [];
      return sendJson(res, 400, { message: 'Invalid fault', issues });
    }
  }
  if (path === '/_sandbox/faults' && req.method === 'DELETE') {
    ctx.faults.clear();
    return sendJson(res, 200, { cleared: true });
  }
  if (path === '/_sandbox/faults' && req.method === 'GET') return sendJson(res, 200, ctx.faults.list());
  if (path === '/_sandbox/stats' && req.method === 'GET') return sendJson(res, 200, { ...ctx.stats, running: ctx.tasks.running() });
  if (path === '/_sandbox/stats' && req.method === 'DELETE') {
    ctx.resetStats();
    return sendJson(res, 200, { reset: true });
  }
  sendJson(res, 404, { message: 'Not found' });
}

/** Routes one request; the Sandbox never lets an error escape as a crash. */
export async function handleRequest(ctx: SandboxContext, req: IncomingMessage, res: ServerResponse): Promise<void> {
  const url = URL.parse(req.url ?? '/', 'http://sandbox.invalid');
  // A request line no URL can be read from (`GET //x:99999/`) is answered, not thrown: it must not stop the core.
  if (!url) return sendJson(res, 400, { message: 'Bad request' });
  const path = url.pathname;
  try {
    // No CORS header anywhere: a web page must never read or drive the Sandbox (it holds the artist's prompts).
    if (path.startsWith('/_sandbox/') && ctx.controlSecret !== undefined) {
      if (!sameSecret(req.headers[CONTROL_SECRET_HEADER], ctx.controlSecret)) return sendJson(res, 403, { message: 'Sandbox controls need this run\'s control secret' });
      return await control(ctx, path, req, res);
    }
    if (path === `${API_PREFIX}/jobs/createTask` && req.method === 'POST') return await createTask(ctx, req, res);
    if (path === `${API_PREFIX}/jobs/recordInfo` && req.method === 'GET') return await recordInfo(ctx, url, req, res);
    if (path.startsWith('/files/') && req.method === 'GET') return await imageFile(ctx, path.slice('/files/'.length), req, res);
    sendJson(res, 404, { message: 'Not found' });
  } catch (error) {
    if (!res.headersSent && !res.destroyed) sendJson(res, 500, { message: 'Sandbox error', detail: String(error) });
  }
}

export type { FaultEndpoint };
