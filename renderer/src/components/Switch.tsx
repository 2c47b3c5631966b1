interface Props {
  id: string;
  label: string;
  hint?: string;
  checked: boolean;
  onChange(checked: boolean): void;
}

/** An on/off setting: a checkbox that looks and announces itself as a switch. */
export function Switch({ id, label, hint, checked, onChange }: Props) {
  return (
    <div className="switch-row">
      <label htmlFor={id}>
        {label}
        {hint && <span className="field-hint inline">{hint}</span>}
      </label>
      <input id={id} type="checkbox" role="switch" className="switch" checked={checked} onChange={(e) => onChange(e.target.checked)} />
    </div>
  );
}
