import { createHash } from 'node:crypto';
import { readdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import sharp from 'sharp';
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { downloadImage, type DownloadRequest } from '../../electron/core/media/download.ts';
import { imagePath, thumbnailPathFor, toAbsolutePath } from '../../electron/core/media/layout.ts';
import { readPngText } from '../../electron/core/media/png-metadata.ts';
import { downloadWithRetry } from '../../electron/core/media/retry.ts';
import { makeThumbnail } from '../../electron/core/media/thumbnail.ts';
import { apiImagePixelLimit } from '../../electron/core/media/image-size.ts';
import { closeHttpAgents } from '../../electron/core/net/http-agent.ts';
import { createUrlRule, type UrlRule } from '../../electron/core/net/url-rule.ts';
import { type ImageServer, makeDeclaredPng, makeJpeg, makePng, serveBytes, startImageServer } from '../support/image-server.ts';
import { tempDir } from '../support/temp-dir.ts';

let server: ImageServer;
/** The rule while the API is on this computer (the Sandbox, tests): loopback and plain http allowed. */
let loopbackRule: UrlRule;
let png: Buffer;
let dataDir: { path: string; remove(): void };
const relativePath = imagePath({ generationId: 42, index: 0, createdAt: Date.UTC(2026, 10, 23) });

const provenance = {
  prompt: 'a lighthouse in fog, 霧の灯台 🌫️',
  negativePrompt: 'text, watermark',
  seed: 123456789,
  model: 'midjourney-v8',
  taskId: 'task_ff01ii3zvib7ndbx8negnh6q',
  parameters: { aspectRatio: '1:1', stylize: 250, raw: true },
};

function request(urlPath: string, extra: Partial<DownloadRequest> = {}): DownloadRequest {
  return { url: server.url(urlPath), dataDir: dataDir.path, relativePath, urlRule: loopbackRule, maxPixels: apiImagePixelLimit('1:1'), ...extra };
}

/** Every file under the data folder, relative, so a test sees leftovers (finals and temp files alike). */
function filesUnder(dir: string): string[] {
  return readdirSync(dir, { recursive: true, encoding: 'utf8' })
    .filter((entry) => statSync(path.join(dir, entry)).isFile())
    .map((entry) => entry.split(path.sep).join('/'))
    .sort();
}

beforeAll(async () => {
  server = await startImageServer();
  loopbackRule = await createUrlRule(server.url('/api/v1'));
  png = await makePng(320, 240);
});
afterAll(async () => {
  await closeHttpAgents();
  await server.close();
});
beforeEach(() => {
  dataDir = tempDir('atelier-media-');
});
afterEach(() => dataDir.remove());

describe('downloadImage: the happy path', () => {
  it('saves the PNG under its final name with size, hash, dimensions and provenance', async () => {
    server.route('/ok.png', serveBytes(png));
    const result = await downloadImage(request('/ok.png', { provenance }));
    expect(result.ok).toBe(true);
    if (!result.ok) return;
    const { image } = result;
    expect(image.relativePath).toBe(relativePath);
    expect(filesUnder(dataDir.path)).toEqual([relativePath]);

    const stored = readFileSync(toAbsolutePath(dataDir.path, image.relativePath));
    // Two identities, said apart: the bytes the server sent, and the file as stored (metadata added).
    expect(image.stored).toEqual({ bytes: stored.length, sha256: createHash('sha256').update(stored).digest('hex') });
    expect(image.received).toEqual({ bytes: png.length, sha256: createHash('sha256').update(png).digest('hex') });
    expect(image.stored.sha256).not.toBe(image.received.sha256);
    expect([image.width, image.height, image.contentType, image.metadataWritten]).toEqual([320, 240, 'image/png', true]);

    const text = readPngText(stored);
    expect(text.parameters).toBe(
      'a lighthouse in fog, 霧の灯台 🌫️\nNegative prompt: text, watermark\n' +
        'Seed: 123456789, Model: midjourney-v8, Aspect ratio: 1:1, Stylize: 250, Raw: true, Kinovi task: task_ff01ii3zvib7ndbx8negnh6q',
    );
    expect(JSON.parse(text.atelier ?? '{}')).toMatchObject({ prompt: provenance.prompt, seed: 123456789, taskId: provenance.taskId });
    // The metadata must not break the image for other readers.
    expect(await sharp(stored).metadata()).toMatchObject({ format: 'png', width: 320, height: 240 });
  });

  it('makes a JPEG thumbnail at most 400 px on the long side', async () => {
    server.route('/big.png', serveBytes(await makePng(1456, 816)));
    const result = await downloadImage(request('/big.png'));
    if (!result.ok) throw new Error(result.failure.message);
    const thumbRelative = thumbnailPathFor(result.image.relativePath);
    const thumb = await makeThumbnail(dataDir.path, result.image.relativePath, thumbRelative);
    expect(thumb).toMatchObject({ width: 400, height: 224 });
    const meta = await sharp(toAbsolutePath(dataDir.path, thumbRelative)).metadata();
    expect([meta.format, meta.width, meta.height]).toEqual(['jpeg', 400, 224]);
    expect(filesUnder(dataDir.path)).toEqual([result.image.relativePath, thumbRelative].sort());
  });

  it("lays a picture's transparency on the tiles' colour in its JPEG thumbnail, not on black", async () => {
    const clear = await sharp({ create: { width: 64, height: 64, channels: 4, background: { r: 0, g: 0, b: 0, alpha: 0 } } }).png().toBuffer();
    writeFileSync(path.join(dataDir.path, 'clear.png'), clear);
    await makeThumbnail(dataDir.path, 'clear.png', 'thumbnails/clear.jpg');
    const { data } = await sharp(toAbsolutePath(dataDir.path, 'thumbnails/clear.jpg')).raw().toBuffer({ resolveWithObject: true });
    // --panel-2, #1d1e22, give or take JPEG's rounding
    const away = Math.max(Math.abs(data[0]! - 0x1d), Math.abs(data[1]! - 0x1e), Math.abs(data[2]! - 0x22));
    expect(away).toBeLessThanOrEqual(3);
  });

  it('stores a JPEG as it comes, under a .jpg name, without metadata', async () => {
    const jpeg = await makeJpeg();
    server.route('/photo', serveBytes(jpeg, 'image/jpeg'));
    const result = await downloadImage(request('/photo', { provenance }));
    if (!result.ok) throw new Error(result.failure.message);
    expect(result.image.relativePath).toBe(relativePath.replace(/\.png$/, '.jpg'));
    expect(result.image.metadataWritten).toBe(false);
    expect(result.image.stored).toEqual(result.image.received);
    expect(readFileSync(toAbsolutePath(dataDir.path, result.image.relativePath)).equals(jpeg)).toBe(true);
  });
});

describe('downloadImage: failures leave nothing behind', () => {
  async function expectFailure(urlPath: string, kind: string, extra: Partial<DownloadRequest> = {}): Promise<string> {
    const result = await downloadImage(request(urlPath, extra));
    expect(result.ok).toBe(false);
    expect(filesUnder(dataDir.path)).toEqual([]);
    if (result.ok) return '';
    expect(result.failure.kind).toBe(kind);
    return result.failure.message;
  }

  it('an interrupted transfer (half the body, then the socket dies) is retryable', async () => {
    server.route('/cut.png', (_req, res) => {
      res.writeHead(200, { 'content-type': 'image/png', 'content-length': png.length });
      res.write(png.subarray(0, png.length >> 1), () => res.socket?.destroy());
    });
    await expectFailure('/cut.png', 'retryable');
  });

  it('a body shorter than its Content-Length (connection closed cleanly) is retryable', async () => {
    server.route('/short.png', (req, res) => {
      // Raw bytes: node:http would refuse to send a lying Content-Length.
      const head = `HTTP/1.1 200 OK\r\ncontent-type: image/png\r\ncontent-length: ${png.length + 100}\r\nconnection: close\r\n\r\n`;
      req.socket.end(Buffer.concat([Buffer.from(head), png]));
      res.detachSocket(req.socket);
    });
    await expectFailure('/short.png', 'retryable');
  });

  it.each([
    ['text/html', 'image/png content sent as text/html'],
    ['application/octet-stream', 'untyped bytes'],
  ])('a %s response is invalid (%s)', async (type) => {
    server.route('/typed', serveBytes(png, type));
    await expectFailure('/typed', 'invalid');
  });

  it('an empty body is invalid, with or without a Content-Length', async () => {
    server.route('/empty', serveBytes(Buffer.alloc(0)));
    await expectFailure('/empty', 'invalid');
    server.route('/empty-chunked', (_req, res) => {
      res.writeHead(200, { 'content-type': 'image/png' });
      res.end();
    });
    await expectFailure('/empty-chunked', 'invalid');
  });

  it('bytes that are not a decodable image are invalid', async () => {
    server.route('/noise.png', serveBytes(Buffer.from('this is not a png at all, just text')));
    await expectFailure('/noise.png', 'invalid');
    // A real PNG cut short but served "complete": only decoding every pixel catches it.
    server.route('/truncated.png', serveBytes(png.subarray(0, Math.floor(png.length * 0.6))));
    await expectFailure('/truncated.png', 'invalid');
  });

  it.each([403, 404, 410])('HTTP %i means the image expired on Kinovi', async (status) => {
    server.route('/gone.png', (_req, res) => res.writeHead(status).end('{"message":"gone"}'));
    expect(await expectFailure('/gone.png', 'expired')).toMatch(/about 14 days/);
  });

  it('HTTP 500 is retryable', async () => {
    server.route('/down.png', (_req, res) => res.writeHead(500).end('oops'));
    await expectFailure('/down.png', 'retryable');
  });

  it('a stalled transfer times out as retryable', async () => {
    server.route('/stall.png', (_req, res) => {
      res.writeHead(200, { 'content-type': 'image/png', 'content-length': png.length });
      res.write(png.subarray(0, 100));
    });
    await expectFailure('/stall.png', 'retryable', { timeoutMs: 300 });
  });

  it('the caller aborting mid-transfer ends it as aborted', async () => {
    const controller = new AbortController();
    server.route('/slow.png', (_req, res) => {
      res.writeHead(200, { 'content-type': 'image/png', 'content-length': png.length });
      res.write(png.subarray(0, 100), () => setTimeout(() => controller.abort(), 50));
    });
    await expectFailure('/slow.png', 'aborted', { signal: controller.signal });
  });

  it('an already aborted signal never touches the network', async () => {
    server.route('/never.png', serveBytes(png));
    await expectFailure('/never.png', 'aborted', { signal: AbortSignal.abort() });
    expect(server.hits('/never.png')).toBe(0);
  });
});

describe('downloadImage: limits, redirects, the disk', () => {
  it('follows a CDN redirect', async () => {
    server.route('/cdn.png', serveBytes(png));
    server.route('/moved.png', (_req, res) => res.writeHead(302, { location: '/cdn.png' }).end());
    const result = await downloadImage(request('/moved.png'));
    expect(result).toMatchObject({ ok: true, image: { relativePath, width: 320 } });
  });

  it('refuses a body larger than the limit, declared or not', async () => {
    server.route('/huge.png', serveBytes(png));
    server.route('/huge-chunked.png', (_req, res) => {
      res.writeHead(200, { 'content-type': 'image/png' });
      res.end(png);
    });
    for (const urlPath of ['/huge.png', '/huge-chunked.png']) {
      const result = await downloadImage(request(urlPath, { maxBytes: 1000 }));
      expect(result).toMatchObject({ ok: false, failure: { kind: 'invalid' } });
      expect(filesUnder(dataDir.path)).toEqual([]);
    }
  });

  it('reports a library folder it cannot write to as a storage failure', async () => {
    server.route('/ok.png', serveBytes(png));
    writeFileSync(path.join(dataDir.path, 'images'), 'a file where the images folder should be');
    const result = await downloadImage(request('/ok.png'));
    expect(result).toMatchObject({ ok: false, failure: { kind: 'storage' } });
  });

  it('refuses an address that is not http(s) without a request', async () => {
    const result = await downloadImage(request('/', { url: 'file:///etc/passwd' }));
    expect(result).toMatchObject({ ok: false, failure: { kind: 'refused' } });
  });

  it('a thumbnail of an undecodable file fails and leaves no temp file', async () => {
    const bogus = path.join(dataDir.path, 'bogus.png');
    writeFileSync(bogus, 'not an image');
    await expect(makeThumbnail(dataDir.path, 'bogus.png', 'thumbnails/x.webp')).rejects.toThrow();
    expect(filesUnder(dataDir.path)).toEqual(['bogus.png']);
  });
});

describe('downloadImage: images larger than they should be', () => {
  it('refuses a small file declaring 16000×16000 pixels from its header, without decoding it, and stores nothing', async () => {
    const bomb = makeDeclaredPng(16000, 16000);
    expect(bomb.length).toBeLessThan(1024 * 1024);
    server.route('/bomb.png', serveBytes(bomb));
    const result = await downloadImage(request('/bomb.png', { provenance }));
    expect(result).toMatchObject({ ok: false, failure: { kind: 'invalid' } });
    if (!result.ok) expect(result.failure.message).toMatch(/16000×16000/);
    expect(filesUnder(dataDir.path)).toEqual([]);
  });

  it('judges the size by the limit it is given: the documented size of the aspect ratio, with room for an upscale', async () => {
    // 16:9 is documented as 1456×816; 2× each side still passes, anything far beyond does not.
    expect(apiImagePixelLimit('16:9')).toBe(1456 * 816 * 4);
    server.route('/wide.png', serveBytes(makeDeclaredPng(2 * 1456, 2 * 816)));
    expect(await downloadImage(request('/wide.png', { maxPixels: apiImagePixelLimit('16:9') }))).toMatchObject({ ok: true });
    server.route('/wider.png', serveBytes(makeDeclaredPng(3 * 1456, 3 * 816)));
    expect(await downloadImage(request('/wider.png', { maxPixels: apiImagePixelLimit('16:9') }))).toMatchObject({ ok: false, failure: { kind: 'invalid' } });
  });

  it('thumbnails refuse to decode more pixels than their limit', async () => {
    writeFileSync(path.join(dataDir.path, 'big.png'), makeDeclaredPng(2000, 2000));
    await expect(makeThumbnail(dataDir.path, 'big.png', 'thumbnails/big.webp', { maxPixels: 1_000_000 })).rejects.toThrow(/pixel limit/);
    await expect(makeThumbnail(dataDir.path, 'big.png', 'thumbnails/big.webp', { maxPixels: 4_000_000 })).resolves.toMatchObject({ width: 400 });
  });
});

describe('downloadWithRetry', () => {
  it('retries a 500 with backoff and then succeeds', async () => {
    let calls = 0;
    server.route('/flaky.png', (req, res) => {
      calls++;
      if (calls === 1) res.writeHead(500).end('busy');
      else serveBytes(png)(req, res);
    });
    const sleeps: number[] = [];
    const result = await downloadWithRetry(request('/flaky.png'), {
      sleep: async (ms) => {
        sleeps.push(ms);
      },
      random: () => 0.5,
    });
    expect(result.ok).toBe(true);
    expect(result.attempts).toBe(2);
    expect(sleeps).toEqual([1250]);
    expect(filesUnder(dataDir.path)).toEqual([relativePath]);
  });

  it('does not retry an expired image', async () => {
    server.route('/expired.png', (_req, res) => res.writeHead(404).end());
    const result = await downloadWithRetry(request('/expired.png'), { sleep: async () => undefined });
    expect(result).toMatchObject({ ok: false, attempts: 1, failure: { kind: 'expired' } });
  });
});

describe('a crash between download and database write', () => {
  it('is harmless: downloading the same path again replaces the unrecorded file atomically', async () => {
    server.route('/again.png', serveBytes(png));
    const first = await downloadImage(request('/again.png', { provenance }));
    if (!first.ok) throw new Error(first.failure.message);
    const finalPath = toAbsolutePath(dataDir.path, relativePath);
    const before = readFileSync(finalPath);
    const inodeBefore = statSync(finalPath).ino;

    // The app "crashed" before recording it; a half-written stray from that crash lies in the temp folder.
    const stray = path.join(dataDir.path, 'tmp', 'deadbeef0000-42-0.png.part');
    writeFileSync(stray, png.subarray(0, 10));

    // The second download stalls halfway: meanwhile the final name must still hold the whole old file.
    let release: () => void = () => undefined;
    const halfway = new Promise<void>((reached) => {
      server.route('/again.png', (_req, res) => {
        res.writeHead(200, { 'content-type': 'image/png', 'content-length': png.length });
        res.write(png.subarray(0, png.length >> 1), () => reached());
        release = () => res.end(png.subarray(png.length >> 1));
      });
    });
    const second = downloadImage(request('/again.png', { provenance }));
    await halfway;
    expect(readFileSync(finalPath).equals(before)).toBe(true);
    // Work in progress lives in the temp folder only, never next to the images.
    expect(filesUnder(dataDir.path).filter((file) => file !== relativePath).every((file) => file.startsWith('tmp/'))).toBe(true);
    release();

    const result = await second;
    if (!result.ok) throw new Error(result.failure.message);
    expect(statSync(finalPath).ino).not.toBe(inodeBefore);
    expect(result.image.stored.sha256).toBe(createHash('sha256').update(readFileSync(finalPath)).digest('hex'));
    expect(readPngText(readFileSync(finalPath)).parameters).toContain('Seed: 123456789');
    expect(filesUnder(dataDir.path)).toEqual([relativePath, path.relative(dataDir.path, stray).split(path.sep).join('/')].sort());
  });
});
