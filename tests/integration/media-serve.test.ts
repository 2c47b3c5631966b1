import { once } from 'node:events';
import { mkdirSync, writeFileSync } from 'node:fs';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import path from 'node:path';
import { Readable } from 'node:stream';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { WHOLE_FILE_MAX_BYTES } from '../../electron/core/media/media-reader.ts';
import { sendMedia, serveMedia, toWebResponse, type MediaResponse } from '../../electron/core/media/serve-media.ts';
import { makePng } from '../support/image-server.ts';
import { tempDir } from '../support/temp-dir.ts';

let library: { path: string; remove(): void };
let server: http.Server;
let port: number;
let png: Buffer;
const image = 'images/2026/11/ab/1-0.png';
/** Past the media thread's whole-file limit: streamed from its file. */
const large = 'images/2026/11/ab/3-0.png';

beforeAll(async () => {
  library = tempDir('atelier-serve-');
  png = await makePng(64, 48);
  const file = path.join(library.path, ...image.split('/'));
  mkdirSync(path.dirname(file), { recursive: true });
  writeFileSync(file, png);
  writeFileSync(path.join(library.path, ...large.split('/')), Buffer.alloc(WHOLE_FILE_MAX_BYTES + 1));
  // What the preview host does, in its few lines: the raw path after /media/, query dropped.
  server = http.createServer((req, res) => {
    const raw = (req.url ?? '').split('?')[0] ?? '';
    if (!raw.startsWith('/media/')) return void res.writeHead(404).end();
    void serveMedia(library.path, raw.slice('/media/'.length)).then((media) => sendMedia(media, res));
  });
  server.listen(0, '127.0.0.1');
  await once(server, 'listening');
  port = (server.address() as AddressInfo).port;
});
afterAll(async () => {
  server.closeAllConnections();
  await new Promise<void>((resolve) => server.close(() => resolve()));
  library.remove();
});

/** A GET with the path sent exactly as written (fetch would normalise `..` away before sending). */
function get(rawPath: string, method = 'GET'): Promise<{ status: number; headers: http.IncomingHttpHeaders; body: Buffer }> {
  return new Promise((resolve, reject) => {
    const req = http.request({ host: '127.0.0.1', port, path: rawPath, method }, (res) => {
      const chunks: Buffer[] = [];
      res.on('data', (chunk: Buffer) => chunks.push(chunk));
      res.on('end', () => resolve({ status: res.statusCode ?? 0, headers: res.headers, body: Buffer.concat(chunks) }));
    });
    req.on('error', reject);
    req.end();
  });
}

describe('serving media over HTTP (the preview host)', () => {
  it('sends a library image with type, length, nosniff and long caching', async () => {
    const res = await get(`/media/${image}?v=1`);
    expect(res.status).toBe(200);
    expect(res.headers).toMatchObject({
      'content-type': 'image/png',
      'content-length': String(png.length),
      'x-content-type-options': 'nosniff',
      'cache-control': 'private, max-age=31536000, immutable',
    });
    expect(res.body.equals(png)).toBe(true);
  });

  it('answers HEAD with the headers of GET and no body', async () => {
    const res = await get(`/media/${image}`, 'HEAD');
    expect(res.status).toBe(200);
    expect(res.headers).toMatchObject({ 'content-type': 'image/png', 'content-length': String(png.length) });
    expect(res.body.length).toBe(0);
  });

  it('sends an empty file as an empty answer', async () => {
    const empty = 'images/2026/11/ab/4-0.png';
    writeFileSync(path.join(library.path, ...empty.split('/')), '');
    const res = await get(`/media/${empty}`);
    expect(res.status).toBe(200);
    expect(res.headers['content-length']).toBe('0');
    expect(res.body.length).toBe(0);
  });

  it.each([
    ['/media/../../etc/passwd', 403],
    ['/media/%2e%2e/%2e%2e/etc/passwd', 403],
    ['/media/images/%zz.png', 400],
    ['/media/images/2026/11/ab/2-0.png', 404],
  ])('%s → %i, plain text, not cached', async (rawPath, status) => {
    const res = await get(rawPath);
    expect(res.status).toBe(status);
    expect(res.headers).toMatchObject({ 'content-type': 'text/plain; charset=utf-8', 'x-content-type-options': 'nosniff', 'cache-control': 'no-store' });
    expect(res.body.toString()).toMatch(new RegExp(`^${status} `));
  });
});

describe('a file past the whole-file limit', () => {
  it('is streamed, with its full length', async () => {
    const res = await get(`/media/${large}`);
    expect(res.status).toBe(200);
    expect(res.headers['content-length']).toBe(String(WHOLE_FILE_MAX_BYTES + 1));
    expect(res.body.length).toBe(WHOLE_FILE_MAX_BYTES + 1);
  });
});

describe('a client that leaves before the answer begins', () => {
  it('leaves no file open: a streamed file\'s handle is closed, not left for the garbage collector to find', async () => {
    // A picture scrolled out of view is cancelled while its file is being opened (bench:ui's scroll).
    const sent = new Promise<MediaResponse>((resolve) => {
      const leaving = http.createServer((req, res) => {
        res.once('close', () => {
          void serveMedia(library.path, large).then(async (media) => {
            await sendMedia(media, res);
            resolve(media);
          });
        });
        req.socket.destroy();
      });
      leaving.listen(0, '127.0.0.1', () => {
        const req = http.get({ host: '127.0.0.1', port: (leaving.address() as AddressInfo).port, path: `/media/${large}` });
        req.on('error', () => leaving.close());
      });
    });
    const media = await sent;
    expect(media.status).toBe(200);
    const body = media.body;
    if (!(body instanceof Readable)) throw new Error('a large file is streamed');
    expect(body.destroyed).toBe(true);
    await once(body, 'close');
  });
});

describe('toWebResponse (Electron protocol.handle)', () => {
  it('carries status, headers and the file bytes', async () => {
    const response = toWebResponse(await serveMedia(library.path, image));
    expect(response.status).toBe(200);
    expect(response.headers.get('content-type')).toBe('image/png');
    expect(Buffer.from(await response.arrayBuffer()).equals(png)).toBe(true);
  });

  it('carries a refusal', async () => {
    const response = toWebResponse(await serveMedia(library.path, '..%2f..%2fetc%2fpasswd'));
    expect(response.status).toBe(403);
    expect(await response.text()).toMatch(/^403 /);
  });
});
