import { useQueueStore } from '../stores/queue-store.ts';
import { QueueItem } from './QueueItem.tsx';
import { QueuePausedBanner } from './QueuePausedBanner.tsx';

/** Runs that are not in the gallery yet: in flight, or waiting for the artist to decide. */
export function QueuePanel() {
  const items = useQueueStore((s) => s.items);
  const paused = useQueueStore((s) => s.paused);
  if (items.length === 0 && !paused) return null;
  return (
    <section className="queue" aria-label="Queue">
      {paused && <QueuePausedBanner pause={paused} />}
      {items.length > 0 && (
        <ul className="queue-list">
          {items.map((generation) => (
            <QueueItem key={generation.id} generation={generation} />
          ))}
        </ul>
      )}
    </section>
  );
}
