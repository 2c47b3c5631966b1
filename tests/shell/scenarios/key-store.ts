/**
 * The API key in the desktop app: sealed with safeStorage where the OS has a keyring and read back
 * at the next start; on Linux without one (basic_text) kept for the session only, never written in
 * clear. The key is checked against every file in the library folder, logs included.
 */
import assert from 'node:assert/strict';
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import type { LaunchedApp } from '../harness/launch.ts';
import type { Scenario } from '../harness/runner.ts';

const KEY = 'kv_live_standin_0123456789abcdef';
// The key makes the app talk to "Kinovi": point it at a closed loopback port so nothing leaves the machine.
const env = { ATELIER_API_BASE_URL: 'http://127.0.0.1:9' };

function filesHolding(dir: string, text: string): string[] {
  return readdirSync(dir, { recursive: true, withFileTypes: true })
    .filter((entry) => entry.isFile())
    .map((entry) => path.join(entry.parentPath, entry.name))
    .filter((file) => readFileSync(file).includes(text));
}

async function settings(app: LaunchedApp): Promise<{ hasApiKey: boolean; provider: string }> {
  const view = await app.ask<{ hasApiKey: boolean }>('settings:get');
  const info = await app.ask<{ provider: { kind: string } }>('app:info');
  return { hasApiKey: view.hasApiKey, provider: info.provider.kind };
}

async function quit(app: LaunchedApp): Promise<void> {
  await app.call('app', 'quit');
  assert.deepEqual(await app.waitForExit(), { code: 0, signal: null });
}

export const keyStore: Scenario = {
  id: 'key-store',
  name: 'the API key with and without an OS keyring',
  async run(t) {
    await t.check('with a keyring, the key is sealed on disk and read back at the next start', async () => {
      const app = t.launch({ keyring: 'available', env });
      await app.loaded();
      await app.ask('settings:update', { apiKey: KEY });
      assert.deepEqual(await settings(app), { hasApiKey: true, provider: 'kinovi' });
      await quit(app);
      assert.equal(JSON.stringify(app.notes).includes(KEY), false, 'the key reached the page in a push');
      assert.equal(app.output.includes(KEY), false, 'the key was printed');
      assert.ok(existsSync(path.join(t.dataDir, 'api-key.enc')));
      assert.deepEqual(filesHolding(t.dataDir, KEY), [], 'the key in clear in the library folder');
      const again = t.launch({ keyring: 'available', env });
      await again.loaded();
      assert.deepEqual(await settings(again), { hasApiKey: true, provider: 'kinovi' });
      await quit(again);
    });

    const dataDir = path.join(t.dir, 'no-keyring-library');
    await t.check('without a keyring (basic_text), the key works for this session, is never written, and the artist is told why', async () => {
      const app = t.launch({ keyring: 'basic_text', dataDir, env });
      await app.loaded();
      await app.call('answerDialogs', [0]);
      await app.ask('settings:update', { apiKey: KEY });
      assert.deepEqual(await settings(app), { hasApiKey: true, provider: 'kinovi' });
      const [told, ...again] = (await app.snapshot()).messageBoxes;
      assert.equal(told?.options.message, 'Atelier will use your API key until you quit, then forget it.');
      assert.match(told?.options.detail ?? '', /No keyring is running on this computer .* never writes a key to disk unencrypted/);
      assert.match(told?.options.detail ?? '', /enter the key again in Settings; until then it uses the built-in Sandbox/);
      assert.equal(told?.attached, true, 'attached to the studio window');
      assert.deepEqual(again, []);
      await app.ask('settings:update', { apiKey: `${KEY}2` });
      assert.equal((await app.snapshot()).messageBoxes.length, 1, 'told once a session');
      await quit(app);
      assert.equal(existsSync(path.join(dataDir, 'api-key.enc')), false);
      assert.deepEqual(filesHolding(dataDir, KEY), [], 'the key in clear in the library folder');
      assert.equal(JSON.stringify(app.notes).includes(KEY), false, 'the key reached the page or a dialog');
    });

    await t.check('without a keyring, the next start is back on the Sandbox', async () => {
      const app = t.launch({ keyring: 'basic_text', dataDir, env });
      await app.loaded();
      assert.deepEqual(await settings(app), { hasApiKey: false, provider: 'sandbox' });
      await quit(app);
    });
  },
};
