import { ChevronDown, ChevronRight } from 'lucide-react';
import { useQueueStore } from '../stores/queue-store.ts';
import { useUiStore } from '../stores/ui-store.ts';
import { QueueItem } from './QueueItem.tsx';
import { QueuePausedBanner } from './QueuePausedBanner.tsx';

/** Runs that are not in the gallery yet: in flight, or waiting for the artist to decide. */
export function QueuePanel() {
  const items = useQueueStore((s) => s.items);
  const paused = useQueueStore((s) => s.paused);
  const concurrency = useQueueStore((s) => s.concurrency);
  const hidden = useUiStore((s) => s.queueHidden);
  const toggleQueue = useUiStore((s) => s.toggleQueue);
  if (items.length === 0 && !paused) return null;
  const inFlight = items.filter((g) => g.status !== 'queued' && g.status !== 'failed' && g.status !== 'unknown').length;
  const waiting = items.filter((g) => g.status === 'queued').length;
  return (
    <section className="queue" aria-label="Queue">
      <header className="queue-head">
        <button type="button" className="queue-toggle" aria-expanded={!hidden} onClick={toggleQueue}>
          {hidden ? <ChevronRight size={14} aria-hidden="true" /> : <ChevronDown size={14} aria-hidden="true" />}
          <h2>Queue</h2>
        </button>
        <span data-testid="queue-summary">
          {inFlight} running · {waiting} waiting · up to {concurrency} at once
        </span>
      </header>
      {paused && <QueuePausedBanner pause={paused} />}
      {items.length > 0 && !hidden && (
        <ul className="queue-list">
          {items.map((generation) => (
            <QueueItem key={generation.id} generation={generation} slotsFull={inFlight >= concurrency} />
          ))}
        </ul>
      )}
    </section>
  );
}
