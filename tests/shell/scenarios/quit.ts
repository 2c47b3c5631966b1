/**
 * Quitting with a generation on its way: the app asks first; Cancel keeps it running; Quit closes
 * the library and exits; the next start sends the generation and it finishes. The API is a Sandbox
 * this harness runs (the app's own has no test controls), kept answering "busy" so the generation
 * is structurally still queued when the quit comes.
 */
import assert from 'node:assert/strict';
import { startSandbox, type Sandbox } from '../../../electron/core/sandbox/index.ts';
import type { Generation } from '../../../shared/generation.ts';
import type { Scenario, ScenarioContext } from '../harness/runner.ts';
import { finished, generate } from '../harness/studio.ts';

export const quitWithRuns: Scenario = {
  id: 'quit',
  name: 'quit with a generation on its way, and resume at the next start',
  async run(t) {
    const api = await startSandbox({ waitingMs: 200, generatingMs: 400 });
    try {
      await quitAndResume(t, { ATELIER_API_BASE_URL: api.baseUrl, ATELIER_API_KEY: api.apiKey }, api);
    } finally {
      await api.close();
    }
  },
};

/** The checks, against `api` (the app reaches it through `env`). */
async function quitAndResume(t: ScenarioContext, env: Record<string, string>, api: Sandbox): Promise<void> {
  const first = t.launch({ env });
  const prompt = 'a lantern festival seen from a bridge';
  let queued: Generation | undefined;

  await t.check('a generation waits in the queue while the API says it is busy', async () => {
    await first.loaded();
    api.faults.add({ endpoint: 'createTask', kind: 'status', status: 429 });
    queued = await generate(first, prompt);
    await first.waitForPush<Generation>('generation:updated', (update) => update.id === queued?.id && update.status === 'queued' && update.updatedAt > (queued?.updatedAt ?? 0), 30_000);
  });

  await t.check('quit asks first, attached to the window; Cancel keeps the studio running', async () => {
    await first.call('answerDialogs', [1]);
    await first.call('app', 'quit');
    await first.waitFor('the quit question', (note) => note.type === 'message-box', 10_000);
    const snapshot = await first.snapshot();
    const [box] = snapshot.messageBoxes;
    assert.equal(box?.options.message, '1 generation is still on its way. Quit anyway?');
    assert.deepEqual(box?.options.buttons, ['Quit', 'Cancel']);
    assert.equal(box?.options.cancelId, 1);
    assert.equal(box?.attached, true, 'the question is attached to the studio window');
    assert.equal((await first.ask<{ name: string }>('app:info')).name, 'Atelier', 'still answering after Cancel');
    assert.equal(snapshot.windows.length, 1);
  });

  await t.check('Quit closes the library and exits', async () => {
    await first.call('answerDialogs', [0]);
    await first.call('app', 'quit');
    assert.deepEqual(await first.waitForExit(), { code: 0, signal: null });
    assert.equal(first.notes.filter((note) => note.type === 'message-box').length, 2, 'asked once per quit attempt, not again while closing');
  });

  await t.check('the next start sends the generation and it finishes', async () => {
    api.faults.clear();
    const second = t.launch({ env });
    await second.loaded();
    const done = await finished(second, queued?.id ?? -1);
    assert.equal(done.status, 'done', done.errorMessage ?? '');
    assert.equal(done.images.length, 4);
    await second.call('app', 'quit');
    assert.deepEqual(await second.waitForExit(), { code: 0, signal: null });
  });
}
