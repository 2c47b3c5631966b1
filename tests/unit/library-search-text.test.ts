import { describe, expect, it } from 'vitest';
import { parseSearchText } from '../../electron/core/library/search-text.ts';

describe('search text to FTS5', () => {
  it.each([
    ['neon city', '"neon" AND "city"', null, []],
    ['"golden hour" fox', '"golden hour" AND "fox"', null, []],
    ['neon*', '"neon"*', null, []],
    ['"neon ci"*', '"neon ci"*', null, []],
    ['castle -blurry -"low quality"', '"castle"', '"blurry" OR "low quality"', []],
    ['-blurry', null, '"blurry"', []],
    ['a"b', '"a""b"', null, []],
    ['"unbalanced phrase', '"unbalanced phrase"', null, []],
    ['NEAR(neon, 2) OR', '"NEAR(neon," AND "2)" AND "OR"', null, []],
    ['prompt:neon', '"prompt:neon"', null, []],
    ['🎨 * - ^ {} ""', null, null, ['🎨', '*', '-', '^', '{}', '""']],
    ['neon\u0000city', '"neon city"', null, []],
  ] as const)('%j', (input, match, exclude, ignored) => {
    expect(parseSearchText(input)).toEqual({ match, exclude, ignored });
  });

  it('keeps at most 32 terms and drops overlong ones', () => {
    const many = parseSearchText(Array.from({ length: 40 }, (_, i) => `w${i}`).join(' '));
    expect(many.match?.split(' AND ')).toHaveLength(32);
    expect(many.ignored).toHaveLength(8);
    expect(parseSearchText('x'.repeat(300)).match).toBeNull();
  });
});
