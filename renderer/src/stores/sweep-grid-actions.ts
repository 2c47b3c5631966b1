/** When a sweep's grid opens: from its batch on request, and by itself once its last run has landed. */
import type { BatchView } from '../../../shared/contract.ts';
import type { GenerationStatus } from '../../../shared/generation.ts';
import { useCollectionsStore } from './collections-store.ts';
import { useCompareStore } from './compare-store.ts';
import { useDetailStore } from './detail-store.ts';
import { useUiStore } from './ui-store.ts';

const finished: ReadonlySet<GenerationStatus> = new Set(['done', 'failed', 'unknown', 'cancelled']);

/** Every run of the sweep has ended and at least one has images to show. */
export function sweepLanded(view: BatchView): boolean {
  return view.batch.sweep.length > 0 && view.runs.every((run) => finished.has(run.status)) && view.runs.some((run) => run.status === 'done');
}

/** Opens the sweep's grid when this change is the one that lands it, unless the artist is busy with something else on top. */
export function openSweepIfLanded(before: BatchView, after: BatchView): void {
  if (sweepLanded(before) || !sweepLanded(after)) return;
  const busy =
    useCompareStore.getState().panes.length > 0 ||
    useDetailStore.getState().open !== null ||
    useUiStore.getState().overlay !== 'none' ||
    useUiStore.getState().confirm !== null ||
    useCollectionsStore.getState().picking !== null;
  if (!busy) useCompareStore.getState().openSweep(after);
}
