import { RotateCcw } from 'lucide-react';

/** Every setting that differs from the default, in one line beside Generate, and the way back. */
export function SettingsSummary({ summary, onReset }: { summary: string; onReset(): void }) {
  if (summary === '') return null;
  return (
    <div className="settings-summary">
      <p data-testid="settings-summary" title="Settings that differ from the defaults">
        {summary}
      </p>
      <button type="button" className="ghost-button small" onClick={onReset}>
        <RotateCcw size={12} aria-hidden="true" /> Reset to defaults
      </button>
    </div>
  );
}
