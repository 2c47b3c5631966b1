import { useAppStore } from '../stores/app-store.ts';
import { useQueueStore } from '../stores/queue-store.ts';
import { useSettingsStore } from '../stores/settings-store.ts';
import { dollars } from '../lib/format.ts';

/** The quiet line at the bottom: where images come from, what today cost, where the library is. */
export function StatusBar() {
  const info = useAppStore((s) => s.info);
  const credits = useSettingsStore((s) => s.credits);
  const running = useQueueStore((s) => s.items.filter((g) => g.status !== 'failed' && g.status !== 'unknown').length);
  const offline = useQueueStore((s) => s.paused?.reason === 'offline');
  if (!info) return null;
  return (
    <footer className="statusbar">
      <span className={`status-provider provider-${info.provider.kind}`} title={info.provider.label}>
        <span className="dot" aria-hidden="true" />
        <span data-testid="app-provider">{info.provider.label}</span>
      </span>
      {offline && <span className="status-offline">Offline · the library still works</span>}
      {running > 0 && <span>{running} in the queue</span>}
      {credits && (
        <span>
          Today {credits.today} credits · {dollars(credits.today)}
        </span>
      )}
      <span className="spacer" />
      <span className="status-dir" title="Library folder">
        <span data-testid="app-data-dir">{info.dataDir}</span>
      </span>
      <span>
        v<span data-testid="app-version">{info.version}</span>
      </span>
      <span data-testid="app-shell">{info.shell === 'electron' ? 'Desktop app' : 'Browser preview'}</span>
    </footer>
  );
}
