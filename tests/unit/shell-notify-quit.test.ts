import { describe, expect, it } from 'vitest';
import { finishNotice } from '../../electron/core/desktop/notify.ts';
import { planQuit, quitQuestion } from '../../electron/core/desktop/quit.ts';
import type { Generation } from '../../shared/generation.ts';

function generation(change: Partial<Generation>): Generation {
  return {
    id: 7,
    params: { model: 'midjourney-v7', prompt: 'a lighthouse at dusk --ar 3:2' },
    effective: {
      model: 'midjourney-v7', prompt: 'a lighthouse at dusk', aspectRatio: '3:2', stylize: null, chaos: null, weird: null,
      quality: null, raw: false, negativePrompt: null, seed: 1, referenceImageUrl: null,
    },
    status: 'done', errorCode: null, errorMessage: null, taskId: 't', credits: 12, favorite: false, parentId: null,
    createdAt: 0, updatedAt: 0, submittedAt: 0, completedAt: 0, retry: null, source: 'kinovi', midjourneyJobId: null, images: [],
    ...change,
  } as Generation;
}
const fourImages = [0, 1, 2, 3].map((index) => ({ index })) as unknown as Generation['images'];

describe('finish notification', () => {
  it('tells an artist who looked away that their images are ready', () => {
    expect(finishNotice('downloading', generation({ images: fourImages }), false)).toEqual({ title: 'Your images are ready', body: 'a lighthouse at dusk' });
  });

  it('says when a generation failed, with the reason', () => {
    const failed = generation({ status: 'failed', errorMessage: 'Kinovi refused the prompt.' });
    expect(finishNotice('generating', failed, false)).toEqual({ title: 'A generation did not finish', body: 'a lighthouse at dusk\nKinovi refused the prompt.' });
  });

  it('stays quiet while the window has focus', () => {
    expect(finishNotice('downloading', generation({}), true)).toBeNull();
  });

  it('stays quiet for updates that are not a finish the shell saw coming', () => {
    expect(finishNotice(undefined, generation({}), false)).toBeNull(); // never seen on its way
    expect(finishNotice('done', generation({ favorite: true }), false)).toBeNull(); // a favourite toggled
    expect(finishNotice('queued', generation({ status: 'submitting' }), false)).toBeNull(); // still on its way
    expect(finishNotice('queued', generation({ status: 'cancelled' }), false)).toBeNull();
    expect(finishNotice('submitting', generation({ status: 'unknown' }), false)).toBeNull();
  });

  it('shortens long prompts to one line', () => {
    const long = generation({ effective: { ...generation({}).effective, prompt: `a very\nlong ${'word '.repeat(40)}` } });
    const body = finishNotice('downloading', long, false)?.body ?? '';
    expect(body.length).toBe(90);
    expect(body).not.toContain('\n');
    expect(body.endsWith('…')).toBe(true);
  });
});

describe('quit decision', () => {
  it('quits at once when nothing is on its way', () => {
    expect(planQuit({ phase: 'running', unfinished: 0, confirmed: false })).toEqual({ do: 'close-core' });
  });

  it('asks once when generations are on their way, then closes', () => {
    expect(planQuit({ phase: 'running', unfinished: 3, confirmed: false })).toEqual({ do: 'ask', unfinished: 3 });
    expect(planQuit({ phase: 'running', unfinished: 3, confirmed: true })).toEqual({ do: 'close-core' });
  });

  it('holds further quit attempts while closing, and lets the last one through', () => {
    expect(planQuit({ phase: 'closing', unfinished: 3, confirmed: true })).toEqual({ do: 'wait' });
    expect(planQuit({ phase: 'closed', unfinished: 3, confirmed: false })).toEqual({ do: 'proceed' });
  });

  it('asks in the artist’s words', () => {
    expect(quitQuestion(3)).toMatchObject({
      message: '3 generations are still on their way. Quit anyway?',
      detail: 'They will continue the next time you open Atelier.',
      buttons: ['Quit', 'Cancel'],
      cancelId: 1,
    });
    expect(quitQuestion(1).message).toBe('1 generation is still on its way. Quit anyway?');
  });
});
