import { useState } from 'react';
import { Check } from 'lucide-react';
import { MAX_RUNS_PER_ACTION } from '../../../shared/runs/expand.ts';
import { useSettingsStore } from '../stores/settings-store.ts';
import { Field } from './Field.tsx';

/** When a bulk Generate (permutations, --repeat, a sweep) asks "Confirm runs" first. */
export function RunsSettings() {
  const settings = useSettingsStore((s) => s.settings);
  const save = useSettingsStore((s) => s.save);
  const [above, setAbove] = useState<string | null>(null);
  const [error, setError] = useState<string | null>(null);
  return (
    <section className="settings-section" aria-label="Runs">
      <h3>Runs</h3>
      <form
        className="inline-form"
        noValidate
        onSubmit={(e) => {
          e.preventDefault();
          if (above === null) return;
          void save({ confirmRunsAbove: above.trim() === '' ? Number.NaN : Number(above) }).then((refused) => {
            setError(refused);
            if (refused === null) setAbove(null);
          });
        }}
      >
        <Field
          id="confirm-runs-above"
          label="Confirm runs above"
          hint={`A Generate that makes more runs than this asks first (0: always ask). At most ${MAX_RUNS_PER_ACTION} runs go at once.`}
          error={error ?? undefined}
        >
          <div className="input-with-button">
            <input
              id="confirm-runs-above"
              type="number"
              min={0}
              max={MAX_RUNS_PER_ACTION}
              className="text-input narrow"
              value={above ?? settings?.confirmRunsAbove ?? ''}
              onChange={(e) => setAbove(e.target.value)}
            />
            <button type="submit" className="secondary-button" disabled={above === null} aria-label="Save confirm runs above">
              <Check size={14} aria-hidden="true" /> Save
            </button>
          </div>
        </Field>
      </form>
    </section>
  );
}
