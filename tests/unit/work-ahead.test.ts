import { describe, expect, it } from 'vitest';
import { Budget, workAhead } from '../../electron/core/media/work-ahead.ts';

/** A promise the test settles by hand: no clock involved. */
function deferred<T>() {
  let resolve!: (value: T) => void;
  let reject!: (error: unknown) => void;
  const promise = new Promise<T>((res, rej) => {
    resolve = res;
    reject = rej;
  });
  return { promise, resolve, reject };
}

const turns = async (n = 5) => {
  for (let i = 0; i < n; i++) await new Promise<void>((resolve) => setImmediate(resolve));
};

describe('work ahead (pictures prepared in parallel, used in order)', () => {
  it('prepares up to `ahead` items at once and hands them over in the list order, whatever order they finish in', async () => {
    const started: number[] = [];
    const gates = new Map<number, ReturnType<typeof deferred<string>>>();
    const prepare = (n: number) => {
      started.push(n);
      const gate = deferred<string>();
      gates.set(n, gate);
      return gate.promise;
    };
    const got: string[] = [];
    const consuming = (async () => {
      for await (const { item, result } of workAhead([1, 2, 3, 4, 5], prepare, { ahead: 3 })) got.push(`${item}:${result}`);
    })();
    await turns();
    expect(started).toEqual([1, 2, 3]);
    // the third and second finish first: nothing is handed over before the first
    gates.get(3)?.resolve('c');
    gates.get(2)?.resolve('b');
    await turns();
    expect(got).toEqual([]);
    gates.get(1)?.resolve('a');
    await turns();
    expect(got).toEqual(['1:a', '2:b', '3:c']);
    expect(started).toEqual([1, 2, 3, 4, 5]);
    gates.get(5)?.resolve('e');
    gates.get(4)?.resolve('d');
    await consuming;
    expect(got).toEqual(['1:a', '2:b', '3:c', '4:d', '5:e']);
  });

  it('a consumer that stops early gets nothing more, and what was prepared ahead is let go of once it is ready', async () => {
    const gates = new Map<number, ReturnType<typeof deferred<string>>>();
    const discarded: string[] = [];
    const prepare = (n: number) => {
      const gate = deferred<string>();
      gates.set(n, gate);
      return gate.promise;
    };
    const got: number[] = [];
    let stopped = false;
    const consuming = (async () => {
      for await (const { item } of workAhead([1, 2, 3, 4], prepare, { ahead: 3, discard: (r) => void discarded.push(r) })) {
        got.push(item);
        break;
      }
      stopped = true;
    })();
    await turns();
    gates.get(1)?.resolve('a');
    await turns();
    // the stop waits for the two under way: nothing is left running behind it
    expect(stopped).toBe(false);
    gates.get(2)?.resolve('b');
    gates.get(3)?.resolve('c');
    await consuming;
    expect(got).toEqual([1]);
    expect(discarded).toEqual(['b', 'c']);
    expect(gates.has(4)).toBe(false);
  });

  it("a preparation that fails throws at its turn, after the ones before it were handed over", async () => {
    const got: number[] = [];
    const run = async () => {
      for await (const { item } of workAhead([1, 2, 3], async (n) => {
        if (n === 2) throw new Error('two failed');
        return n;
      })) got.push(item);
    };
    await expect(run()).rejects.toThrow('two failed');
    expect(got).toEqual([1]);
  });
});

describe('the pixel budget', () => {
  it('runs shares that fit together, a share larger than the budget alone, and in the order asked', async () => {
    const budget = new Budget(100);
    const running = new Set<string>();
    const seen: string[][] = [];
    const gates = new Map<string, ReturnType<typeof deferred<void>>>();
    const share = (name: string, amount: number) =>
      budget.with(amount, async () => {
        running.add(name);
        seen.push([...running].sort());
        const gate = deferred<void>();
        gates.set(name, gate);
        await gate.promise;
        running.delete(name);
      });
    const all = [share('a', 40), share('b', 40), share('huge', 500), share('c', 10)];
    await turns();
    // c would fit beside a and b, but waits behind the huge one asked before it
    expect([...running].sort()).toEqual(['a', 'b']);
    gates.get('a')?.resolve();
    await turns();
    expect([...running].sort()).toEqual(['b']);
    gates.get('b')?.resolve();
    await turns();
    expect([...running]).toEqual(['huge']);
    gates.get('huge')?.resolve();
    await turns();
    expect([...running]).toEqual(['c']);
    gates.get('c')?.resolve();
    await Promise.all(all);
    expect(seen).toEqual([['a'], ['a', 'b'], ['huge'], ['c']]);
  });
});
