import { PROMPT_MAX_LENGTH } from '../../../shared/input-limits.ts';
import { Field, invalidProps } from './Field.tsx';

interface Props {
  value: string;
  error: string | undefined;
  onChange(value: string): void;
}

/**
 * The prompt grows with what is written, up to a point, then scrolls: CSS's `field-sizing: content`
 * (styles.css). Measuring it in a layout effect forced a layout of the whole window inside React's
 * commit, at every keystroke and on the first render (~55 ms at start-up, beside the gallery's own).
 */
export function PromptField({ value, error, onChange }: Props) {
  const near = value.length > PROMPT_MAX_LENGTH * 0.9;
  // Worded only when shown: a window's first number in the artist's locale loads ICU's data (35-55 ms
  // of the page's thread), which the first render of an empty form would otherwise pay (lib/format.ts).
  const count = near ? `${value.length.toLocaleString()} / ${PROMPT_MAX_LENGTH.toLocaleString()} characters` : '';
  // The field takes no more than the cap (a longer paste is cut there), so say so once it is reached.
  const hint = value.length >= PROMPT_MAX_LENGTH ? `${count}: the most a prompt can hold` : near ? count : undefined;
  return (
    <Field id="prompt" label="Prompt" error={error} hint={hint}>
      <textarea
        id="prompt"
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
