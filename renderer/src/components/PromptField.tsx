import { useLayoutEffect, useRef } from 'react';
import { PROMPT_MAX_LENGTH } from '../../../shared/input-limits.ts';
import { Field, invalidProps } from './Field.tsx';

interface Props {
  value: string;
  error: string | undefined;
  onChange(value: string): void;
}

/** The prompt grows with what is written, up to a point, then scrolls. */
export function PromptField({ value, error, onChange }: Props) {
  const ref = useRef<HTMLTextAreaElement>(null);
  useLayoutEffect(() => {
    const area = ref.current;
    if (!area) return;
    area.style.height = 'auto';
    area.style.height = `${Math.min(area.scrollHeight + 2, 320)}px`;
  }, [value]);
  const near = value.length > PROMPT_MAX_LENGTH * 0.9;
  // The field takes no more than the cap (a longer paste is cut there), so say so once it is reached.
  const count = `${value.length.toLocaleString()} / ${PROMPT_MAX_LENGTH.toLocaleString()} characters`;
  const hint = value.length >= PROMPT_MAX_LENGTH ? `${count}: the most a prompt can hold` : near ? count : undefined;
  return (
    <Field id="prompt" label="Prompt" error={error} hint={hint}>
      <textarea
        id="prompt"
        ref={ref}
        className="prompt-input"
        rows={3}
        value={value}
        maxLength={PROMPT_MAX_LENGTH}
        placeholder="Describe what to picture… (--flags work too)"
        spellCheck
        onChange={(e) => onChange(e.target.value)}
        {...invalidProps('prompt', error)}
      />
    </Field>
  );
}
