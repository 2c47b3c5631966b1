import { models, type Model } from '../../../shared/generation.ts';
import { modelNames } from '../lib/format.ts';

interface Props {
  value: Model;
  onChange(value: Model): void;
}

export function ModelPicker({ value, onChange }: Props) {
  return (
    <fieldset className="segmented">
      <legend>Model</legend>
      <div className="segmented-options">
        {models.map((model) => (
          <label key={model} className={value === model ? 'on' : ''}>
            <input type="radio" name="model" value={model} checked={value === model} onChange={() => onChange(model)} />
            {modelNames[model]}
          </label>
        ))}
      </div>
    </fieldset>
  );
}
