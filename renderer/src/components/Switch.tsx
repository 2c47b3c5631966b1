import { FromPrompt } from './FromPrompt.tsx';

interface Props {
  id: string;
  label: string;
  hint?: string;
  checked: boolean;
  /** How a flag in the prompt turned it on (e.g. "--raw"): shown on and locked. */
  fromPrompt?: string | undefined;
  onChange(checked: boolean): void;
}

/** An on/off setting: a checkbox that looks and announces itself as a switch. */
export function Switch({ id, label, hint, checked, fromPrompt, onChange }: Props) {
  return (
    <div className="switch-row">
      <label htmlFor={id}>
        {label}
        {hint && <span className="field-hint inline">{hint}</span>} <FromPrompt typed={fromPrompt} />
      </label>
      <input
        id={id}
        type="checkbox"
        role="switch"
        className="switch"
        checked={fromPrompt !== undefined || checked}
        disabled={fromPrompt !== undefined}
        onChange={(e) => onChange(e.target.checked)}
      />
    </div>
  );
}
