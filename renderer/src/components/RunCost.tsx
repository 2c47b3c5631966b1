import { Coins } from 'lucide-react';
import { useAppStore } from '../stores/app-store.ts';
import { runCost } from '../lib/format.ts';

/**
 * What the next Generate sends and costs ("8 runs · 96 credits · $0.48"), and where it goes (Sandbox
 * or Kinovi): always in view beside Generate. `runs` null: the draft cannot be counted as it stands.
 */
export function RunCost({ runs = 1 }: { runs?: number | null }) {
  const provider = useAppStore((s) => s.info?.provider);
  return (
    <div className="run-cost">
      <span className="cost" data-testid="run-cost">
        <Coins size={13} aria-hidden="true" />
        {runs === null ? 'runs cannot be counted yet' : runCost(runs)}
      </span>
      {provider && (
        <span className={`provider provider-${provider.kind}`} title={provider.label} data-testid="run-provider">
          {provider.kind === 'sandbox' ? 'Sandbox' : 'Kinovi'}
        </span>
      )}
    </div>
  );
}
