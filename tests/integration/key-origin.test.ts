import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import type { SettingsView } from '../../shared/contract.ts';
import type { Generation } from '../../shared/generation.ts';
import type { Core } from '../../electron/core/app.ts';
import { fileKeyStore } from '../../electron/core/api-key.ts';
import { readLaunchConfig } from '../../electron/core/config.ts';
import { readSettings } from '../../electron/core/settings.ts';
import { startSandbox, type Sandbox } from '../../electron/core/sandbox/index.ts';
import { tempDir } from '../support/temp-dir.ts';
import { call, recordEvents, startTestCore } from '../support/test-core.ts';

const KEY = 'kv-live-origin-bound-0123456789';

/** Another server on this machine that notes every Authorization header it is sent. */
async function listeningServer(): Promise<{ baseUrl: string; authorizations: string[]; server: Server }> {
  const authorizations: string[] = [];
  const server = createServer((req, res) => {
    authorizations.push(req.headers.authorization ?? '');
    res.writeHead(500, { 'content-type': 'application/json' }).end('{"message":"no"}');
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return { baseUrl: `http://127.0.0.1:${(server.address() as AddressInfo).port}/api/v1`, authorizations, server };
}

const cleanups: Array<() => unknown> = [];
afterEach(async () => {
  for (const cleanup of cleanups.splice(0).reverse()) await cleanup();
});

async function setup(): Promise<{ dir: string; sandbox: Sandbox; other: Awaited<ReturnType<typeof listeningServer>> }> {
  const dir = tempDir();
  const sandbox = await startSandbox({ apiKey: KEY, waitingMs: 20, generatingMs: 40 });
  const other = await listeningServer();
  cleanups.push(
    () => dir.remove(),
    () => sandbox.close(),
    () => new Promise((resolve) => other.server.close(resolve)),
  );
  return { dir: dir.path, sandbox, other };
}

async function core(dataDir: string, extra: Parameters<typeof startTestCore>[1] = {}): Promise<Core> {
  const started = await startTestCore(dataDir, extra);
  cleanups.push(() => started.close());
  return started;
}

describe('the API key is bound to the address it was saved for', () => {
  it('changing the address to another server asks for the key again and never sends it there', async () => {
    const { dir, sandbox, other } = await setup();
    const studio = await core(dir);
    await call(studio, 'settings:update', { apiBaseUrl: sandbox.baseUrl });
    const saved = await call<SettingsView>(studio, 'settings:update', { apiKey: KEY });
    expect(saved).toMatchObject({ hasApiKey: true, keyOrigin: new URL(sandbox.baseUrl).origin });

    const moved = await call<SettingsView>(studio, 'settings:update', { apiBaseUrl: other.baseUrl });
    expect(moved).toMatchObject({ hasApiKey: false, keyOrigin: new URL(sandbox.baseUrl).origin, apiBaseUrl: other.baseUrl });
    expect((await call<{ provider: { kind: string } }>(studio, 'app:info')).provider.kind).toBe('sandbox');
    const events = recordEvents(studio);
    const run = await call<Generation>(studio, 'generation:create', { params: { model: 'midjourney-v7', prompt: 'not for the other server' } });
    await events.reach(run.id, 'done');
    expect(other.authorizations).toEqual([]);

    // Back at the address it was saved for, the same key works again without being entered.
    const back = await call<SettingsView>(studio, 'settings:update', { apiBaseUrl: sandbox.baseUrl });
    expect(back.hasApiKey).toBe(true);
    expect((await call<{ provider: { kind: string } }>(studio, 'app:info')).provider.kind).toBe('kinovi');
  });

  it('a key entered together with a new address is bound to the new one', async () => {
    const { dir, sandbox } = await setup();
    const studio = await core(dir);
    const view = await call<SettingsView>(studio, 'settings:update', { apiBaseUrl: sandbox.baseUrl, apiKey: KEY });
    expect(view).toMatchObject({ hasApiKey: true, keyOrigin: new URL(sandbox.baseUrl).origin });
  });

  it('an address given for one run (ATELIER_API_BASE_URL) does not receive a key saved for another', async () => {
    const { dir, sandbox, other } = await setup();
    fileKeyStore(dir).write({ key: KEY, origin: new URL(sandbox.baseUrl).origin });
    const studio = await core(dir, { apiBaseUrl: other.baseUrl });
    expect(await call<SettingsView>(studio, 'settings:get')).toMatchObject({ hasApiKey: false });
    expect((await call<{ provider: { kind: string } }>(studio, 'app:info')).provider.kind).toBe('sandbox');
    expect(other.authorizations).toEqual([]);
  });

  it('a key saved by an older Atelier (no address) is bound at start-up to the address it was used with', async () => {
    const { dir, sandbox, other } = await setup();
    writeFileSync(path.join(dir, 'settings.json'), JSON.stringify({ apiBaseUrl: sandbox.baseUrl, concurrency: 3 }));
    writeFileSync(path.join(dir, 'api-key'), `${KEY}\n`);
    const studio = await core(dir);
    expect(await call<SettingsView>(studio, 'settings:get')).toMatchObject({ hasApiKey: true, keyOrigin: new URL(sandbox.baseUrl).origin });
    expect(JSON.parse(readFileSync(path.join(dir, 'api-key'), 'utf8'))).toEqual({ origin: new URL(sandbox.baseUrl).origin, key: KEY });
    expect(await call<SettingsView>(studio, 'settings:update', { apiBaseUrl: other.baseUrl })).toMatchObject({ hasApiKey: false });
  });
});

describe('an API address on another computer must be https', () => {
  it('Settings refuses plain http to another host, in words, and keeps the old address', async () => {
    const dir = tempDir();
    cleanups.push(() => dir.remove());
    const studio = await core(dir.path);
    const refused = await studio.dispatch('settings:update', { apiBaseUrl: 'http://api.example.com/api/v1' });
    expect(refused).toMatchObject({ ok: false, error: { code: 'invalid_input' } });
    expect(!refused.ok && refused.error.message).toMatch(/must start with https:\/\/ so the API key travels encrypted/);
    expect(await studio.dispatch('settings:update', { apiBaseUrl: 'https://user:pw@kinovi.ai/api/v1' })).toMatchObject({ ok: false });
    expect(await studio.dispatch('settings:update', { apiBaseUrl: 'ftp://kinovi.ai/api/v1' })).toMatchObject({ ok: false });
    expect((await call<SettingsView>(studio, 'settings:get')).apiBaseUrl).toBe('https://kinovi.ai/api/v1');
    // this computer is fine over plain http: the traffic never leaves it
    for (const local of ['http://127.0.0.1:9/api/v1', 'http://localhost:9/api/v1', 'http://[::1]:9/api/v1']) {
      expect(await studio.dispatch('settings:update', { apiBaseUrl: local }), local).toMatchObject({ ok: true });
    }
  });

  it('neither the settings file nor ATELIER_API_BASE_URL can point the key at plain http elsewhere', () => {
    const dir = tempDir();
    cleanups.push(() => dir.remove());
    writeFileSync(path.join(dir.path, 'settings.json'), JSON.stringify({ apiBaseUrl: 'http://api.example.com/api/v1' }));
    expect(readSettings(dir.path).apiBaseUrl).toBe('https://kinovi.ai/api/v1');
    expect(() => readLaunchConfig({ ATELIER_API_BASE_URL: 'http://api.example.com/api/v1' })).toThrow(/ATELIER_API_BASE_URL: .*https:\/\//);
    expect(readLaunchConfig({ ATELIER_API_BASE_URL: 'http://127.0.0.1:4010/api/v1' }).apiBaseUrl).toBe('http://127.0.0.1:4010/api/v1');
  });
});
