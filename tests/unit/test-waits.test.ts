import { afterEach, describe, expect, it, vi } from 'vitest';
import type { Core } from '../../electron/core/app.ts';
import type { EventName } from '../../shared/contract.ts';
import { recordEvents } from '../support/test-core.ts';

afterEach(() => vi.useRealTimers());

/** Just enough of a core for recordEvents: the test pushes its events by hand. */
function pushingCore() {
  let listener: (event: EventName, payload: unknown) => void = () => undefined;
  const core = { subscribe: (next: typeof listener) => ((listener = next), () => undefined) } as unknown as Core;
  return { core, push: (event: EventName, payload: unknown) => listener(event, payload) };
}

describe('a test waiting for an event', () => {
  it('waits however long the machine takes: no clock of its own gives up first', async () => {
    vi.useFakeTimers();
    const { core, push } = pushingCore();
    const events = recordEvents(core);
    let outcome = 'waiting';
    events.until('settings:changed', () => true).then(
      () => (outcome = 'seen'),
      () => (outcome = 'gave up'),
    );
    await vi.advanceTimersByTimeAsync(10 * 60_000); // ten minutes of a very loaded machine
    expect(outcome).toBe('waiting');
    push('settings:changed', {});
    await vi.advanceTimersByTimeAsync(0);
    expect(outcome).toBe('seen');
  });
});
