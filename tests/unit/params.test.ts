import { describe, expect, it } from 'vitest';
import type { GenerationParams } from '../../shared/generation.ts';
import { resolveEffectiveParams } from '../../shared/effective-params.ts';
import { generationParamsSchema, parsePromptFlags } from '../../shared/params.ts';

const base = { model: 'midjourney-v7', prompt: 'a quiet harbour at dawn' } as const;

function firstMessage(input: unknown): string | undefined {
  const result = generationParamsSchema.safeParse(input);
  return result.success ? undefined : result.error.issues[0]?.message;
}

describe('generationParamsSchema', () => {
  it('accepts a full set of settings and keeps them', () => {
    const input = {
      ...base,
      aspectRatio: '16:9',
      stylize: 1000,
      chaos: 0,
      weird: 3000,
      quality: 0.25,
      raw: true,
      negativePrompt: 'text, watermark',
      seed: 4294967295,
      referenceImageUrl: 'https://example.com/ref.png',
    };
    expect(generationParamsSchema.parse(input)).toEqual(input);
  });

  it('turns empty or blank optional text and nulls into absent fields', () => {
    const parsed = generationParamsSchema.parse({ ...base, negativePrompt: '   ', referenceImageUrl: '', seed: null, stylize: '' });
    expect(parsed).toEqual(base);
    expect('negativePrompt' in parsed).toBe(false);
    expect('referenceImageUrl' in parsed).toBe(false);
  });

  it('trims the prompt and refuses an empty or blank one', () => {
    expect(generationParamsSchema.parse({ ...base, prompt: '  a cat  ' }).prompt).toBe('a cat');
    expect(firstMessage({ ...base, prompt: '' })).toBe('Write a prompt: it cannot be empty');
    expect(firstMessage({ ...base, prompt: ' \n\t ' })).toBe('Write a prompt: it cannot be empty');
    expect(firstMessage({ model: 'midjourney-v7' })).toBe('Write a prompt: it cannot be empty');
  });

  it('caps the prompt at 6000 characters', () => {
    expect(generationParamsSchema.safeParse({ ...base, prompt: 'a'.repeat(6000) }).success).toBe(true);
    expect(firstMessage({ ...base, prompt: 'a'.repeat(6001) })).toMatch(/at most 6000 characters/);
  });

  it.each([
    ['stylize', 1001, 'Stylize must be a whole number from 0 to 1000'],
    ['stylize', -1, 'Stylize must be a whole number from 0 to 1000'],
    ['stylize', 10.5, 'Stylize must be a whole number from 0 to 1000'],
    ['stylize', '100', 'Stylize must be a whole number from 0 to 1000'],
    ['chaos', 101, 'Chaos must be a whole number from 0 to 100'],
    ['weird', 3001, 'Weird must be a whole number from 0 to 3000'],
    ['seed', 4294967296, 'Seed must be a whole number from 0 to 4294967295'],
    ['seed', Number.NaN, 'Seed must be a whole number from 0 to 4294967295'],
    ['quality', 2, 'Quality must be 0.25, 0.5 or 1'],
    ['aspectRatio', '7:3', 'Aspect ratio must be one of 1:1, 16:9, 9:16, 3:4, 4:3, 21:9, 3:2, 2:3, 4:5, 5:4'],
    ['model', 'midjourney-v6', 'Choose a model: midjourney-v7, midjourney-v8, midjourney-v7-niji'],
    ['raw', 'yes', 'Raw style is either on or off'],
    ['referenceImageUrl', 'http://example.com/a.png', 'The reference image must be a web address starting with https://'],
    ['referenceImageUrl', 'not a url', 'The reference image must be a web address starting with https://'],
  ])('refuses %s = %s in words an artist understands', (field, value, message) => {
    expect(firstMessage({ ...base, [field]: value })).toBe(message);
  });

  it('accepts the boundaries of every range', () => {
    for (const [field, value] of [['stylize', 0], ['chaos', 100], ['weird', 0], ['seed', 0], ['quality', 1], ['quality', 0.5]] as const) {
      expect(generationParamsSchema.safeParse({ ...base, [field]: value }).success).toBe(true);
    }
  });
});

describe('parsePromptFlags', () => {
  it('finds every known flag at the end of a prompt and strips them', () => {
    const parsed = parsePromptFlags('a fox in snow --ar 16:9 --seed 42 --s 250 --chaos 10 --w 300 --q 0.5 --style raw --no text, watermark');
    expect(parsed.prompt).toBe('a fox in snow');
    expect(parsed.flags).toEqual({
      aspectRatio: '16:9',
      seed: 42,
      stylize: 250,
      chaos: 10,
      weird: 300,
      quality: 0.5,
      raw: true,
      negativePrompt: 'text, watermark',
    });
    expect(parsed.problems).toEqual([]);
    expect(parsed.unknownFlags).toEqual([]);
    expect(parsed.flagTexts.aspectRatio).toBe('--ar 16:9');
  });

  it('reads long names and short aliases alike', () => {
    const parsed = parsePromptFlags('x --aspect 4:3 --stylize 5 --c 7 --weird 9 --quality 1 --version 8');
    expect(parsed.flags).toEqual({ aspectRatio: '4:3', stylize: 5, chaos: 7, weird: 9, quality: 1, model: 'midjourney-v8' });
  });

  it('reads flags at the start and in the middle, keeping the words around them', () => {
    expect(parsePromptFlags('--ar 9:16 a tall tower').prompt).toBe('a tall tower');
    const middle = parsePromptFlags('a cat --seed 7 sitting on a mat');
    expect(middle.prompt).toBe('a cat sitting on a mat');
    expect(middle.flags.seed).toBe(7);
  });

  it('lets --no run until the next flag, over several words', () => {
    const parsed = parsePromptFlags('portrait --no blurry hands, extra fingers --ar 3:4');
    expect(parsed.flags.negativePrompt).toBe('blurry hands, extra fingers');
    expect(parsed.flags.aspectRatio).toBe('3:4');
    expect(parsed.prompt).toBe('portrait');
  });

  it('copes with odd spacing, tabs, newlines and upper-case flag names', () => {
    const parsed = parsePromptFlags('  a   lake\n\n--AR    21:9\t--S\t100   ');
    expect(parsed.prompt).toBe('a lake');
    expect(parsed.flags).toEqual({ aspectRatio: '21:9', stylize: 100 });
  });

  it('accepts the long dash phones and macOS type instead of --', () => {
    expect(parsePromptFlags('dunes \u2014ar 16:9').flags.aspectRatio).toBe('16:9');
  });

  it('reads --raw, --niji and --niji 7 as flags', () => {
    expect(parsePromptFlags('a --raw').flags).toEqual({ raw: true });
    expect(parsePromptFlags('a --niji').flags).toEqual({ model: 'midjourney-v7-niji' });
    const niji7 = parsePromptFlags('a --niji 7 b');
    expect(niji7.flags).toEqual({ model: 'midjourney-v7-niji' });
    expect(niji7.prompt).toBe('a b');
    expect(parsePromptFlags('a --niji 6').problems[0]).toMatch(/only Niji 7/);
    expect(parsePromptFlags('a --v 7').flags.model).toBe('midjourney-v7');
  });

  it.each([
    ['x --ar 7:3', /--ar 7:3: Aspect ratio must be one of/],
    ['x --s 5000', /--s 5000: Stylize must be a whole number from 0 to 1000/],
    ['x --s 12.5', /Stylize must be a whole number/],
    ['x --chaos -3', /--chaos -3: Chaos must be a whole number from 0 to 100/],
    ['x --seed 99999999999', /Seed must be a whole number from 0 to 4294967295/],
    ['x --q 2', /--q 2: Quality must be 0.25, 0.5 or 1/],
    ['x --v 6', /only versions 7 and 8/],
    ['x --style cute', /only --style raw/],
    ['x --ar', /--ar needs a value, e.g. --ar 16:9/],
    ['x --seed --ar 1:1', /--seed needs a value/],
    ['x --no', /--no needs the things to leave out/],
  ])('reports a problem for %s and does not use the value', (prompt, problem) => {
    const parsed = parsePromptFlags(prompt);
    expect(parsed.problems).toHaveLength(1);
    expect(parsed.problems[0]).toMatch(problem);
    expect(parsed.prompt).toBe('x');
  });

  it('uses the last of duplicate flags and says so when they disagree', () => {
    const parsed = parsePromptFlags('x --ar 1:1 --ar 16:9');
    expect(parsed.flags.aspectRatio).toBe('16:9');
    expect(parsed.problems).toEqual(['Aspect ratio is set twice in the prompt (--ar 1:1, then --ar 16:9); the last one counts']);
    expect(parsePromptFlags('x --s 5 --stylize 5').problems).toEqual([]);
  });

  it('lists unknown flags with their values and removes them from the prompt', () => {
    const parsed = parsePromptFlags('a bird --tile --stop 50 --sref https://x.test/a.png --foo bar');
    expect(parsed.unknownFlags).toEqual(['--tile', '--stop 50', '--sref https://x.test/a.png', '--foo']);
    expect(parsed.prompt).toBe('a bird bar');
    expect(parsed.problems).toEqual([]);
  });

  it('leaves words that merely contain dashes alone', () => {
    const parsed = parsePromptFlags('rock--roll poster - bold -- loud https://a.test/x--y');
    expect(parsed.prompt).toBe('rock--roll poster - bold -- loud https://a.test/x--y');
    expect(parsed.flags).toEqual({});
    expect(parsed.unknownFlags).toEqual([]);
  });

  it('keeps unicode prompts intact', () => {
    const parsed = parsePromptFlags('桜の木 🌸 café façade --ar 2:3 --no 文字');
    expect(parsed.prompt).toBe('桜の木 🌸 café façade');
    expect(parsed.flags).toEqual({ aspectRatio: '2:3', negativePrompt: '文字' });
  });

  it('never throws on garbage', () => {
    const samples = ['', '--', '---', '— —', '--ar:16:9', '--\u0000', '\uD800--s 1', '--s '.repeat(500), '-'.repeat(10000), '--no --no --no', null, undefined, 42];
    for (const sample of samples) {
      expect(() => parsePromptFlags(sample as string)).not.toThrow();
    }
    expect(parsePromptFlags('--ar16:9 x').unknownFlags).toEqual(['--ar16:9']);
  });

  it('on random flag-heavy text, always leaves a prompt free of flags and keeps every plain word', () => {
    // A small deterministic generator: the same 3000 cases on every run.
    let state = 12345;
    const next = () => (state = (state * 1103515245 + 12345) % 2147483648) / 2147483648;
    const pieces = ['--ar', '--s', '--no', '--niji', '--raw', '--style', '\u2014v', '--seed', '--x', '16:9', '7:3', '250', '-3', 'raw', 'cat', 'sea,', '猫', ' ', '\n', '--', ':'];
    for (let n = 0; n < 3000; n++) {
      const text = Array.from({ length: Math.floor(next() * 12) }, () => pieces[Math.floor(next() * pieces.length)]).join(next() < 0.5 ? ' ' : '  ');
      const parsed = parsePromptFlags(text);
      for (const word of parsed.prompt.split(' ').filter(Boolean)) expect(word).not.toMatch(/^(--|\u2014)[^\s-]/);
      if (!/--|\u2014/.test(text)) expect(parsed.prompt).toBe(text.trim().split(/\s+/).filter(Boolean).join(' '));
    }
  });
});

describe('resolveEffectiveParams', () => {
  const params: GenerationParams = { model: 'midjourney-v7', prompt: 'a fox' };

  it('fills defaults and uses the given seed when nothing sets one', () => {
    const { effective, overrides, problems } = resolveEffectiveParams(params, 1234);
    expect(effective).toEqual({
      model: 'midjourney-v7',
      prompt: 'a fox',
      aspectRatio: '1:1',
      stylize: null,
      chaos: null,
      weird: null,
      quality: null,
      raw: false,
      negativePrompt: null,
      seed: 1234,
      referenceImageUrl: null,
    });
    expect(overrides).toEqual([]);
    expect(problems).toEqual([]);
  });

  it('lets a flag win over a field and reports the override', () => {
    const { effective, overrides } = resolveEffectiveParams({ ...params, prompt: 'a fox --ar 16:9 --seed 9', aspectRatio: '1:1', seed: 5 }, 77);
    expect(effective.aspectRatio).toBe('16:9');
    expect(effective.seed).toBe(9);
    expect(effective.prompt).toBe('a fox');
    expect(overrides).toEqual([
      { field: 'aspectRatio', fieldValue: '1:1', flagValue: '16:9', message: '--ar 16:9 in the prompt overrides the Aspect ratio field (1:1)' },
      { field: 'seed', fieldValue: 5, flagValue: 9, message: '--seed 9 in the prompt overrides the Seed field (5)' },
    ]);
  });

  it('does not report an override when the field is unset or agrees with the flag', () => {
    const { effective, overrides } = resolveEffectiveParams({ ...params, prompt: 'a fox --s 100 --chaos 5 --raw', stylize: 100, raw: false }, 1);
    expect(effective).toMatchObject({ stylize: 100, chaos: 5, raw: true });
    expect(overrides).toEqual([]);
  });

  it('reports a model chosen by flag over the Model field', () => {
    const { effective, overrides } = resolveEffectiveParams({ ...params, prompt: 'a fox --niji' }, 1);
    expect(effective.model).toBe('midjourney-v7-niji');
    expect(overrides[0]?.message).toBe('--niji in the prompt overrides the Model field (midjourney-v7)');
  });

  it('keeps the field when the flag is invalid and passes the problem on', () => {
    const { effective, problems } = resolveEffectiveParams({ ...params, prompt: 'a fox --s 5000', stylize: 50, negativePrompt: 'dogs' }, 1);
    expect(effective.stylize).toBe(50);
    expect(effective.negativePrompt).toBe('dogs');
    expect(problems).toEqual(['--s 5000: Stylize must be a whole number from 0 to 1000']);
  });

  it('warns when the prompt is nothing but flags', () => {
    expect(resolveEffectiveParams({ ...params, prompt: '--ar 16:9' }, 1).problems).toContain('The prompt has only flags: describe what to picture, too');
  });
});
