import { Lock, LockOpen, Pipette } from 'lucide-react';
import { Field, invalidProps } from './Field.tsx';
import { FromPrompt } from './FromPrompt.tsx';

interface Props {
  value: string;
  locked: boolean;
  error: string | undefined;
  /** The seed of the selected generation, offered with one click; null when nothing is selected. */
  selectedSeed: number | null;
  /** Set by `--seed` in the prompt: shown, and kept as long as the prompt keeps it. */
  fromPrompt?: { value: number; typed: string } | undefined;
  onChange(value: string): void;
  onLockChange(locked: boolean): void;
}

export function SeedField({ value: field, locked: lockedField, error, selectedSeed, fromPrompt, onChange, onLockChange }: Props) {
  const value = fromPrompt ? String(fromPrompt.value) : field;
  // The lock and the field never disagree: no lock without a seed, and a seed in the prompt is always kept.
  const locked = fromPrompt !== undefined || (lockedField && value.trim() !== '');
  const lockTitle = fromPrompt
    ? `Kept: ${fromPrompt.typed} is in the prompt`
    : value.trim() === ''
      ? 'Type a seed (or use the seed of the selected generation) to keep it'
      : locked
        ? 'The seed stays for the next runs'
        : 'After the next run the seed goes back to random';
  const hint = fromPrompt || locked ? 'Kept for the next runs' : value.trim() !== '' ? 'Used for the next run, then random again' : undefined;
  const lock = (
    <div className="field-actions">
      <FromPrompt typed={fromPrompt?.typed} />
      <button
        type="button"
        className="icon-button small"
        disabled={selectedSeed === null || fromPrompt !== undefined}
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
        disabled={fromPrompt !== undefined || value.trim() === ''}
        title={lockTitle}
        onClick={() => onLockChange(!locked)}
      >
        {locked ? <Lock size={13} aria-hidden="true" /> : <LockOpen size={13} aria-hidden="true" />}
      </button>
    </div>
  );
  return (
    <Field id="seed" label="Seed" error={error} aside={lock} hint={hint}>
      <input
        id="seed"
        type="text"
        inputMode="numeric"
        className="text-input mono"
        placeholder="Random"
        value={value}
        readOnly={fromPrompt !== undefined}
        onChange={(e) => onChange(e.target.value)}
        {...invalidProps('seed', error)}
      />
    </Field>
  );
}
