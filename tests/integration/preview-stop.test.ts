import { spawn } from 'node:child_process';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { closeLibrary, openLibrary } from '../../electron/core/library/database.ts';
import { getGeneration, insertGeneration } from '../../electron/core/library/generations.ts';
import { newGeneration } from '../support/library.ts';
import { stubKinovi } from '../support/stub-kinovi.ts';
import { tempDir } from '../support/temp-dir.ts';

const wrapper = path.resolve(import.meta.dirname, '../support/app-wrapper.ts');

describe('stopping the preview with SIGTERM', () => {
  it('reaches the app through its launcher, which closes cleanly and records a generation still being sent', async () => {
    const kinovi = await stubKinovi();
    const dir = tempDir();
    const db = openLibrary(dir.path);
    const queued = insertGeneration(db, newGeneration({ prompt: 'sent as the service stops' }));
    closeLibrary(db);
    // Its own process group, so whatever happens the test can stop everything it started.
    const proc = spawn(process.execPath, [wrapper], {
      env: { ...process.env, ATELIER_DATA_DIR: dir.path, ATELIER_API_BASE_URL: kinovi.baseUrl, ATELIER_API_KEY: kinovi.apiKey },
      stdio: ['ignore', 'ignore', 'inherit'],
      detached: true,
    });
    const exited = new Promise<{ code: number | null; signal: NodeJS.Signals | null }>((resolve) =>
      proc.once('exit', (code, signal) => resolve({ code, signal })),
    );
    try {
      const request = await kinovi.received(); // the app started and sent the queued generation
      proc.kill('SIGTERM'); // the launcher only, as `kill <pid>` or a service manager would
      request.answer();
      expect(await exited).toEqual({ code: 0, signal: null });
      const after = openLibrary(dir.path);
      expect(getGeneration(after, queued.id)).toMatchObject({ status: 'waiting', taskId: 'task_stub1' });
      closeLibrary(after);
    } finally {
      try {
        process.kill(-proc.pid!, 'SIGKILL');
      } catch {
        // the group is already gone: the clean case
      }
      await kinovi.close();
      dir.remove();
    }
  }, 30_000);
});
