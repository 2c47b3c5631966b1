import { afterEach, describe, expect, it } from 'vitest';
import { closeLibrary, openLibrary } from '../../electron/core/library/database.ts';
import { getRequestBody, insertGeneration } from '../../electron/core/library/generations.ts';
import type { Generation } from '../../shared/generation.ts';
import { newGeneration } from '../support/library.ts';
import { stubKinovi } from '../support/stub-kinovi.ts';
import { tempDir } from '../support/temp-dir.ts';
import { call, startTestCore } from '../support/test-core.ts';

describe('the request body', () => {
  const cleanups: Array<() => Promise<void> | void> = [];
  afterEach(async () => {
    for (const cleanup of cleanups.splice(0).reverse()) await cleanup();
  });

  it('is sent exactly as the library stored it, byte for byte', async () => {
    const kinovi = await stubKinovi();
    const dir = tempDir();
    cleanups.push(() => dir.remove(), () => kinovi.close());
    // Queued by an older Atelier whose builder wrote the fields in another order and spacing:
    // what the library says was asked must be what goes out.
    const older = '{"inputs": {"seed": 7, "prompt": "written by an older Atelier"}, "model": "midjourney-v7"}';
    const db = openLibrary(dir.path);
    insertGeneration(db, newGeneration({ prompt: 'written by an older Atelier', seed: 7 }, { requestBody: older }), 1);
    closeLibrary(db);

    const core = await startTestCore(dir.path, { apiKey: kinovi.apiKey, apiBaseUrl: kinovi.baseUrl });
    cleanups.push(() => core.close());
    const first = await kinovi.received();
    first.answer();
    const made = await call<Generation>(core, 'generation:create', {
      params: { model: 'midjourney-v8', prompt: 'a heron --chaos 20 «ü»', stylize: 300, raw: true, negativePrompt: 'text' },
    });
    const second = await kinovi.received();
    second.answer();
    await core.close();

    const check = openLibrary(dir.path);
    cleanups.push(() => closeLibrary(check));
    expect(first.body).toBe(older);
    expect(second.body).toBe(getRequestBody(check, made.id));
    expect(JSON.parse(second.body)).toMatchObject({ model: 'midjourney-v8', inputs: { prompt: 'a heron --chaos 20 «ü»', stylize: 300, style: 'raw', no: 'text' } });
  });
});
