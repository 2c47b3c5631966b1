import { afterEach, describe, expect, it, vi } from 'vitest';
import { UNDO_STEPS } from '../../shared/input-limits.ts';
import { useToastStore } from '../../renderer/src/stores/toast-store.ts';

afterEach(() => {
  useToastStore.setState({ toasts: [], undos: [] });
  vi.useRealTimers();
});

describe('the undo stack behind Ctrl/Cmd+Z', () => {
  it('takes back at least fifty changes, newest first, each once', async () => {
    vi.useFakeTimers();
    const undone: number[] = [];
    for (let n = 1; n <= 60; n += 1) useToastStore.getState().offerUndo(`change ${n}`, async () => void undone.push(n));
    expect(UNDO_STEPS).toBeGreaterThanOrEqual(50);
    for (let n = 0; n < 60; n += 1) await useToastStore.getState().runUndo();
    expect(undone).toEqual(Array.from({ length: 60 }, (_, i) => 60 - i));
    await useToastStore.getState().runUndo();
    expect(undone).toHaveLength(60);
  });

  it("a toast's own Undo takes its change off the stack, so Ctrl/Cmd+Z does not repeat it", async () => {
    vi.useFakeTimers();
    const undone: string[] = [];
    useToastStore.getState().offerUndo('first', async () => void undone.push('first'));
    useToastStore.getState().offerUndo('second', async () => void undone.push('second'));
    const second = useToastStore.getState().toasts.find((t) => t.message === 'second');
    second?.action?.run();
    await Promise.resolve();
    await useToastStore.getState().runUndo();
    await useToastStore.getState().runUndo();
    expect(undone).toEqual(['second', 'first']);
  });

  it('after a start, the changes the library kept go under the stack, oldest first, and none twice', async () => {
    vi.useFakeTimers();
    const undone: string[] = [];
    // a change made in this page before the kept list came back
    useToastStore.getState().offerUndo('fresh', async () => void undone.push('fresh'), 12);
    useToastStore.getState().keepCoreUndos([10, 11, 12], (id) => async () => void undone.push(`kept ${id}`));
    useToastStore.getState().keepCoreUndos([10, 11, 12], (id) => async () => void undone.push(`again ${id}`));
    expect(useToastStore.getState().undos.flatMap((u) => u.undoIds)).toEqual([10, 11, 12]);
    for (let n = 0; n < 4; n += 1) await useToastStore.getState().runUndo();
    expect(undone).toEqual(['fresh', 'kept 11', 'kept 10']);
  });

  it('an undo refused while its step is still kept goes back in its place in time, whatever left the stack meanwhile', async () => {
    const ids = () => useToastStore.getState().undos.flatMap((undo) => undo.undoIds);
    let answer!: (end: 'refused') => void;
    useToastStore.getState().offerUndo('40', async () => undefined, 40);
    useToastStore.getState().offerUndo('41', () => new Promise((resolve) => (answer = resolve)), 41);
    useToastStore.getState().offerUndo('42', async () => undefined, 42);
    // 41's toast: it waits for the core while 40 is undone from its own toast
    const waiting = useToastStore.getState().undos[1]?.();
    await useToastStore.getState().undos[0]?.();
    expect(ids()).toEqual([42]);
    answer('refused');
    await waiting;
    expect(ids()).toEqual([41, 42]);
  });

  it('a start meanwhile does not put an undo being run on the stack a second time', async () => {
    const ids = () => useToastStore.getState().undos.flatMap((undo) => undo.undoIds);
    let answer!: (end: 'refused') => void;
    useToastStore.getState().offerUndo('7', async () => undefined, 7);
    useToastStore.getState().offerUndo('8', () => new Promise((resolve) => (answer = resolve)), 8);
    const waiting = useToastStore.getState().runUndo();
    // the library still keeps 7 and 8 (8 is being undone): only what the stack does not hold comes in
    useToastStore.getState().keepCoreUndos([6, 7, 8], () => async () => undefined);
    expect(ids()).toEqual([6, 7]);
    answer('refused');
    await waiting;
    expect(ids()).toEqual([6, 7, 8]);
  });
});
