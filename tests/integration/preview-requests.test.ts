import { mkdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Core } from '../../electron/core/app.ts';
import { imagePath, toAbsolutePath } from '../../electron/core/media/layout.ts';
import type { PreviewHost } from '../../electron/preview/host.ts';
import { CONTENT_SECURITY_POLICY } from '../../shared/content-security-policy.ts';
import { rawRequest } from '../support/raw-http.ts';
import { startTestPreview, stillServing } from '../support/preview.ts';
import { failOnUncaughtErrors } from '../support/no-uncaught-errors.ts';
import { tempDir } from '../support/temp-dir.ts';

/** The first line of a raw HTTP answer, e.g. "HTTP/1.1 400 Bad Request". */
const statusLine = (answer: string) => answer.split('\r\n')[0] ?? '';

describe('preview host: requests any web page can send', () => {
  failOnUncaughtErrors();
  const dir = tempDir();
  let core: Core;
  let host: PreviewHost;
  let close: () => Promise<void>;
  let mediaPath: string;
  beforeAll(async () => {
    ({ core, host, close } = await startTestPreview(dir.path));
    mediaPath = imagePath({ generationId: 1, index: 0, createdAt: Date.UTC(2026, 10, 23) });
    const file = toAbsolutePath(core.dataDir, mediaPath);
    mkdirSync(path.dirname(file), { recursive: true });
    writeFileSync(file, Buffer.from('89504e470d0a1a0a', 'hex'));
  });
  afterAll(async () => {
    await close();
    dir.remove();
  });

  const send = (lines: string[]) => rawRequest(host.port, [...lines, 'Connection: close', '', ''].join('\r\n'));
  const ownHost = () => `Host: 127.0.0.1:${host.port}`;

  it('answers a request line no URL can be read from with 400 and stays up (<img src="http://127.0.0.1:PORT//x:99999/">)', async () => {
    for (const target of ['//x:99999/', '//x:99999/media/a.png', '//[::1/', '//a b/']) {
      expect(statusLine(await send([`GET ${target} HTTP/1.1`, ownHost()])), target).toMatch(/^HTTP\/1\.1 400 /);
    }
    expect(await stillServing(host)).toBe(true);
  });

  it('answers an upgrade to a URL that cannot be read with 400 and stays up', async () => {
    const answer = await send([
      `GET //x:99999/bridge?token=${host.token} HTTP/1.1`,
      ownHost(),
      `Origin: ${host.origin}`,
      'Upgrade: websocket',
      'Connection: Upgrade',
      'Sec-WebSocket-Key: dGhlIHNhbXBsZSBub25jZQ==',
      'Sec-WebSocket-Version: 13',
    ]);
    expect(statusLine(answer)).toMatch(/^HTTP\/1\.1 400 /);
    expect(await stillServing(host)).toBe(true);
  });

  it('refuses a Host header that is not its own (DNS rebinding): no page, no library image, no bridge', async () => {
    for (const name of ['evil.example', `evil.example:${host.port}`, `localhost.evil.example:${host.port}`, `127.0.0.1.evil.example:${host.port}`]) {
      for (const target of ['/', `/media/${mediaPath}`]) {
        const answer = await send([`GET ${target} HTTP/1.1`, `Host: ${name}`]);
        expect(statusLine(answer), `${name} ${target}`).toMatch(/^HTTP\/1\.1 403 /);
        expect(answer).not.toContain('<title>Atelier</title>');
      }
      const upgrade = await send([
        `GET /bridge?token=${host.token} HTTP/1.1`,
        `Host: ${name}`,
        `Origin: ${host.origin}`,
        'Upgrade: websocket',
        'Connection: Upgrade',
        'Sec-WebSocket-Key: dGhlIHNhbXBsZSBub25jZQ==',
        'Sec-WebSocket-Version: 13',
      ]);
      expect(statusLine(upgrade), name).toMatch(/^HTTP\/1\.1 403 /);
    }
    expect(statusLine(await send(['GET / HTTP/1.1', ownHost()]))).toBe('HTTP/1.1 200 OK');
    expect(statusLine(await send([`GET /media/${mediaPath} HTTP/1.1`, ownHost()]))).toBe('HTTP/1.1 200 OK');
  });

  it('sends the page its CSP as a header too, and forbids framing the studio', async () => {
    const page = await fetch(`${host.origin}/`);
    expect(page.headers.get('content-security-policy')).toBe(`${CONTENT_SECURITY_POLICY}; frame-ancestors 'none'`);
  });

  it('marks library images, and everything else it serves, as not for other sites to embed', async () => {
    const image = await fetch(`${host.origin}/media/${mediaPath}`);
    expect(image.status).toBe(200);
    expect(image.headers.get('cross-origin-resource-policy')).toBe('same-origin');
    expect((await fetch(`${host.origin}/`)).headers.get('cross-origin-resource-policy')).toBe('same-origin');
    const missing = await fetch(`${host.origin}/media/images/2026/11/00/9-9.png`);
    expect(missing.status).toBe(404);
    expect(missing.headers.get('cross-origin-resource-policy')).toBe('same-origin');
  });
});
