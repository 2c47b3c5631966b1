import { describe, expect, it } from 'vitest';
import { newestOnly } from '../../electron/core/library/newest-only.ts';

/** A job runner whose jobs finish when told, recording what it started. */
function heldRuns() {
  const started: string[] = [];
  const finish: (() => void)[] = [];
  const run = (input: string) =>
    new Promise<string>((resolve) => {
      started.push(input);
      finish.push(() => resolve(`done ${input}`));
    });
  return { started, finishNext: () => finish.shift()?.(), run };
}
const settle = () => new Promise((resolve) => setImmediate(resolve));

describe('newestOnly', () => {
  it('runs one at a time and, of those asked meanwhile, only the newest; the others are answered as replaced', async () => {
    const held = heldRuns();
    const { ask } = newestOnly(held.run, () => new Error('replaced'));
    const answers = ['a', 'b', 'c', 'd'].map((input) => ask(input).catch((error: Error) => error.message));
    await settle();
    expect(held.started).toEqual(['a']);
    held.finishNext();
    await settle();
    expect(held.started).toEqual(['a', 'd']);
    held.finishNext();
    expect(await Promise.all(answers)).toEqual(['done a', 'replaced', 'replaced', 'done d']);
  });

  it('starts at once when nothing runs, and a failed job does not stop the next', async () => {
    let calls = 0;
    const { ask } = newestOnly(
      (input: number) => (++calls === 1 ? Promise.reject(new Error('broken')) : Promise.resolve(input * 2)),
      () => new Error('replaced'),
    );
    await expect(ask(1)).rejects.toThrow('broken');
    await expect(ask(2)).resolves.toBe(4);
  });

  it('tells the job under way to stop when a newer one is asked, and when none is wanted any more', async () => {
    const held = heldRuns();
    let stops = 0;
    const newest = newestOnly(held.run, () => new Error('replaced'), () => (stops += 1));
    const first = newest.ask('a').catch((error: Error) => error.message);
    await settle();
    expect(stops).toBe(0);
    const second = newest.ask('b').catch((error: Error) => error.message);
    expect(stops).toBe(1);
    // the one told to stop answers as it will (a stoppable thread: conflict); the newest then runs
    held.finishNext();
    await settle();
    expect(held.started).toEqual(['a', 'b']);
    const third = newest.ask('c').catch((error: Error) => error.message);
    newest.drop();
    expect(stops).toBe(3);
    held.finishNext();
    await settle();
    expect(held.started).toEqual(['a', 'b']);
    expect(await Promise.all([first, second, third])).toEqual(['done a', 'done b', 'replaced']);
    // nothing under way: dropping stops nothing
    newest.drop();
    expect(stops).toBe(3);
  });
});
