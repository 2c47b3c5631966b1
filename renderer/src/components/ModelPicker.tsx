import { models, type Model } from '../../../shared/generation.ts';
import { modelNames } from '../lib/format.ts';
import { FromPrompt } from './FromPrompt.tsx';

interface Props {
  value: Model;
  /** Set by `--v`/`--niji` in the prompt: shown instead of the field's value. */
  fromPrompt?: { value: Model; typed: string } | undefined;
  onChange(value: Model): void;
}

export function ModelPicker({ value: field, fromPrompt, onChange }: Props) {
  const value = fromPrompt?.value ?? field;
  return (
    <fieldset className="segmented" disabled={fromPrompt !== undefined}>
      <legend>
        Model <FromPrompt typed={fromPrompt?.typed} />
      </legend>
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
