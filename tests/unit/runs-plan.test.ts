import { describe, expect, it } from 'vitest';
import type { GenerationParams } from '../../shared/generation.ts';
import { batchName, planRuns, sweptText } from '../../shared/runs/plan.ts';
import { readSweepValues } from '../../shared/runs/sweep.ts';

const base: GenerationParams = { model: 'midjourney-v7', prompt: 'a lighthouse at dusk' };

describe('sweep values', () => {
  it('reads lists and ranges', () => {
    expect(readSweepValues('stylize', '0, 250, 500')).toEqual({ ok: true, values: [0, 250, 500] });
    expect(readSweepValues('stylize', '0 to 1000 step 250')).toEqual({ ok: true, values: [0, 250, 500, 750, 1000] });
    expect(readSweepValues('model', 'v7, niji')).toEqual({ ok: true, values: ['midjourney-v7', 'midjourney-v7-niji'] });
    expect(readSweepValues('aspectRatio', '1:1, 16:9')).toEqual({ ok: true, values: ['1:1', '16:9'] });
    expect(readSweepValues('quality', '0.5, 1')).toEqual({ ok: true, values: [0.5, 1] });
    expect(readSweepValues('raw', '')).toEqual({ ok: true, values: [false, true] });
  });
  it('refuses values out of range, one value, or too many, in words', () => {
    expect(readSweepValues('stylize', '0, 2000')).toMatchObject({ ok: false, message: expect.stringMatching(/"2000" is not a stylize value/) });
    expect(readSweepValues('chaos', '5')).toMatchObject({ ok: false, message: expect.stringMatching(/at least two/) });
    expect(readSweepValues('weird', '0 to 3000 step 1')).toMatchObject({ ok: false, message: expect.stringMatching(/more than 40/) });
    expect(readSweepValues('stylize', '500 to 0 step 100')).toMatchObject({ ok: false });
  });
});

describe('planRuns', () => {
  it('sweeps one setting with one shared seed', () => {
    const plan = planRuns(base, [{ parameter: 'stylize', values: [0, 500] }], 77);
    expect(plan.ok && plan.runs.map((r) => [r.params.stylize, r.params.seed])).toEqual([[0, 77], [500, 77]]);
  });
  it('keeps a seed the artist set', () => {
    const plan = planRuns({ ...base, seed: 5 }, [{ parameter: 'chaos', values: [0, 50] }], 77);
    expect(plan.ok && plan.runs.map((r) => r.params.seed)).toEqual([5, 5]);
  });
  it('makes an X/Y grid of two settings', () => {
    const plan = planRuns(base, [{ parameter: 'stylize', values: [0, 500] }, { parameter: 'aspectRatio', values: ['1:1', '16:9'] }], 1);
    expect(plan.ok && plan.runs.map((r) => sweptText([{ parameter: 'stylize', values: [] }, { parameter: 'aspectRatio', values: [] }], r.sweptValues))).toEqual([
      'stylize 0 · 1:1', 'stylize 500 · 1:1', 'stylize 0 · 16:9', 'stylize 500 · 16:9',
    ]);
  });
  it('leaves the seed unset for repeats so each run gets its own', () => {
    const plan = planRuns({ ...base, prompt: 'a bird --r 3' });
    expect(plan.ok && plan.runs.map((r) => [r.params.prompt, r.params.seed])).toEqual([['a bird', undefined], ['a bird', undefined], ['a bird', undefined]]);
  });
  it('refuses a sweep that a prompt flag would override', () => {
    expect(planRuns({ ...base, prompt: 'a bird --s 600' }, [{ parameter: 'stylize', values: [0, 500] }], 1)).toMatchObject({ ok: false, message: expect.stringMatching(/--s 600 in the prompt would win/) });
  });
  it('counts permutations times sweep values against the limit', () => {
    expect(planRuns({ ...base, prompt: '{a,b,c,d,e} bird' }, [{ parameter: 'chaos', values: [0, 10, 20, 30, 40, 50, 60, 70, 80] }], 1)).toMatchObject({ ok: false, message: expect.stringMatching(/45 runs/) });
  });
  it('names the batch after the prompt', () => {
    expect(batchName({ ...base, prompt: 'a {red, blue} bird --ar 16:9' })).toBe('a {red, blue} bird');
    expect(batchName(base, [{ parameter: 'stylize', values: [] }])).toBe('a lighthouse at dusk · stylize sweep');
  });
});

describe('batchName', () => {
  it('leaves out flags, permuted ones included, and shortens long prompts', () => {
    expect(batchName({ ...base, prompt: 'a {red, blue} bird --r 2 --ar {1:1, 16:9}' })).toBe('a {red, blue} bird');
    expect(batchName({ ...base, prompt: `${'word '.repeat(30)}--s 100` })).toMatch(/^word word .*…$/);
  });
});
