import { qualities, type Quality } from '../../../shared/generation.ts';
import { FromPrompt } from './FromPrompt.tsx';

interface Props {
  value: Quality | null;
  /** Set by `--q` in the prompt: shown instead of the field's value. */
  fromPrompt?: { value: Quality; typed: string } | undefined;
  onChange(value: Quality | null): void;
}

const options: { value: Quality | null; label: string }[] = [{ value: null, label: 'Default' }, ...qualities.map((q) => ({ value: q, label: String(q) }))];

export function QualityPicker({ value: field, fromPrompt, onChange }: Props) {
  const value = fromPrompt?.value ?? field;
  return (
    <fieldset className="segmented" disabled={fromPrompt !== undefined}>
      <legend>
        Quality <FromPrompt typed={fromPrompt?.typed} />
      </legend>
      <div className="segmented-options">
        {options.map((option) => (
          <label key={option.label} className={value === option.value ? 'on' : ''}>
            <input type="radio" name="quality" checked={value === option.value} onChange={() => onChange(option.value)} />
            {option.label}
          </label>
        ))}
      </div>
    </fieldset>
  );
}
