import { RotateCcw } from 'lucide-react';
import { Field, invalidProps } from './Field.tsx';
import { FromPrompt } from './FromPrompt.tsx';

interface Props {
  id: string;
  label: string;
  max: number;
  step?: number;
  /** What the server uses when the field is empty. */
  defaultValue: number;
  value: string;
  error: string | undefined;
  /** Set by a flag in the prompt (e.g. `--s 600`): shown instead of the field's value, read-only. */
  fromPrompt?: { value: number; typed: string } | undefined;
  onChange(value: string): void;
}

/** A slider and a number box for the same setting; empty means the server's default. */
export function SliderField({ id, label, max, step = 1, defaultValue, value: field, error, fromPrompt, onChange }: Props) {
  const value = fromPrompt ? String(fromPrompt.value) : field;
  const numeric = Number(value);
  const sliderValue = value.trim() === '' || !Number.isFinite(numeric) ? defaultValue : Math.min(max, Math.max(0, numeric));
  const reset =
    fromPrompt ? (
      <FromPrompt typed={fromPrompt.typed} />
    ) : value !== '' ? (
      <button type="button" className="icon-button small" aria-label={`Reset ${label.toLowerCase()} to the default`} title="Back to default" onClick={() => onChange('')}>
        <RotateCcw size={13} aria-hidden="true" />
      </button>
    ) : null;
  return (
    <Field id={id} label={label} error={error} aside={reset}>
      <div className="slider-row">
        <input
          type="range"
          aria-label={`${label} slider`}
          min={0}
          max={max}
          step={step}
          value={sliderValue}
          disabled={fromPrompt !== undefined}
          className={value === '' ? 'at-default' : ''}
          onChange={(e) => onChange(e.target.value)}
        />
        <input
          id={id}
          className="number-input"
          type="text"
          inputMode="numeric"
          placeholder={String(defaultValue)}
          value={value}
          readOnly={fromPrompt !== undefined}
          onChange={(e) => onChange(e.target.value)}
          {...invalidProps(id, error)}
        />
      </div>
    </Field>
  );
}
