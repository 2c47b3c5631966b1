import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { downloadImage, type DownloadRequest } from '../../electron/core/media/download.ts';
import { LIBRARY_MAX_PIXELS } from '../../electron/core/media/image-size.ts';
import { imagePath } from '../../electron/core/media/layout.ts';
import { MAX_REDIRECTS } from '../../electron/core/net/guarded-get.ts';
import { closeHttpAgents } from '../../electron/core/net/http-agent.ts';
import { createUrlRule, RefusedUrlError, type Resolve, type ResolvedAddress, type UrlRule } from '../../electron/core/net/url-rule.ts';
import { type ImageServer, makePng, serveBytes, startImageServer } from '../support/image-server.ts';
import { tempDir } from '../support/temp-dir.ts';

/**
 * The URL rule, against a real loopback server. Names resolve through a table (never a real
 * DNS server); "public" addresses in it are only ever classified, never connected to.
 */

const PUBLIC = '104.18.0.1';

function table(entries: Record<string, string[] | (() => string[])>): Resolve & { calls: (host: string) => number } {
  const counts = new Map<string, number>();
  const resolve = async (hostname: string): Promise<ResolvedAddress[]> => {
    counts.set(hostname, (counts.get(hostname) ?? 0) + 1);
    const entry = entries[hostname];
    if (!entry) throw Object.assign(new Error(`getaddrinfo ENOTFOUND ${hostname}`), { code: 'ENOTFOUND' });
    return (typeof entry === 'function' ? entry() : entry).map((address) => ({ address, family: address.includes(':') ? 6 : 4 }));
  };
  return Object.assign(resolve, { calls: (host: string) => counts.get(host) ?? 0 });
}

async function refusal(rule: UrlRule, url: string): Promise<string> {
  try {
    await rule.check(url);
  } catch (error) {
    if (error instanceof RefusedUrlError) return error.message;
    throw error;
  }
  return 'allowed';
}

let server: ImageServer;
let png: Buffer;
let dataDir: { path: string; remove(): void };

beforeAll(async () => {
  server = await startImageServer();
  png = await makePng(64, 48);
});
afterAll(async () => {
  await closeHttpAgents();
  await server.close();
});
beforeEach(() => {
  dataDir = tempDir('atelier-url-rule-');
});
afterEach(() => dataDir.remove());

function download(url: string, urlRule: UrlRule): Promise<Awaited<ReturnType<typeof downloadImage>>> {
  const request: DownloadRequest = {
    url,
    urlRule,
    dataDir: dataDir.path,
    relativePath: imagePath({ generationId: 1, index: 0, createdAt: Date.UTC(2026, 0, 1) }),
    maxPixels: LIBRARY_MAX_PIXELS,
  };
  return downloadImage(request);
}

describe('the URL rule with the real API base (https, public)', () => {
  const resolve = table({
    'kinovi.ai': [PUBLIC],
    'static.kinovi.ai': ['104.18.0.2', '2606:4700::6812:2'],
    localhost: ['127.0.0.1', '::1'],
    'intranet.test': ['10.0.0.5'],
    'split.test': ['104.18.0.3', '127.0.0.1'],
  });

  it('allows https to public addresses only', async () => {
    const rule = await createUrlRule('https://kinovi.ai/api/v1', { resolve });
    expect([...rule.reachable]).toEqual(['public']);
    expect(rule.allowsPlainHttp).toBe(false);
    expect(await refusal(rule, 'https://static.kinovi.ai/generated-images/task_1-0.png')).toBe('allowed');
    expect(await refusal(rule, 'http://static.kinovi.ai/generated-images/task_1-0.png')).toMatch(/not secure \(http\)/);
  });

  it.each([
    'https://127.0.0.1:9/x.png',
    'https://0x7f.1/x.png', // spelled oddly, still 127.0.0.1
    'https://2130706433/x.png',
    'https://[::1]/x.png',
    'https://[::ffff:127.0.0.1]/x.png',
    'https://169.254.169.254/latest/meta-data/',
    'https://10.0.0.5/x.png',
    'https://[fd00::1]/x.png',
    'https://0.0.0.0/x.png',
    'https://localhost/x.png',
    'https://intranet.test/x.png',
    'https://split.test/x.png', // one private answer among public ones is enough to refuse
  ])('refuses %s', async (url) => {
    const rule = await createUrlRule('https://kinovi.ai/api/v1', { resolve });
    expect(await refusal(rule, url)).toMatch(/this computer or a private network/);
  });

  it.each(['ftp://static.kinovi.ai/x.png', 'file:///etc/passwd', 'data:image/png;base64,AAAA', 'not a url'])('refuses %s', async (url) => {
    const rule = await createUrlRule('https://kinovi.ai/api/v1', { resolve });
    expect(await refusal(rule, url)).not.toBe('allowed');
  });

  it('lets a name that cannot be resolved fail as the network, to be tried again later', async () => {
    const rule = await createUrlRule('https://kinovi.ai/api/v1', { resolve });
    await expect(rule.check('https://nowhere.test/x.png')).rejects.toMatchObject({ code: 'ENOTFOUND' });
    expect(await download('https://nowhere.test/x.png', rule)).toMatchObject({ ok: false, failure: { kind: 'retryable' } });
    await expect(createUrlRule('https://nowhere.test/api/v1', { resolve })).rejects.toMatchObject({ code: 'ENOTFOUND' });
  });
});

describe('the URL rule with the API on this computer (the Sandbox, tests)', () => {
  it('allows plain http and loopback, and still refuses private and link-local addresses', async () => {
    const rule = await createUrlRule(server.url('/api/v1'));
    expect(rule.allowsPlainHttp).toBe(true);
    expect([...rule.reachable].sort()).toEqual(['loopback', 'public']);
    expect(await refusal(rule, server.url('/x.png'))).toBe('allowed');
    expect(await refusal(rule, 'http://[::1]:9/x.png')).toBe('allowed');
    expect(await refusal(rule, 'http://10.0.0.5/x.png')).toMatch(/private network/);
    expect(await refusal(rule, 'http://169.254.169.254/')).toMatch(/private network/);
  });

  it('allows the private network when the API base itself is on one', async () => {
    const rule = await createUrlRule('http://192.168.1.10:8080/api/v1');
    expect(rule.allowsPlainHttp).toBe(false);
    expect(await refusal(rule, 'https://192.168.1.11/x.png')).toBe('allowed');
    expect(await refusal(rule, 'https://127.0.0.1/x.png')).toMatch(/private network/);
  });
});

describe('downloads under the rule', () => {
  it('an image address on 127.0.0.1 handed out by a public API is refused before any connection', async () => {
    server.route('/secret', serveBytes(png));
    const rule = await createUrlRule('https://kinovi.ai/api/v1', { resolve: table({ 'kinovi.ai': [PUBLIC] }) });
    const before = server.connections();
    for (const url of [server.url('/secret'), server.url('/secret').replace('http:', 'https:')]) {
      const result = await download(url, rule);
      expect(result).toMatchObject({ ok: false, failure: { kind: 'refused' } });
    }
    expect(server.connections()).toBe(before);
    expect(server.hits('/secret')).toBe(0);
  });

  it('a name that changes its answer between the check and the connection (DNS rebinding) is refused at connect time', async () => {
    server.route('/rebound.png', serveBytes(png));
    // The first answer (the check) is public; every later one (the connection) is this computer.
    let answers = 0;
    const resolve = table({ 'kinovi.ai': [PUBLIC], localhost: () => (answers++ === 0 ? [PUBLIC] : ['127.0.0.1']) });
    const rule = await createUrlRule('https://kinovi.ai/api/v1', { resolve });
    const before = server.connections();
    const port = new URL(server.url('/')).port;
    const result = await download(`https://localhost:${port}/rebound.png`, rule);
    expect(result).toMatchObject({ ok: false, failure: { kind: 'refused' } });
    expect(resolve.calls('localhost')).toBe(2);
    expect(server.connections()).toBe(before);
  });

  it(`follows up to ${MAX_REDIRECTS} redirects and refuses the next one without requesting it`, async () => {
    const rule = await createUrlRule(server.url('/api/v1'));
    server.route('/hop-final.png', serveBytes(png));
    for (let hop = 0; hop <= MAX_REDIRECTS; hop++) {
      const next = hop === MAX_REDIRECTS ? '/hop-final.png' : `/hop-${hop + 1}`;
      server.route(`/hop-${hop}`, (_req, res) => res.writeHead(302, { location: next }).end());
    }
    // /hop-1 → … → /hop-5 → final: five redirects.
    expect(await download(server.url('/hop-1'), rule)).toMatchObject({ ok: true });
    // /hop-0 → … → final: six.
    const finalHits = server.hits('/hop-final.png');
    const result = await download(server.url('/hop-0'), rule);
    expect(result).toMatchObject({ ok: false, failure: { kind: 'refused' } });
    if (!result.ok) expect(result.failure.message).toMatch(/too many times/);
    expect(server.hits('/hop-final.png')).toBe(finalHits);
  });

  it.each([
    ['to another scheme', 'https://127.0.0.1:9/x.png', /different kind of address/],
    ['to a file', 'file:///etc/passwd', /different kind of address/],
    ['to a private address', 'http://10.0.0.5/x.png', /private network/],
    ['to cloud metadata', 'http://169.254.169.254/latest/meta-data/', /private network/],
  ])('refuses a redirect %s, checking every hop', async (_name, location, message) => {
    const rule = await createUrlRule(server.url('/api/v1'));
    server.route('/bounce', (_req, res) => res.writeHead(307, { location }).end());
    const result = await download(server.url('/bounce'), rule);
    expect(result).toMatchObject({ ok: false, failure: { kind: 'refused' } });
    if (!result.ok) expect(result.failure.message).toMatch(message);
  });
});
