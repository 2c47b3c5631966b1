import { describe, expect, it } from 'vitest';
import type { QueryNode } from '../../shared/query/ast.ts';
import { momentsOf } from '../../shared/query/dates.ts';
import { parseQuery } from '../../shared/query/parse.ts';

/** The tree as short text, so each case reads at a glance: and(…), or(…), not(…), terms by kind. */
function show(node: QueryNode | null): string {
  if (node === null) return '∅';
  switch (node.kind) {
    case 'and':
    case 'or':
      return `${node.kind}(${node.items.map(show).join(' ')})`;
    case 'not':
      return `not(${show(node.item)})`;
    case 'text':
      return `${node.column === 'negative' ? 'no:' : ''}${node.exact ? `"${node.text}"` : `${node.text}…`}`;
    case 'range': {
      const low = node.lowest ? `${node.lowest.included ? '[' : '('}${node.lowest.value}` : '(';
      const high = node.highest ? `${node.highest.value}${node.highest.included ? ']' : ')'}` : ')';
      return `${node.field}${low},${high}`;
    }
    case 'aspect':
    case 'model':
    case 'status':
      return `${node.kind}=${node.value}`;
    case 'flag':
      return `is:${node.flag}`;
    case 'date':
      return `date=${JSON.stringify(node.range)}`;
    case 'tag':
    case 'collection':
      return `${node.kind}=${node.name}`;
    case 'batch':
      return `batch=${node.id}`;
    case 'stack':
      return `stack=${node.id}`;
  }
}

const tree = (text: string) => {
  const parsed = parseQuery(text);
  if (!parsed.ok) throw new Error(`unexpected problem: ${parsed.problem.message}`);
  return show(parsed.root);
};
const problem = (text: string) => {
  const parsed = parseQuery(text);
  if (parsed.ok) throw new Error(`expected a problem for ${text}`);
  return parsed.problem;
};

describe('words, phrases, exclusions, OR and brackets', () => {
  it.each([
    ['fisher', 'fisher…'],
    ['"fisher"', '"fisher"'],
    ['"red fox"', '"red fox"'],
    ['"golden ho"*', 'golden ho…'],
    ['neo*', 'neo…'],
    ['kids in a sandbox', 'and(kids… in… a… sandbox…)'],
    ['castle -fog', 'and(castle… not(fog…))'],
    ['-"golden hour"', 'not("golden hour")'],
    ['a b OR c', 'or(and(a… b…) c…)'],
    ['a OR b c', 'or(a… and(b… c…))'],
    ['-a OR b', 'or(not(a…) b…)'],
    ['(a OR b) c', 'and(or(a… b…) c…)'],
    ['-(a OR b)', 'not(or(a… b…))'],
    ['a or b', 'and(a… or… b…)'],
    ['((a))', 'a…'],
    ['', '∅'],
    ['*** 🎨', '∅'],
  ])('%s → %s', (text, expected) => {
    expect(tree(text)).toBe(expected);
  });

  it('lists what holds nothing searchable instead of failing', () => {
    const parsed = parseQuery('castle 🎨 *** ""');
    expect(parsed.ok && parsed.ignored).toEqual(['🎨', '***', '""']);
  });

  it.each([
    ['(castle', 0, /never closed/],
    ['castle)', 6, /no opening one/],
    ['OR castle', 0, /OR needs a term on each side/],
    ['castle OR', 7, /OR needs a term on each side/],
    ['castle -', null, null],
    ['()', 0, /hold nothing/],
    ['-)', 0, /needs a term right after it/],
  ])('%s is explained where it is wrong', (text, at, message) => {
    if (at === null) {
      expect(parseQuery(text).ok).toBe(true);
      return;
    }
    const p = problem(text);
    expect(p.from).toBe(at);
    expect(p.message).toMatch(message as RegExp);
  });

  it('holds 32 terms and 8 levels of brackets, and explains one more', () => {
    const words = (n: number) => Array.from({ length: n }, (_, i) => `w${i}`).join(' ');
    expect(parseQuery(words(32)).ok).toBe(true);
    expect(problem(words(33))).toMatchObject({ from: words(32).length + 1, message: expect.stringMatching(/32 terms at most/) });
    expect(parseQuery(`${'('.repeat(8)}a${')'.repeat(8)}`).ok).toBe(true);
    expect(problem(`${'('.repeat(9)}a${')'.repeat(9)}`)).toMatchObject({ from: 8, message: expect.stringMatching(/8 deep at most/) });
  });

  it('never throws, whatever is typed', () => {
    for (const text of ['"', '-', '--', '---', '—', 'a:', ':', '::', '(((', ')))', 'OR OR', '- -', '-"', 'seed:"', 'no:"', '\u0000', 'x'.repeat(5000)]) {
      expect(() => parseQuery(text)).not.toThrow();
    }
  });
});

describe('field terms', () => {
  it.each([
    ['seed:123', 'seed[123,123]'],
    ['seed:100..200', 'seed[100,200]'],
    ['stylize:>500', 'stylize(500,)'],
    ['s:>=500', 'stylize[500,)'],
    ['chaos:<20', 'chaos(,20)'],
    ['weird:<=250', 'weird(,250]'],
    ['weird:..250', 'weird(,250]'],
    ['q:0.5', 'quality[0.5,0.5]'],
    ['ar:16:9', 'aspect=16:9'],
    ['model:niji', 'model=midjourney-v7-niji'],
    ['model:v7', 'model=midjourney-v7'],
    ['model:V8', 'model=midjourney-v8'],
    ['is:raw', 'is:raw'],
    ['is:fav', 'is:favorite'],
    ['is:rejected', 'is:rejected'],
    ['rating:>=4', 'rating[4,)'],
    ['rating:2..3', 'rating[2,3]'],
    ['stars:5', 'rating[5,5]'],
    ['no:watermark', 'no:watermark…'],
    ['no:"text watermark"', 'no:"text watermark"'],
    ['status:failed', 'status=failed'],
    ['-seed:7', 'not(seed[7,7])'],
    ['date:today', 'date={"type":"today"}'],
    ['date:yesterday', 'date={"type":"yesterday"}'],
    ['date:2026-11', 'date={"type":"days","from":{"year":2026,"month":11,"day":1},"before":{"year":2026,"month":12,"day":1}}'],
    ['date:2026-12-31', 'date={"type":"days","from":{"year":2026,"month":12,"day":31},"before":{"year":2027,"month":1,"day":1}}'],
    ['after:2026-11-01', 'date={"type":"days","from":{"year":2026,"month":11,"day":1}}'],
    ['before:2026-11', 'date={"type":"days","before":{"year":2026,"month":11,"day":1}}'],
    ['last:7d', 'date={"type":"last","amount":7,"unit":"day"}'],
    ['tag:portrait', 'tag=portrait'],
    ['tag:"golden hour"', 'tag=golden hour'],
    ['in:"Neon moodboard"', 'collection=Neon moodboard'],
    ['in:keepers -tag:draft', 'and(collection=keepers not(tag=draft))'],
    ['batch:12', 'batch=12'],
    ['stack:42', 'stack=42'],
  ])('%s → %s', (text, expected) => {
    expect(tree(text)).toBe(expected);
  });

  it.each([
    ['color:red', /"color:" is not something the search knows\. Fields are seed:, ar:, model:.*tag:, in:/],
    ['tag:', /needs a value, for example tag:portrait/],
    ['in:', /needs a value, for example in:"Collection name"/],
    ['rating:6', /rating the search understands; use a whole number from 0 to 5/],
    ['seed:', /needs a value, for example seed:1234/],
    ['seed:abc', /whole number from 0 to 4294967295/],
    ['stylize:2000', /from 0 to 1000/],
    ['chaos:50..10', /starts above where it ends/],
    ['ar:7:3', /not an aspect ratio; use one of 1:1, 16:9/],
    ['model:v6', /model:v7, model:v8 or model:niji/],
    ['is:shiny', /use is:fav, is:rejected, is:raw or is:simulated/],
    ['status:lost', /not a status/],
    ['date:2026-13', /not a date/],
    ['date:2026-02-30', /not a date/],
    ['last:week', /not a span of time/],
    ['batch:abc', /not a batch; batches are numbered, e\.g\. batch:12/],
    ['batch:0', /not a batch/],
    ['stack:x', /not a stack; a stack is named by one of its generations/],
  ])('%s is explained', (text, message) => {
    expect(problem(text)).toMatchObject({ from: 0, to: text.length, message: expect.stringMatching(message) });
  });

  it('reads a pasted Midjourney prompt as its words and its parameters', () => {
    expect(tree('neon city --ar 16:9 --s 250')).toBe('and(neon… city… aspect=16:9 stylize[250,250])');
    expect(tree('fox --niji --no text, watermark --seed 9 --raw --q 0.5')).toBe(
      'and(fox… model=midjourney-v7-niji seed[9,9] quality[0.5,0.5] is:raw no:text… no:watermark…)',
    );
    expect(problem('fox --ar 7:3').message).toMatch(/--ar 7:3: Aspect ratio must be one of/);
    const unknown = parseQuery('fox --stop 50');
    expect(unknown.ok && unknown.ignored).toEqual(['--stop 50']);
  });
});

describe('date terms are the artist\'s local days', () => {
  const now = Date.UTC(2026, 10, 15, 1, 30); // 01:30 UTC on 15 November: still the 14th in New York
  const newYork = -5 * 60;
  it('today and yesterday follow the zone', () => {
    expect(momentsOf({ type: 'today' }, now, 0)).toEqual({ from: Date.UTC(2026, 10, 15), before: Date.UTC(2026, 10, 16) });
    expect(momentsOf({ type: 'today' }, now, newYork)).toEqual({ from: Date.UTC(2026, 10, 14, 5), before: Date.UTC(2026, 10, 15, 5) });
    expect(momentsOf({ type: 'yesterday' }, now, 60)).toEqual({ from: Date.UTC(2026, 10, 13, 23), before: Date.UTC(2026, 10, 14, 23) });
  });
  it('days, months and spans', () => {
    expect(momentsOf({ type: 'days', from: { year: 2026, month: 11, day: 1 }, before: { year: 2026, month: 12, day: 1 } }, now, 120)).toEqual({
      from: Date.UTC(2026, 9, 31, 22),
      before: Date.UTC(2026, 10, 30, 22),
    });
    expect(momentsOf({ type: 'last', amount: 7, unit: 'day' }, now, newYork)).toEqual({ from: now - 7 * 86_400_000 });
    expect(momentsOf({ type: 'last', amount: 12, unit: 'hour' }, now, 0)).toEqual({ from: now - 12 * 3_600_000 });
  });
});
