import { dollars, when } from '../lib/format.ts';
import { useSettingsStore } from '../stores/settings-store.ts';

export function CreditsSection() {
  const credits = useSettingsStore((s) => s.credits);
  return (
    <section className="settings-section" aria-label="Credits">
      <h3>Credits</h3>
      {credits ? (
        <dl className="facts">
          <dt>Today</dt>
          <dd data-testid="credits-today">
            {credits.today} credits · {dollars(credits.today)}
          </dd>
          <dt>In all</dt>
          <dd data-testid="credits-total">
            {credits.total} credits · {dollars(credits.total)}
          </dd>
          <dt>Per run</dt>
          <dd>
            {credits.perRun} credits · ${credits.dollarsPerRun.toFixed(2)}
          </dd>
          <dt>Last known balance</dt>
          <dd>{credits.lastKnownBalance ? `${credits.lastKnownBalance.available} credits (${when(credits.lastKnownBalance.at)})` : 'Not reported yet'}</dd>
        </dl>
      ) : (
        <p className="muted">Loading…</p>
      )}
    </section>
  );
}
