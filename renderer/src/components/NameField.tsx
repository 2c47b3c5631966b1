import { useEffect, useRef, useState } from 'react';

interface Props {
  /** The accessible name, e.g. "Collection name". */
  label: string;
  initial?: string;
  maxLength: number;
  /** Resolves true when the name was taken; the field then closes. */
  onCommit(name: string): Promise<boolean>;
  onCancel(): void;
}

/** An inline textbox for naming something: Enter saves, Esc or leaving it cancels. */
export function NameField({ label, initial = '', maxLength, onCommit, onCancel }: Props) {
  const [value, setValue] = useState(initial);
  const busy = useRef(false);
  const input = useRef<HTMLInputElement>(null);
  useEffect(() => {
    input.current?.focus();
    input.current?.select();
  }, []);
  const commit = async () => {
    if (busy.current) return;
    if (value.trim() === '') return onCancel();
    busy.current = true;
    const done = await onCommit(value.trim());
    busy.current = false;
    if (!done) input.current?.focus();
  };
  return (
    <input
      ref={input}
      type="text"
      className="text-input name-field"
      aria-label={label}
      value={value}
      maxLength={maxLength}
      autoComplete="off"
      spellCheck={false}
      onChange={(e) => setValue(e.target.value)}
      onKeyDown={(e) => {
        if (e.key === 'Enter') {
          e.preventDefault();
          void commit();
        } else if (e.key === 'Escape') {
          e.preventDefault();
          e.stopPropagation();
          onCancel();
        }
      }}
      onBlur={() => {
        if (!busy.current) onCancel();
      }}
    />
  );
}
