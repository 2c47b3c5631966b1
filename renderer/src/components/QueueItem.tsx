import { CircleAlert, CircleHelp, RefreshCw, RotateCcw, X } from 'lucide-react';
import { STALLED_AFTER_MS, type Generation, type GenerationStatus } from '../../../shared/generation.ts';
import { elapsed, modelName } from '../lib/format.ts';
import { useQueueStore } from '../stores/queue-store.ts';
import { Thumbnail } from './Thumbnail.tsx';
import { useNow } from '../hooks/useNow.ts';

const stateWords: Partial<Record<GenerationStatus, string>> = {
  queued: 'Queued',
  submitting: 'Submitting',
  waiting: 'Waiting',
  generating: 'Generating',
  downloading: 'Downloading',
  failed: 'Failed',
  unknown: 'Outcome unknown',
};

/** Roughly how far along a run is, by stage: the API reports no percentage. */
const stageProgress: Partial<Record<GenerationStatus, number>> = { queued: 4, submitting: 12, waiting: 25, generating: 60, downloading: 90 };

interface Props {
  generation: Generation;
  /** As many runs are in flight as the account allows: a queued one waits for a free slot. */
  slotsFull: boolean;
}

export function QueueItem({ generation: g, slotsFull }: Props) {
  const now = useNow();
  const { retry, cancel, dismiss, checkNow } = useQueueStore.getState();
  const problem = g.status === 'failed' || g.status === 'unknown';
  const since = g.submittedAt ?? g.createdAt;
  const stalled = (g.status === 'waiting' || g.status === 'generating') && now - since > STALLED_AFTER_MS;
  const progress = stageProgress[g.status];
  return (
    <li className={`queue-item status-${g.status}`} data-testid="queue-item" data-status={g.status} aria-label={`${stateWords[g.status] ?? g.status}: ${g.effective.prompt}`}>
      <div className="queue-thumbs" aria-hidden="true">
        {[0, 1, 2, 3].map((i) => (
          <Thumbnail key={i} image={g.images[i]} aspectRatio={g.effective.aspectRatio} />
        ))}
      </div>
      <div className="queue-body">
        <p className="queue-prompt" title={g.params.prompt}>
          {g.effective.prompt}
        </p>
        <p className="queue-meta">
          <span className="queue-state" data-testid="queue-state">
            {g.status === 'failed' && <CircleAlert size={13} aria-hidden="true" />}
            {g.status === 'unknown' && <CircleHelp size={13} aria-hidden="true" />}
            {stateWords[g.status] ?? g.status}
          </span>
          <span>
            {modelName(g.effective.model)} · {g.effective.aspectRatio}
          </span>
          {!problem && <span className="mono">{elapsed(now - since)}</span>}
          {g.status === 'queued' && slotsFull && <span>waiting for a free slot</span>}
        </p>
        {progress !== undefined && (
          <div className={`progress${g.status === 'generating' || g.status === 'waiting' ? ' working' : ''}`} role="progressbar" aria-label="Progress" aria-valuenow={progress} aria-valuemin={0} aria-valuemax={100}>
            <span style={{ width: `${progress}%` }} />
          </div>
        )}
        {stalled && (
          <p className="queue-error" data-testid="queue-stalled">
            This is taking much longer than usual. Atelier keeps it and checks every few minutes; nothing is lost.
          </p>
        )}
        {g.status === 'failed' && <p className="queue-error">{g.errorMessage ?? 'The run failed.'}</p>}
        {g.status === 'unknown' && (
          <p className="queue-error" title={g.errorMessage ?? undefined}>
            Atelier sent this but never heard back; it may have been charged. Retry sends it again; Dismiss leaves it.
          </p>
        )}
      </div>
      <div className="queue-actions">
        {problem && (
          <button type="button" className="secondary-button" onClick={() => void retry(g.id)}>
            <RotateCcw size={14} aria-hidden="true" /> Retry
          </button>
        )}
        {problem && (
          <button type="button" className="ghost-button" onClick={() => void dismiss(g.id)}>
            Dismiss
          </button>
        )}
        {stalled && (
          <button type="button" className="secondary-button" onClick={() => void checkNow(g.id)}>
            <RefreshCw size={14} aria-hidden="true" /> Check now
          </button>
        )}
        {g.status === 'queued' && (
          <button type="button" className="ghost-button" onClick={() => void cancel(g.id)}>
            <X size={14} aria-hidden="true" /> Cancel
          </button>
        )}
      </div>
    </li>
  );
}
