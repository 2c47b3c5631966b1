/**
 * The Sandbox's HTTP front: the documented Kinovi endpoints under /api/v1 (tasks and uploads),
 * the image and uploaded files, the upload PUT addresses, and — only when a test asked for them — /_sandbox/* control endpoints.
 */
import type { IncomingMessage, ServerResponse } from 'node:http';
import { z } from 'zod';
import { sameSecret } from '../same-secret.ts';
import { concurrencyMessage, documentedBody, type Fault, type FaultEndpoint, type Faults } from './faults.ts';
import type { SandboxStats } from './stats.ts';
import type { TaskStore } from './tasks.ts';
import { looksLike, UPLOAD_MAX_BYTES, UPLOAD_SLOT_MS, type UploadStore } from './uploads.ts';
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
  uploads: UploadStore;
  /** The Sandbox's clock (uploads expire by it). */
  now: () => number;
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

async function createUpload(ctx: SandboxContext, req: IncomingMessage, res: ServerResponse): Promise<void> {
  ctx.stats.uploadCalls += 1;
  const fileName = (parseJson(await readBody(req)) as { fileName?: unknown } | undefined)?.fileName;
  if (await actOut(ctx, ctx.faults.take('upload', typeof fileName === 'string' ? fileName : undefined), req, res)) return;
  if (!authorized(ctx, req)) return sendJson(res, 401, { message: 'Invalid API Key' });
  const upload = ctx.uploads.create(fileName);
  if ('refused' in upload) return sendJson(res, 400, { message: 'Invalid inputs', errors: [{ field: 'fileName', message: upload.refused }] });
  sendJson(res, 200, {
    uploadId: upload.id,
    uploadUrl: `${ctx.origin()}/upload-slots/${upload.id}?token=${upload.putToken}`,
    url: `${ctx.origin()}/uploads/${upload.id}/${encodeURIComponent(upload.fileName)}`,
    contentType: upload.contentType,
    expiresAt: upload.expiresAt,
  });
}

/** The PUT of an upload's bytes: no key (Kinovi's upload address carries its own token), once, bounded, an image of the announced type. */
async function putUpload(ctx: SandboxContext, url: URL, id: string, req: IncomingMessage, res: ServerResponse): Promise<void> {
  ctx.stats.uploadPuts += 1;
  if (Object.values(req.headers).some((value) => [value ?? ''].flat().some((text) => text.includes(ctx.apiKey)))) ctx.stats.uploadPutsWithKey += 1;
  const upload = ctx.uploads.get(id);
  if (await actOut(ctx, ctx.faults.take('uploadPut', upload?.fileName), req, res)) return;
  if (!upload || !sameSecret(url.searchParams.get('token') ?? undefined, upload.putToken)) return sendJson(res, 403, { message: 'Invalid upload address' });
  if (upload.bytes !== null) return sendJson(res, 409, { message: 'This upload already has its file' });
  if (ctx.now() > upload.createdAt + UPLOAD_SLOT_MS) return sendJson(res, 403, { message: 'The upload address has expired' });
  if (req.headers['content-type'] !== upload.contentType) return sendJson(res, 415, { message: `Content-Type must be ${upload.contentType}` });
  const declared = Number(req.headers['content-length'] ?? Number.NaN);
  if (declared > UPLOAD_MAX_BYTES) return tooLarge(res);
  const bytes = await readBytes(req, UPLOAD_MAX_BYTES);
  if (bytes === null) return tooLarge(res);
  if (!looksLike(upload.contentType, bytes)) return sendJson(res, 415, { message: `The file is not a ${upload.contentType} image` });
  upload.bytes = bytes;
  sendJson(res, 200, { uploadId: upload.id, bytes: bytes.length });
}

function tooLarge(res: ServerResponse): void {
  // The rest of the body is not read: the connection closes after this answer.
  res.setHeader('connection', 'close');
  sendJson(res, 413, { message: `The file is larger than ${UPLOAD_MAX_BYTES} bytes` });
}

/** The whole body, or null as soon as it passes `max` bytes. */
function readBytes(req: IncomingMessage, max: number): Promise<Buffer | null> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    let size = 0;
    const onData = (chunk: Buffer) => {
      size += chunk.length;
      if (size <= max) return void chunks.push(chunk);
      req.off('data', onData);
      req.pause();
      resolve(null);
    };
    req.on('data', onData);
    req.on('end', () => resolve(Buffer.concat(chunks)));
    req.on('error', reject);
  });
}

/** An uploaded file, served without a key (like Kinovi's public upload URLs) until its 24 hours are over. */
async function uploadedFile(ctx: SandboxContext, id: string, req: IncomingMessage, res: ServerResponse): Promise<void> {
  ctx.stats.uploadFetches += 1;
  const upload = ctx.uploads.get(id);
  if (await actOut(ctx, ctx.faults.take('uploadFile', upload?.fileName), req, res)) return;
  if (!upload || upload.bytes === null || ctx.uploads.expired(upload)) return sendJson(res, 404, { message: 'File not found' });
  const maxAge = Math.max(0, Math.floor((upload.expiresAt - ctx.now()) / 1000));
  res.writeHead(200, { 'content-type': upload.contentType, 'content-length': upload.bytes.length, 'cache-control': `public, max-age=${maxAge}` });
  res.end(upload.bytes);
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
    if (path === `${API_PREFIX}/uploads` && req.method === 'POST') return await createUpload(ctx, req, res);
    const reading = req.method === 'GET' || req.method === 'HEAD';
    // HEAD answers like GET without the body (node:http drops it): how Atelier checks a URL is still alive.
    if (path.startsWith('/files/') && reading) return await imageFile(ctx, path.slice('/files/'.length), req, res);
    const slot = /^\/upload-slots\/(upl_[0-9a-f]+)$/.exec(path);
    if (slot && req.method === 'PUT') return await putUpload(ctx, url, slot[1] ?? '', req, res);
    const uploaded = /^\/uploads\/(upl_[0-9a-f]+)\/[^/]+$/.exec(path);
    if (uploaded && reading) return await uploadedFile(ctx, uploaded[1] ?? '', req, res);
    sendJson(res, 404, { message: 'Not found' });
  } catch (error) {
    if (!res.headersSent && !res.destroyed) sendJson(res, 500, { message: 'Sandbox error', detail: String(error) });
  }
}

export type { FaultEndpoint };
