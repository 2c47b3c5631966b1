import { CircleAlert, CircleHelp, PencilLine, RefreshCw, RotateCcw, X } from 'lucide-react';
import { STALLED_AFTER_MS, type Generation, type GenerationStatus } from '../../../shared/generation.ts';
import { retryWords } from '../../../shared/retry-words.ts';
import { elapsed } from '../lib/format.ts';
import { useDraftStore } from '../stores/draft-store.ts';
import { useQueueStore } from '../stores/queue-store.ts';
import { unsavedRows } from './FeedImages.tsx';

/** The state a run's tile and its name say ("Generating: a fox in snow"). */
export const stateWords: Partial<Record<GenerationStatus, string>> = {
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

const UNKNOWN_WORDS = 'Atelier sent this but never heard back; it may have been charged. Retry sends it again; Dismiss leaves it.';

interface Props {
  generation: Generation;
  now: number;
  /** As many runs are in flight as the account allows: a queued one waits for a free slot. */
  slotsFull: boolean;
}

/**
 * What a feed tile shows of a run not in the library yet, over its slots (`FeedImages.tsx`): what
 * it is doing and for how long, why it waits or failed, and what the artist can do.
 */
export function FeedRun({ generation: g, now, slotsFull }: Props) {
  const { retry, cancel, dismiss, checkNow } = useQueueStore.getState();
  const word = stateWords[g.status] ?? g.status;
  const problem = g.status === 'failed' || g.status === 'unknown';
  const since = g.submittedAt ?? g.createdAt;
  const stalled = (g.status === 'waiting' || g.status === 'generating') && now - since > STALLED_AFTER_MS;
  const editAndRerun = async () => {
    if (await useDraftStore.getState().editFrom(g)) requestAnimationFrame(() => document.getElementById('prompt')?.focus());
  };
  const progress = stageProgress[g.status];
  const rows = unsavedRows(g);
  // Laid out so nothing in the card moves while the run goes on: the time first (fixed-width
  // digits), the bar always there, the actions above the notes that come and go. A slot's "Retry
  // download" sits on the tile's edge: the card takes the band between and scrolls if it must.
  return (
    <div className={`feed-run status-${g.status}${rows.top ? ' retry-top' : ''}${rows.bottom ? ' retry-bottom' : ''}`}>
      <div className="feed-card">
        <p className="feed-state">
          <span className="mono">{elapsed((problem ? g.updatedAt : now) - since)}</span>
          <span data-testid="feed-state">{word}</span>
          {g.status === 'failed' && <CircleAlert size={13} aria-hidden="true" />}
          {g.status === 'unknown' && <CircleHelp size={13} aria-hidden="true" />}
        </p>
        <div
          className={`progress${g.status === 'generating' || g.status === 'waiting' ? ' working' : ''}`}
          role={progress === undefined ? undefined : 'progressbar'}
          aria-label={progress === undefined ? undefined : 'Progress'}
          aria-valuenow={progress}
          aria-valuemin={progress === undefined ? undefined : 0}
          aria-valuemax={progress === undefined ? undefined : 100}
          style={progress === undefined ? { visibility: 'hidden' } : undefined}
        >
          <span style={{ width: `${progress ?? 0}%` }} />
        </div>
        <p className="feed-prompt" title={g.params.prompt}>
          {g.effective.prompt}
        </p>
        <div className="feed-actions">
          {problem && (
            <button type="button" className="secondary-button" onClick={() => void retry(g.id)}>
              <RotateCcw size={13} aria-hidden="true" /> Retry
            </button>
          )}
          {problem && (
            <button type="button" className="ghost-button" onClick={() => void editAndRerun()}>
              <PencilLine size={13} aria-hidden="true" /> Edit &amp; rerun
            </button>
          )}
          {problem && (
            <button type="button" className="ghost-button" onClick={() => void dismiss(g.id)}>
              Dismiss
            </button>
          )}
          {stalled && (
            <button type="button" className="secondary-button" onClick={() => void checkNow(g.id)}>
              <RefreshCw size={13} aria-hidden="true" /> Check now
            </button>
          )}
          {g.status === 'queued' && (
            <button type="button" className="ghost-button" onClick={() => void cancel(g.id)}>
              <X size={13} aria-hidden="true" /> Cancel
            </button>
          )}
        </div>
        {g.status === 'queued' && slotsFull && g.retry === null && <p className="feed-note">waiting for a free slot</p>}
        {g.retry !== null && !problem && (
          <p className="feed-note" data-testid="feed-retry">
            {retryWords(g.retry, now)}
          </p>
        )}
        {stalled && (
          <p className="feed-note" data-testid="feed-stalled">
            This is taking much longer than usual. Atelier keeps it and checks every few minutes; nothing is lost.
          </p>
        )}
        {g.status === 'failed' && <p className="feed-reason">{g.errorMessage ?? 'The run failed.'}</p>}
        {g.status === 'unknown' && (
          <p className="feed-reason">
            {UNKNOWN_WORDS}
            {g.errorMessage && <span className="feed-why"> Why: {g.errorMessage}</span>}
          </p>
        )}
      </div>
    </div>
  );
}
