import { qualities, type Quality } from '../../../shared/generation.ts';

interface Props {
  value: Quality | null;
  onChange(value: Quality | null): void;
}

const options: { value: Quality | null; label: string }[] = [{ value: null, label: 'Default' }, ...qualities.map((q) => ({ value: q, label: String(q) }))];

export function QualityPicker({ value, onChange }: Props) {
  return (
    <fieldset className="segmented">
      <legend>Quality</legend>
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
