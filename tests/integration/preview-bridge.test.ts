import { mkdirSync, writeFileSync } from 'node:fs';
import { get } from 'node:http';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import WebSocket from 'ws';
import { startCore, type Core } from '../../electron/core/app.ts';
import { imagePath, toAbsolutePath } from '../../electron/core/media/layout.ts';
import { startPreviewHost, type PreviewHost } from '../../electron/preview/host.ts';
import { tempDir } from '../support/temp-dir.ts';

/** Opens a bridge socket; resolves with the socket or the HTTP status the host refused it with. */
function connect(url: string, origin: string | undefined): Promise<{ ws?: WebSocket; status?: number }> {
  return new Promise((resolve) => {
    const ws = new WebSocket(url, origin === undefined ? {} : { origin });
    ws.on('open', () => resolve({ ws }));
    ws.on('unexpected-response', (_req, res) => resolve({ status: res.statusCode }));
    ws.on('error', () => resolve({}));
  });
}

/** A GET with the path exactly as given: fetch() would normalise `%2e%2e` away before sending. */
function rawStatus(port: number, rawPath: string): Promise<number> {
  return new Promise((resolve, reject) => {
    get({ host: '127.0.0.1', port, path: rawPath }, (res) => {
      res.resume();
      resolve(res.statusCode ?? 0);
    }).on('error', reject);
  });
}

function ask(ws: WebSocket, frame: unknown): Promise<unknown> {
  return new Promise((resolve) => {
    ws.once('message', (data) => resolve(JSON.parse(data.toString())));
    ws.send(JSON.stringify(frame));
  });
}

describe('preview bridge', () => {
  const dir = tempDir();
  let core: Core;
  let host: PreviewHost;
  beforeAll(async () => {
    // A stand-in renderer folder, so this test does not depend on a build having run.
    const rendererDir = path.join(dir.path, 'renderer');
    mkdirSync(rendererDir);
    writeFileSync(path.join(rendererDir, 'index.html'), '<!doctype html><title>Atelier</title>');
    writeFileSync(path.join(dir.path, 'secret.json'), '{}');
    core = await startCore({ dataDir: path.join(dir.path, 'library'), version: '1.2.3', shell: 'preview' });
    host = await startPreviewHost({ core, rendererDir });
  });
  afterAll(async () => {
    await host.close();
    await core.close();
    dir.remove();
  });

  const bridge = (token: string) => `ws://127.0.0.1:${host.port}/bridge?token=${encodeURIComponent(token)}`;

  it('refuses a connection without the token', async () => {
    expect(await connect(`ws://127.0.0.1:${host.port}/bridge`, host.origin)).toEqual({ status: 401 });
    expect(await connect(bridge('wrong-token'), host.origin)).toEqual({ status: 401 });
  });

  it('refuses a connection from another origin, or with no origin, even with the token', async () => {
    expect(await connect(bridge(host.token), 'http://evil.example')).toEqual({ status: 403 });
    expect(await connect(bridge(host.token), `http://localhost:${host.port}`)).toEqual({ status: 403 });
    expect(await connect(bridge(host.token), undefined)).toEqual({ status: 403 });
  });

  it('carries requests for the page of its own origin holding the token', async () => {
    const { ws } = await connect(bridge(host.token), host.origin);
    expect(ws).toBeDefined();
    if (!ws) return;
    const answer = await ask(ws, { kind: 'request', id: 7, channel: 'app:info' });
    expect(answer).toMatchObject({ kind: 'result', id: 7, result: { ok: true, value: { version: '1.2.3', shell: 'preview' } } });
    const invalid = await ask(ws, { kind: 'request', id: 8, channel: 'app:info', input: { nope: 1 } });
    expect(invalid).toMatchObject({ kind: 'result', id: 8, result: { ok: false, error: { code: 'invalid_input' } } });
    ws.close();
  });

  it('closes the socket on a frame that is not a request', async () => {
    const { ws } = await connect(bridge(host.token), host.origin);
    if (!ws) throw new Error('no socket');
    const code = await new Promise<number>((resolve) => {
      ws.on('close', (c) => resolve(c));
      ws.send('not json at all');
    });
    expect(code).toBe(1003);
  });

  it('serves the renderer but nothing outside it', async () => {
    expect((await fetch(`${host.origin}/`)).status).toBe(200);
    expect(await (await fetch(`${host.origin}/`)).text()).toContain('<title>Atelier</title>');
    expect((await fetch(`${host.origin}/%2e%2e/secret.json`)).status).toBe(404);
    expect((await fetch(`${host.origin}/..%2fsecret.json`)).status).toBe(404);
    expect((await fetch(`${host.origin}/missing.js`)).status).toBe(404);
    expect((await fetch(`${host.origin}/`, { method: 'POST' })).status).toBe(405);
  });

  it('serves library images under /media/ through the media gate, and nothing outside the library', async () => {
    const relative = imagePath({ generationId: 1, index: 0, createdAt: Date.UTC(2026, 10, 23) });
    const file = toAbsolutePath(core.dataDir, relative);
    mkdirSync(path.dirname(file), { recursive: true });
    const png = Buffer.from('89504e470d0a1a0a', 'hex');
    writeFileSync(file, png);
    const ok = await fetch(`${host.origin}/media/${relative}`);
    expect(ok.status).toBe(200);
    expect(ok.headers.get('content-type')).toBe('image/png');
    expect(Buffer.from(await ok.arrayBuffer())).toEqual(png);
    expect((await fetch(`${host.origin}/media/images/2026/11/00/9-9.png`)).status).toBe(404);
    for (const escape of ['..%2fsecret.json', '%2e%2e/%2e%2e/secret.json', '../../secret.json', '%2e%2e%2f%2e%2e%2fsecret.json', 'library.sqlite']) {
      expect(await rawStatus(host.port, `/media/${escape}`), escape).toBe(403);
    }
    expect(await rawStatus(host.port, '/media/%zz')).toBe(400);
  });
});
