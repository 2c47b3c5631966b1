import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { useToastStore } from '../../renderer/src/stores/toast-store.ts';

const messages = () => useToastStore.getState().toasts.map((t) => t.message);

beforeEach(() => {
  vi.useFakeTimers();
  useToastStore.setState({ toasts: [], undos: [] });
});
afterEach(() => {
  vi.useRealTimers();
  delete (globalThis as { atelierTestToastMs?: number }).atelierTestToastMs;
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

  it('stay as long as end-to-end tests ask, so a loaded machine cannot take one away before it is read', () => {
    (globalThis as { atelierTestToastMs?: number }).atelierTestToastMs = 120_000;
    useToastStore.getState().show('Settings saved');
    useToastStore.getState().offerUndo('Deleted 3 generations', async () => undefined);
    vi.advanceTimersByTime(119_999);
    expect(messages()).toEqual(['Settings saved', 'Deleted 3 generations']);
    vi.advanceTimersByTime(1);
    expect(messages()).toEqual([]);
  });
});
