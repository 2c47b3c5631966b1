import { CirclePause, Play, Settings } from 'lucide-react';
import type { QueuePause } from '../../../shared/contract.ts';
import { useQueueStore } from '../stores/queue-store.ts';
import { useUiStore } from '../stores/ui-store.ts';

export function QueuePausedBanner({ pause }: { pause: QueuePause }) {
  const fixInSettings = pause.reason === 'api_key_invalid' || pause.reason === 'api_access_denied';
  return (
    <div className="queue-paused" role="alert">
      <CirclePause size={18} aria-hidden="true" />
      <div className="queue-paused-text">
        <strong>Queue paused</strong>
        <span>{pause.message}</span>
      </div>
      {fixInSettings && (
        <button type="button" className="ghost-button" onClick={() => useUiStore.getState().open('settings')}>
          <Settings size={14} aria-hidden="true" /> Settings
        </button>
      )}
      <button type="button" className="secondary-button" onClick={() => void useQueueStore.getState().resume()}>
        <Play size={14} aria-hidden="true" /> Resume
      </button>
    </div>
  );
}
