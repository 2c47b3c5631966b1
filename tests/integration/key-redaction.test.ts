import { readFileSync } from 'node:fs';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { backupLibrary } from '../../electron/core/library/backup.ts';
import { closeLibrary, libraryPath, openLibrary } from '../../electron/core/library/database.ts';
import { startSandbox, type Sandbox } from '../../electron/core/sandbox/index.ts';
import type { Generation } from '../../shared/generation.ts';
import { tempDir } from '../support/temp-dir.ts';
import { call, recordEvents, startTestCore } from '../support/test-core.ts';

const KEY = 'kv-live-5e0c9a7b3d1f8e6a4c2b0d9f7e5a3c1b';
// Not the key, but shaped like one: a careless server may echo another secret of the account.
const OTHER_SECRET = 'sk-proj-4f9b2c7d1e8a3f6b5c0d9e2a7b4c1f8e';

let sandbox: Sandbox | undefined;
const dirs: ReturnType<typeof tempDir>[] = [];
afterEach(async () => {
  vi.restoreAllMocks();
  await sandbox?.close();
  for (const dir of dirs.splice(0)) dir.remove();
});

describe('a server that echoes the key', () => {
  it('never gets it into the library file, its WAL, a backup, the log or a pushed event', async () => {
    sandbox = await startSandbox({ apiKey: KEY, waitingMs: 20, generatingMs: 40 });
    const dir = tempDir();
    dirs.push(dir);
    const logged: unknown[] = [];
    for (const level of ['error', 'warn', 'info', 'log'] as const) {
      vi.spyOn(console, level).mockImplementation((...args: unknown[]) => void logged.push(args));
    }
    sandbox.faults.add({
      endpoint: 'createTask',
      kind: 'taskFails',
      code: `E_${KEY}`,
      message: `Rejected for Authorization: Bearer ${KEY} (key ${KEY}, also ${OTHER_SECRET})`,
      promptContains: 'echo',
    });
    sandbox.faults.add({ endpoint: 'createTask', kind: 'status', status: 400, body: { message: `bad key ${KEY}`, errors: [{ field: KEY }] }, promptContains: 'refused' });

    const core = await startTestCore(dir.path, { apiKey: KEY, apiBaseUrl: sandbox.baseUrl });
    const events = recordEvents(core);
    const echoed = await call<Generation>(core, 'generation:create', { params: { model: 'midjourney-v7', prompt: 'echo the key' } });
    const refused = await call<Generation>(core, 'generation:create', { params: { model: 'midjourney-v7', prompt: 'refused with the key' } });
    const failed = await events.reach(echoed.id, 'failed');
    await events.reach(refused.id, 'failed');

    // The artist still learns what the server said, minus the secrets.
    expect(failed.errorMessage).toContain('Rejected for Authorization: Bearer [hidden]');
    const wal = readFileSync(`${libraryPath(dir.path)}-wal`);
    await core.close();

    const db = openLibrary(dir.path);
    const backup = await backupLibrary(db, dir.path);
    closeLibrary(db);
    const stored = [readFileSync(libraryPath(dir.path)), wal, readFileSync(backup.created ?? '')];
    for (const bytes of stored) {
      expect(bytes.includes(KEY)).toBe(false);
      expect(bytes.includes(OTHER_SECRET)).toBe(false);
    }
    const pushed = JSON.stringify(events.seen);
    expect(pushed).toContain('[hidden]');
    expect(pushed).not.toContain(KEY);
    expect(pushed).not.toContain(OTHER_SECRET);
    expect(JSON.stringify(logged)).not.toContain(KEY);
  });

  it('refuses a task id or image address that carries the key instead of storing it', async () => {
    sandbox = await startSandbox({ apiKey: KEY });
    sandbox.faults.add({ endpoint: 'createTask', kind: 'status', status: 200, body: { taskId: `task_${KEY}` } });
    const dir = tempDir();
    dirs.push(dir);
    const core = await startTestCore(dir.path, { apiKey: KEY, apiBaseUrl: sandbox.baseUrl });
    const events = recordEvents(core);
    const created = await call<Generation>(core, 'generation:create', { params: { model: 'midjourney-v7', prompt: 'an id with the key' } });
    const unknown = await events.reach(created.id, 'unknown');
    expect(unknown.taskId).toBeNull();
    await core.close();
    expect(readFileSync(libraryPath(dir.path)).includes(KEY)).toBe(false);
  });
});
