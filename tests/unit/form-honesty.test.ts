import { describe, expect, it } from 'vitest';
import { firstInvalidInput, promptSettings, settingsSummary } from '../../renderer/src/lib/form-honesty.ts';

describe('the honest form', () => {
  it('summarises every setting that is not the default, prompt flags included', () => {
    const flags = promptSettings('a fox --s 600').flags;
    expect(settingsSummary({ model: 'midjourney-v7', prompt: 'a fox --s 600', raw: true, negativePrompt: 'text, watermark' }, flags)).toBe('raw · no: text, watermark · s 600');
    expect(settingsSummary({ model: 'midjourney-v7', prompt: 'a fox', raw: false, aspectRatio: '1:1' }, {})).toBe('');
    expect(settingsSummary({ model: 'midjourney-v8', prompt: 'a fox', seed: 42, referenceImageUrl: 'https://example.com/a.png' }, { aspectRatio: '16:9' })).toBe('v8 · 16:9 · seed 42 · reference image');
  });
  it('reads the flags of the first run a permuted prompt makes', () => {
    expect(promptSettings('a fox --ar {16:9, 1:1}')).toEqual({ flags: { aspectRatio: '16:9' }, typed: { aspectRatio: '--ar 16:9' } });
  });
  it('finds the first invalid input from the top', () => {
    expect(firstInvalidInput({ seed: 'x', chaos: 'y' })).toBe('chaos');
    expect(firstInvalidInput({})).toBeNull();
  });
});
