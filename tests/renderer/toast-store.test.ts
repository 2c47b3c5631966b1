import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { useToastStore } from '../../renderer/src/stores/toast-store.ts';

const messages = () => useToastStore.getState().toasts.map((t) => t.message);

beforeEach(() => {
  vi.useFakeTimers();
  useToastStore.setState({ toasts: [], undos: [], untilClosed: false });
});
afterEach(() => {
  vi.useRealTimers();
});

describe('toasts go on their own after a while', () => {
  it('an info toast after 5 s, an error after 8 s', () => {
    useToastStore.getState().show('Settings saved');
    useToastStore.getState().show('Could not save', { tone: 'error' });
    vi.advanceTimersByTime(5000);
    expect(messages()).toEqual(['Could not save']);
    vi.advanceTimersByTime(3000);
    expect(messages()).toEqual([]);
  });

  it('stay until closed when the artist keeps notices (Settings > Notices)', () => {
    useToastStore.getState().setUntilClosed(true);
    const id = useToastStore.getState().show('Settings saved');
    useToastStore.getState().offerUndo('Deleted 3 generations', async () => undefined);
    useToastStore.getState().show('Could not save', { tone: 'error' });
    vi.advanceTimersByTime(10 * 60_000);
    expect(messages()).toEqual(['Settings saved', 'Deleted 3 generations', 'Could not save']);
    useToastStore.getState().dismiss(id);
    expect(messages()).toEqual(['Deleted 3 generations', 'Could not save']);
  });

  it('switched off again, the notices on screen go each after its own time from then', () => {
    useToastStore.getState().setUntilClosed(true);
    useToastStore.getState().show('Settings saved');
    useToastStore.getState().offerUndo('Deleted 3 generations', async () => undefined);
    vi.advanceTimersByTime(60_000);
    useToastStore.getState().setUntilClosed(false);
    vi.advanceTimersByTime(5000);
    expect(messages()).toEqual(['Deleted 3 generations']);
    vi.advanceTimersByTime(3000);
    expect(messages()).toEqual([]);
  });
});
