import { useEffect, useRef } from 'react';
import { CirclePause, ListOrdered } from 'lucide-react';
import { useQueueStore } from '../stores/queue-store.ts';
import { useUiStore } from '../stores/ui-store.ts';
import { QueuePausedBanner } from './QueuePausedBanner.tsx';

/**
 * The queue as a small button in the top bar: how many runs are going, and a popover with the
 * counts and any pause with its actions. It lies over the gallery, so opening it, or runs coming
 * and going, never moves a tile.
 */
export function QueueIndicator() {
  const items = useQueueStore((s) => s.items);
  const paused = useQueueStore((s) => s.paused);
  const concurrency = useQueueStore((s) => s.concurrency);
  const open = useUiStore((s) => s.queueOpen);
  const toggle = useUiStore((s) => s.toggleQueue);
  const root = useRef<HTMLDivElement>(null);
  const running = items.filter((g) => g.status === 'submitting' || g.status === 'waiting' || g.status === 'generating' || g.status === 'downloading').length;
  const waiting = items.filter((g) => g.status === 'queued').length;
  const problems = items.filter((g) => g.status === 'failed' || g.status === 'unknown').length;

  // A pause stops every run: it opens the popover so the artist sees why and what to do.
  const pauseReason = paused?.reason ?? null;
  useEffect(() => {
    if (pauseReason !== null) useUiStore.getState().toggleQueue(true);
  }, [pauseReason]);

  // A click elsewhere closes it, as a popover does.
  useEffect(() => {
    if (!open) return;
    const away = (e: PointerEvent) => {
      if (root.current && e.target instanceof Node && !root.current.contains(e.target)) useUiStore.getState().toggleQueue(false);
    };
    window.addEventListener('pointerdown', away);
    return () => window.removeEventListener('pointerdown', away);
  }, [open]);

  const badge = paused ? 'paused' : running + waiting > 0 ? String(running + waiting) : problems > 0 ? '!' : null;
  return (
    <div className="queue-indicator" ref={root}>
      <button
        type="button"
        className={`queue-button${paused ? ' paused' : ''}${problems > 0 ? ' problems' : ''}`}
        aria-label="Queue"
        aria-expanded={open}
        aria-haspopup="dialog"
        title="Queue · Ctrl/Cmd+J"
        onClick={() => toggle()}
      >
        {paused ? <CirclePause size={16} aria-hidden="true" /> : <ListOrdered size={16} aria-hidden="true" />}
        <span aria-hidden="true">Queue</span>
        {badge !== null && (
          <span className="queue-badge" data-testid="queue-badge" aria-hidden="true">
            {badge}
          </span>
        )}
      </button>
      {open && (
        <div className="queue-popover" role="dialog" aria-label="Queue">
          <p className="queue-summary" data-testid="queue-summary">
            {running} running · {waiting} waiting · up to {concurrency} at once
          </p>
          {problems > 0 && (
            <p className="queue-problems" data-testid="queue-problems">
              {problems === 1 ? '1 run needs a decision' : `${problems} runs need a decision`}: its tile at the top of the gallery says why.
            </p>
          )}
          {paused && <QueuePausedBanner pause={paused} />}
          {!paused && running + waiting + problems === 0 && <p className="muted small">Nothing is running.</p>}
        </div>
      )}
    </div>
  );
}
