import { Lock, LockOpen, Pipette } from 'lucide-react';
import { Field, invalidProps } from './Field.tsx';

interface Props {
  value: string;
  locked: boolean;
  error: string | undefined;
  /** The seed of the selected generation, offered with one click; null when nothing is selected. */
  selectedSeed: number | null;
  onChange(value: string): void;
  onLockChange(locked: boolean): void;
}

export function SeedField({ value, locked, error, selectedSeed, onChange, onLockChange }: Props) {
  const lock = (
    <div className="field-actions">
      <button
        type="button"
        className="icon-button small"
        disabled={selectedSeed === null}
        aria-label="Use seed of selected"
        title={selectedSeed === null ? 'Select a generation to use its seed' : `Use seed ${selectedSeed} of the selected generation`}
        onClick={() => selectedSeed !== null && onChange(String(selectedSeed))}
      >
        <Pipette size={13} aria-hidden="true" />
      </button>
      <button
        type="button"
        className={`icon-button small${locked ? ' active' : ''}`}
        aria-pressed={locked}
        aria-label="Keep this seed"
        title={locked ? 'The seed stays for the next runs' : 'After each run the seed goes back to random'}
        onClick={() => onLockChange(!locked)}
      >
        {locked ? <Lock size={13} aria-hidden="true" /> : <LockOpen size={13} aria-hidden="true" />}
      </button>
    </div>
  );
  return (
    <Field id="seed" label="Seed" error={error} aside={lock} hint={locked ? 'Kept for the next runs' : undefined}>
      <input
        id="seed"
        type="text"
        inputMode="numeric"
        className="text-input mono"
        placeholder="Random"
        value={value}
        onChange={(e) => onChange(e.target.value)}
        {...invalidProps('seed', error)}
      />
    </Field>
  );
}
