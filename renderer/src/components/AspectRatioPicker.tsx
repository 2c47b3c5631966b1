import { aspectRatios, type AspectRatio } from '../../../shared/generation.ts';
import { ratioOf } from '../lib/format.ts';
import { FromPrompt } from './FromPrompt.tsx';

interface Props {
  /** null: not chosen (the server uses 1:1). */
  value: AspectRatio | null;
  error: string | undefined;
  /** Set by `--ar` in the prompt: shown lit instead of the field's value, as typed. */
  fromPrompt?: { value: AspectRatio; typed: string } | undefined;
  onChange(value: AspectRatio): void;
}

/** Each ratio shown as its shape, so the choice is seen rather than read. */
export function AspectRatioPicker({ value, error, fromPrompt, onChange }: Props) {
  const current = fromPrompt?.value ?? value ?? '1:1';
  return (
    <fieldset className="aspect-picker" disabled={fromPrompt !== undefined}>
      <legend>
        Aspect ratio <FromPrompt typed={fromPrompt?.typed} />
      </legend>
      <div className="aspect-options">
        {aspectRatios.map((ratio) => {
          const r = ratioOf(ratio);
          const size = r >= 1 ? { width: 22, height: Math.round(22 / r) } : { width: Math.round(22 * r), height: 22 };
          return (
            <label key={ratio} className={current === ratio ? 'on' : ''} title={ratio}>
              <input type="radio" name="aspect-ratio" value={ratio} checked={current === ratio} onChange={() => onChange(ratio)} />
              <span className="aspect-shape" style={size} aria-hidden="true" />
              <span className="aspect-label">{ratio}</span>
            </label>
          );
        })}
      </div>
      {error && <p className="field-error">{error}</p>}
    </fieldset>
  );
}
