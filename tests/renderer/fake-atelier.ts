/**
 * A fake `window.atelier` for renderer unit tests: imported first, before any store, it answers
 * each channel from a handler the test sets and records every call. Nothing else of the DOM is
 * faked, so only logic that needs no document is tested here (the rest is end to end).
 */
import type { AtelierApi, ChannelName, EventName } from '../../shared/contract.ts';
import type { Generation, ImageInfo } from '../../shared/generation.ts';
import type { Result } from '../../shared/result.ts';

type Handler = (input: unknown) => Result<unknown>;

export const bridge = {
  calls: [] as { channel: ChannelName; input: unknown }[],
  handlers: new Map<ChannelName, Handler>(),
  listeners: new Map<EventName, Set<(payload: unknown) => void>>(),
  /** Answers `channel` with `value` from now on. */
  answer(channel: ChannelName, value: unknown): void {
    this.handlers.set(channel, () => ({ ok: true, value }));
  },
  reset(): void {
    this.calls.length = 0;
    this.handlers.clear();
  },
};

const fake = {
  async invoke(channel: ChannelName, input?: unknown) {
    bridge.calls.push({ channel, input });
    const handler = bridge.handlers.get(channel);
    return handler ? handler(input) : { ok: false, error: { code: 'internal', message: `no fake answer for ${channel}` } };
  },
  on(event: EventName, listener: (payload: unknown) => void) {
    const set = bridge.listeners.get(event) ?? new Set();
    bridge.listeners.set(event, set);
    set.add(listener);
    return () => set.delete(listener);
  },
} as unknown as AtelierApi; // the generic signatures are the contract's; the fake answers whatever a test sets

Object.assign(globalThis, { window: { atelier: fake } });

/** One saved image of generation `id`. */
export function image(id: number, index: number): ImageInfo {
  return {
    index, file: `images/${id}-${index}.png`, thumbnail: `thumbnails/${id}-${index}.webp`, width: 1024, height: 1024, bytes: 1_000,
    sha256: null, fileSha256: null, remoteUrl: null, state: 'done', errorMessage: null, favorite: false, rating: null, rejected: false,
  };
}

/** A finished generation with four images; `change` sets any field. */
export function generation(id: number, change: Partial<Generation> = {}): Generation {
  const at = Date.UTC(2026, 0, 1) + id * 1_000;
  return {
    id,
    params: { model: 'midjourney-v7', prompt: `prompt ${id}` },
    effective: {
      model: 'midjourney-v7', prompt: `prompt ${id}`, aspectRatio: '1:1', stylize: null, chaos: null, weird: null,
      quality: null, raw: false, negativePrompt: null, seed: id, referenceImageUrl: null,
    },
    status: 'done',
    errorCode: null,
    errorMessage: null,
    taskId: `task-${id}`,
    credits: 12,
    favorite: false,
    bestRating: null,
    culledImages: 0,
    grid: null,
    source: 'kinovi',
    midjourneyJobId: null,
    parentId: null,
    createdAt: at,
    updatedAt: at,
    submittedAt: at,
    completedAt: at,
    retry: null,
    images: [0, 1, 2, 3].map((index) => image(id, index)),
    ...change,
  };
}
