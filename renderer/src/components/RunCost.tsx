import { Coins } from 'lucide-react';
import { useAppStore } from '../stores/app-store.ts';
import { runCost } from '../lib/format.ts';

/** What one run costs, and where it goes (Sandbox or Kinovi): always in view beside Generate. */
export function RunCost() {
  const provider = useAppStore((s) => s.info?.provider);
  return (
    <div className="run-cost">
      <span className="cost" data-testid="run-cost">
        <Coins size={13} aria-hidden="true" />
        {runCost()}
      </span>
      {provider && (
        <span className={`provider provider-${provider.kind}`} title={provider.label} data-testid="run-provider">
          {provider.kind === 'sandbox' ? 'Sandbox' : 'Kinovi'}
        </span>
      )}
    </div>
  );
}
