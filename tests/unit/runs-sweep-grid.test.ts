import { describe, expect, it } from 'vitest';
import type { EffectiveParams, GenerationStatus } from '../../shared/generation.ts';
import { sweepGrid, type SweepRun } from '../../shared/runs/sweep-grid.ts';

const base: EffectiveParams = {
  model: 'midjourney-v7', prompt: 'a teapot', aspectRatio: '1:1', stylize: null, chaos: null, weird: null,
  quality: null, raw: false, negativePrompt: null, seed: 7, referenceImageUrl: null,
};

function run(id: number, effective: Partial<EffectiveParams>, status: GenerationStatus = 'done'): SweepRun {
  return { id, status, effective: { ...base, ...effective } };
}

describe('the sweep grid', () => {
  it('puts a one-setting sweep in one row, labelled by value, in the order swept', () => {
    const grid = sweepGrid([{ parameter: 'stylize', values: [0, 500, 1000] }], [run(3, { stylize: 1000 }), run(1, { stylize: 0 }), run(2, { stylize: 500 })]);
    expect(grid?.across).toEqual({ setting: 'Stylize', labels: ['stylize 0', 'stylize 500', 'stylize 1000'] });
    expect(grid?.down).toBeNull();
    expect(grid?.cells.map((row) => row.map((cell) => cell?.id))).toEqual([[1, 2, 3]]);
  });

  it('makes an X/Y plot of two settings: the first across, the second down', () => {
    const runs = [run(1, { stylize: 0 }), run(2, { stylize: 500 }), run(3, { stylize: 0, aspectRatio: '16:9' }), run(4, { stylize: 500, aspectRatio: '16:9' }, 'failed')];
    const grid = sweepGrid([{ parameter: 'stylize', values: [0, 500] }, { parameter: 'aspectRatio', values: ['1:1', '16:9'] }], runs);
    expect(grid?.down).toEqual({ setting: 'Aspect ratio', labels: ['1:1', '16:9'] });
    expect(grid?.cells.map((row) => row.map((cell) => [cell?.id, cell?.status]))).toEqual([
      [[1, 'done'], [2, 'done']],
      [[3, 'done'], [4, 'failed']],
    ]);
  });

  it('leaves a cell empty where no run has its values, and labels models and raw in words', () => {
    const grid = sweepGrid([{ parameter: 'model', values: ['midjourney-v7', 'midjourney-v8'] }, { parameter: 'raw', values: [false, true] }], [run(1, {}), run(2, { raw: true })]);
    expect(grid?.across.labels).toEqual(['v7', 'v8']);
    expect(grid?.down?.labels).toEqual(['raw off', 'raw on']);
    expect(grid?.cells.map((row) => row.map((cell) => cell?.id ?? null))).toEqual([[1, null], [2, null]]);
  });

  it('is no grid without a sweep', () => {
    expect(sweepGrid([], [run(1, {})])).toBeNull();
  });
});
