import { Ban, Grid3x3, Images, X } from 'lucide-react';
import type { Generation } from '../../../shared/generation.ts';
import { sweptText } from '../../../shared/runs/plan.ts';
import type { Batch } from '../../../shared/runs/batch.ts';
import type { SweepValue } from '../../../shared/runs/sweep.ts';
import { useBatchStore } from '../stores/batch-store.ts';
import { useCompareStore } from '../stores/compare-store.ts';
import { useGalleryStore } from '../stores/gallery-store.ts';

/** What tells one run of the batch from the others: its swept values, or its expanded prompt. */
function runLabel(batch: Batch, run: Generation): string {
  if (batch.sweep.length === 0) return run.params.prompt;
  return sweptText(batch.sweep, batch.sweep.map((axis) => run.effective[axis.parameter] as SweepValue));
}

/** The last batch sent: its runs with their swept value and state, found in the gallery or cancelled as one. */
export function BatchPanel() {
  const current = useBatchStore((s) => s.current);
  const cancelling = useBatchStore((s) => s.cancelling);
  if (!current) return null;
  const { batch, runs } = current;
  const queued = runs.filter((r) => r.status === 'queued').length;
  const done = runs.filter((r) => r.status === 'done').length;
  const swept = batch.sweep.length > 0;
  return (
    <section className="batch-panel" role="region" aria-label="Batch">
      <header className="batch-head">
        <h3 title={batch.name}>{batch.name}</h3>
        <button type="button" className="icon-button small" aria-label="Close batch" onClick={() => useBatchStore.getState().close()}>
          <X size={12} aria-hidden="true" />
        </button>
      </header>
      <p className="batch-summary" data-testid="batch-summary">
        Batch {batch.id} · {runs.length} runs · {done} done{queued > 0 ? ` · ${queued} not yet sent` : ''}
      </p>
      <ul className="batch-runs" aria-label="Runs of the batch">
        {runs.map((run) => (
          <li key={run.id}>
            <span className="batch-run-label">{runLabel(batch, run)}</span>
            <span className={`batch-run-status status-${run.status}`}>{run.status}</span>
          </li>
        ))}
      </ul>
      <div className="batch-actions">
        <button type="button" className="secondary-button small" onClick={() => useGalleryStore.getState().setText(`batch:${batch.id}`)}>
          <Images size={13} aria-hidden="true" /> Show in gallery
        </button>
        {swept && (
          <button type="button" className="secondary-button small" disabled={done === 0} onClick={() => useCompareStore.getState().openSweep(current)}>
            <Grid3x3 size={13} aria-hidden="true" /> Open sweep grid
          </button>
        )}
        <button type="button" className="ghost-button small danger" disabled={queued === 0 || cancelling} onClick={() => void useBatchStore.getState().cancel()}>
          <Ban size={13} aria-hidden="true" /> Cancel batch
        </button>
      </div>
    </section>
  );
}
