import { describe, expect, it } from 'vitest';
import { expandPrompt, MAX_RUNS_PER_ACTION } from '../../shared/runs/expand.ts';

const prompts = (text: string) => {
  const result = expandPrompt(text);
  if (!result.ok) throw new Error(`expected runs, got: ${result.message}`);
  return result.prompts;
};
const problem = (text: string) => {
  const result = expandPrompt(text);
  if (result.ok) throw new Error(`expected a message, got ${result.prompts.length} runs`);
  return result.message;
};

describe('permutations', () => {
  it('makes one run per option', () => {
    expect(prompts('a {red, blue} bird')).toEqual(['a red bird', 'a blue bird']);
  });
  it('multiplies several groups', () => {
    expect(prompts('a {red, blue} {bird, fish}')).toEqual(['a red bird', 'a red fish', 'a blue bird', 'a blue fish']);
  });
  it('expands nested braces', () => {
    expect(prompts('a {big {red, blue}, small} bird')).toEqual(['a big red bird', 'a big blue bird', 'a small bird']);
  });
  it('keeps an escaped comma inside an option', () => {
    expect(prompts('a {red\\, tall, blue} bird')).toEqual(['a red, tall bird', 'a blue bird']);
  });
  it('keeps escaped braces as plain braces', () => {
    expect(prompts('a \\{curly\\} bird')).toEqual(['a {curly} bird']);
  });
  it('permutes flag values', () => {
    expect(prompts('a bird --ar {1:1, 16:9}')).toEqual(['a bird --ar 1:1', 'a bird --ar 16:9']);
  });
  it('leaves a plain prompt alone, commas included', () => {
    expect(prompts('a bird, at dawn')).toEqual(['a bird, at dawn']);
  });
});

describe('--repeat', () => {
  it('repeats the prompt and removes the flag', () => {
    expect(prompts('a bird --repeat 3')).toEqual(['a bird', 'a bird', 'a bird']);
    expect(prompts('a bird --r 2 --ar 16:9')).toEqual(['a bird --ar 16:9', 'a bird --ar 16:9']);
  });
  it('accepts the long dash phones type', () => {
    expect(prompts('a bird \u2014r 2')).toHaveLength(2);
  });
  it('multiplies with permutations', () => {
    expect(prompts('a {red, blue} bird --r 2')).toEqual(['a red bird', 'a red bird', 'a blue bird', 'a blue bird']);
  });
  it('does not take --raw for --r', () => {
    expect(prompts('a bird --raw')).toEqual(['a bird --raw']);
  });
  it('refuses a missing, zero, fractional or too large count in words', () => {
    expect(problem('a bird --repeat')).toMatch(/whole number from 1 to 40/);
    expect(problem('a bird --r 0')).toMatch(/whole number from 1 to 40/);
    expect(problem('a bird --r 2.5')).toMatch(/whole number from 1 to 40/);
    expect(problem('a bird --r 41')).toMatch(/whole number from 1 to 40/);
    expect(problem('a bird --r 2 --r 3')).toMatch(/twice/);
  });
  it('allows exactly 40', () => {
    expect(prompts('a bird --r 40')).toHaveLength(MAX_RUNS_PER_ACTION);
  });
});

describe('limits and malformed braces', () => {
  it('refuses more than 40 runs, saying how many were asked for', () => {
    expect(problem('{a,b,c,d,e,f,g} {a,b,c,d,e,f,g}')).toMatch(/49 runs; at most 40/);
    expect(problem('{a, b, c} --r 20')).toMatch(/60 runs; at most 40/);
  });
  it('refuses a huge product without building it', () => {
    const text = Array.from({ length: 30 }, () => '{a,b,c,d,e,f,g,h,i,j}').join(' ');
    expect(problem(text)).toMatch(/at most 40/);
  });
  it('explains an unclosed { and a stray }', () => {
    expect(problem('a {red, blue bird')).toMatch(/The \{ at character 3 is never closed/);
    expect(problem('a red} bird')).toMatch(/\} without its \{/);
  });
  it('refuses braces nested too deep', () => {
    expect(problem('{'.repeat(20) + 'a' + '}'.repeat(20))).toMatch(/nest more than/);
  });
  it('never throws on odd input', () => {
    for (const odd of ['', '{', '}', '{}', '{,}', '\\', '\\{', '{{}}', '--r', undefined as unknown as string, 42 as unknown as string]) {
      expect(() => expandPrompt(odd)).not.toThrow();
    }
  });
});
