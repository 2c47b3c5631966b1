import { describe, expect, it } from 'vitest';
import type { EffectiveParams } from '../../shared/generation.ts';
import { changesInWords, parameterRows, wordDiff } from '../../shared/parameter-diff.ts';

const base: EffectiveParams = {
  model: 'midjourney-v7',
  prompt: 'a lighthouse in neon fog',
  aspectRatio: '1:1',
  stylize: 600,
  chaos: null,
  weird: null,
  quality: null,
  raw: false,
  negativePrompt: null,
  seed: 42,
  referenceImageUrl: null,
};

describe('word diff', () => {
  it('marks added and removed words in reading order', () => {
    expect(wordDiff('a lighthouse in neon fog', 'a red lighthouse in fog at dawn')).toEqual([
      { kind: 'same', text: 'a' },
      { kind: 'added', text: 'red' },
      { kind: 'same', text: 'lighthouse' },
      { kind: 'same', text: 'in' },
      { kind: 'removed', text: 'neon' },
      { kind: 'same', text: 'fog' },
      { kind: 'added', text: 'at' },
      { kind: 'added', text: 'dawn' },
    ]);
  });

  it('treats runs of spaces as one and equal prompts as unchanged', () => {
    expect(wordDiff('a  fox ', 'a fox').every((change) => change.kind === 'same')).toBe(true);
    expect(wordDiff('', 'a fox')).toEqual([
      { kind: 'added', text: 'a' },
      { kind: 'added', text: 'fox' },
    ]);
  });

  it('stays quick on the longest prompts', () => {
    const long = Array.from({ length: 1500 }, (_, i) => `w${i}`).join(' ');
    const other = Array.from({ length: 1500 }, (_, i) => `w${i % 7 === 0 ? 'x' : ''}${i}`).join(' ');
    // the thread's own CPU time: other work on a loaded machine does not count against the diff
    const started = process.threadCpuUsage();
    const changes = wordDiff(long, other);
    const used = process.threadCpuUsage(started);
    expect((used.user + used.system) / 1000).toBeLessThan(1000);
    expect(changes.filter((c) => c.kind === 'added')).toHaveLength(Math.ceil(1500 / 7));
  });
});

describe('parameter rows', () => {
  it('marks only the settings that differ', () => {
    const rows = parameterRows([base, { ...base, stylize: 50 }, { ...base, seed: 7 }]);
    expect(rows.filter((row) => row.differs).map((row) => row.label)).toEqual(['Stylize', 'Seed']);
    expect(rows.find((row) => row.key === 'stylize')?.values).toEqual(['600', '50', '600']);
    expect(rows.find((row) => row.key === 'model')?.values).toEqual(['v7', 'v7', 'v7']);
  });

  it("reads a setting left unset as Midjourney's default, the same as one given as the default", () => {
    const unset: EffectiveParams = { ...base, stylize: null, chaos: null, weird: null, quality: null };
    const given: EffectiveParams = { ...base, stylize: 100, chaos: 0, weird: 0, quality: 1 };
    const rows = parameterRows([unset, given]);
    expect(rows.filter((row) => row.differs)).toEqual([]);
    expect(rows.find((row) => row.key === 'stylize')?.values).toEqual(['100 (default)', '100 (default)']);
    expect(changesInWords(unset, given)).toBe('same settings, seed kept');
    expect(changesInWords(given, { ...given, weird: 250 })).toBe('weird 0 (default) → 250, seed kept');
  });
});

describe('lineage in words', () => {
  it('says what changed against the parent and whether the seed was kept', () => {
    expect(changesInWords(base, { ...base, stylize: 50 })).toBe('stylize 600 → 50, seed kept');
    expect(changesInWords(base, { ...base, seed: 9 })).toBe('same settings, new seed');
    expect(changesInWords(base, base)).toBe('same settings, seed kept');
    expect(changesInWords(base, { ...base, prompt: 'a lighthouse in fog at dawn', chaos: 20, raw: true, aspectRatio: '16:9', seed: 1 })).toBe(
      'prompt +“at dawn” −“neon”, aspect ratio 1:1 → 16:9, chaos 0 (default) → 20, raw style off → on, new seed',
    );
    expect(changesInWords(base, { ...base, referenceImageUrl: 'https://example.com/a.png' })).toBe('reference image added, seed kept');
  });
});
