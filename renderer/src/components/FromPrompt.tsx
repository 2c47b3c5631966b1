/** Marks a control whose value a flag in the prompt sets: what it shows is what will be sent. */
export function FromPrompt({ typed }: { typed: string | undefined }) {
  if (typed === undefined) return null;
  return (
    <span className="from-prompt" title={`Set by ${typed} in the prompt; edit the prompt to change it`}>
      from prompt
    </span>
  );
}
