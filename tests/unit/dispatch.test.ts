import { afterEach, describe, expect, it } from 'vitest';
import { startCore, type Core } from '../../electron/core/app.ts';
import { dispatch, type Handlers } from '../../electron/core/dispatch.ts';
import { Failure } from '../../electron/core/failure.ts';
import { channelNames } from '../../shared/contract.ts';
import { tempDir } from '../support/temp-dir.ts';

/** Every channel answering "not used", so a test states only the handler it exercises. */
function handlersWith(overrides: Partial<Handlers>): Handlers {
  const unused = Object.fromEntries(channelNames.map((name) => [name, () => { throw new Error(`${name} not used here`); }]));
  return { ...unused, ...overrides } as Handlers;
}

describe('dispatch', () => {
  const dirs: { remove(): void }[] = [];
  let core: Core | undefined;
  afterEach(async () => {
    await core?.close();
    for (const dir of dirs.splice(0)) dir.remove();
  });

  async function freshCore(): Promise<Core> {
    const dir = tempDir();
    dirs.push(dir);
    core = await startCore({ dataDir: dir.path, version: '9.9.9', shell: 'preview' });
    return core;
  }

  it('answers app:info with the version, the library folder and the active provider', async () => {
    const c = await freshCore();
    const result = await c.dispatch('app:info', undefined);
    expect(result.ok).toBe(true);
    if (!result.ok) return;
    expect(result.value).toMatchObject({ name: 'Atelier', version: '9.9.9', shell: 'preview', provider: { kind: 'sandbox' } });
  });

  it('refuses invalid input with invalid_input before the handler runs', async () => {
    let calls = 0;
    const handlers = handlersWith({
      'app:info': () => {
        calls++;
        return { name: 'x', version: '1', dataDir: '/', provider: { kind: 'sandbox', baseUrl: '', label: '' }, shell: 'preview', libraryProblem: null };
      },
    });
    const result = await dispatch(handlers, 'app:info', { sneaky: true });
    expect(result).toMatchObject({ ok: false, error: { code: 'invalid_input' } });
    expect(calls).toBe(0);
    expect(await dispatch(handlers, 'app:info', undefined)).toMatchObject({ ok: true });
    expect(calls).toBe(1);
  });

  it('refuses channels the contract does not declare, including prototype names', async () => {
    const c = await freshCore();
    for (const name of ['app:nope', '__proto__', 'constructor', 42, null]) {
      expect(await c.dispatch(name, undefined)).toMatchObject({ ok: false, error: { code: 'unknown_channel' } });
    }
  });

  it('turns a Failure into its code and words, and any other throw into internal without a stack', async () => {
    const failing = handlersWith({
      'app:info': () => {
        throw new Failure('not_found', 'That generation is gone.', { id: 'g1' });
      },
    });
    expect(await dispatch(failing, 'app:info', undefined)).toEqual({
      ok: false,
      error: { code: 'not_found', message: 'That generation is gone.', details: { id: 'g1' } },
    });
    const buggy = handlersWith({
      'app:info': () => {
        throw new Error('secret stack detail');
      },
    });
    const original = console.error;
    console.error = () => undefined;
    try {
      const result = await dispatch(buggy, 'app:info', undefined);
      expect(result).toMatchObject({ ok: false, error: { code: 'internal' } });
      expect(JSON.stringify(result)).not.toContain('secret stack detail');
    } finally {
      console.error = original;
    }
  });
});
