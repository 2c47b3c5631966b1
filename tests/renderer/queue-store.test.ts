import { bridge, generation } from './fake-atelier.ts';
import { beforeEach, describe, expect, it } from 'vitest';
import { QUEUE_ENDED_DAYS } from '../../shared/queue-rule.ts';
import { feedRuns, useQueueStore } from '../../renderer/src/stores/queue-store.ts';

const day = 86_400_000;

beforeEach(() => {
  bridge.reset();
  useQueueStore.setState({ items: [], landed: [], dismissed: new Set() });
});

describe('the queue store keeps what the queue rule keeps', () => {
  it('keeps unfinished runs, outcome-unknown ones and recent failures; drops finished runs', () => {
    const { apply } = useQueueStore.getState();
    apply(generation(1, { status: 'generating' }));
    apply(generation(2, { status: 'unknown', updatedAt: Date.now() - day }));
    apply(generation(3, { status: 'failed', updatedAt: Date.now() }));
    apply(generation(4, { status: 'done' }));
    expect(useQueueStore.getState().items.map((g) => g.id)).toEqual([1, 2, 3]);
    apply(generation(1, { status: 'done' }));
    expect(useQueueStore.getState().items.map((g) => g.id)).toEqual([2, 3]);
  });

  it('leaves out failed and outcome-unknown runs older than three days, as the core does when it lists the queue', () => {
    useQueueStore.getState().apply(generation(5, { status: 'failed', updatedAt: Date.now() - (QUEUE_ENDED_DAYS + 1) * day }));
    useQueueStore.getState().apply(generation(7, { status: 'unknown', updatedAt: Date.now() - (QUEUE_ENDED_DAYS + 1) * day }));
    expect(useQueueStore.getState().items).toEqual([]);
  });

  it('a dismissed run stays out even when a late push about it arrives', async () => {
    bridge.answer('generation:dismiss', { dismissed: 1 });
    const failed = generation(6, { status: 'failed', updatedAt: Date.now() });
    useQueueStore.getState().apply(failed);
    await useQueueStore.getState().dismiss(6);
    useQueueStore.getState().apply(failed);
    expect(useQueueStore.getState().items).toEqual([]);
    expect(bridge.calls).toEqual([{ channel: 'generation:dismiss', input: { id: 6 } }]);
  });
});

describe('the feed keeps a landed run in its place until the gallery reloads', () => {
  it('a run that finishes while shown lands in place; one never shown does not enter the feed', () => {
    const { apply } = useQueueStore.getState();
    apply(generation(1, { status: 'generating' }));
    apply(generation(2, { status: 'queued' }));
    apply(generation(1, { status: 'done' }));
    apply(generation(9, { status: 'done' }));
    const { items, landed } = useQueueStore.getState();
    expect(feedRuns(items, landed).map((g) => [g.id, g.status])).toEqual([[2, 'queued'], [1, 'done']]);
    // later changes to a landed run (a favourite) keep it where it is
    apply(generation(1, { status: 'done', favorite: true }));
    expect(useQueueStore.getState().landed).toMatchObject([{ id: 1, favorite: true }]);
  });

  it('a reload or a delete takes landed runs out', () => {
    const { apply } = useQueueStore.getState();
    apply(generation(3, { status: 'downloading' }));
    apply(generation(3, { status: 'done' }));
    apply(generation(4, { status: 'downloading' }));
    apply(generation(4, { status: 'done' }));
    useQueueStore.getState().forget([4]);
    expect(useQueueStore.getState().landed.map((g) => g.id)).toEqual([3]);
    useQueueStore.getState().clearLanded();
    expect(useQueueStore.getState().landed).toEqual([]);
  });
});
