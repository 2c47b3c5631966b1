import { Info } from 'lucide-react';

/** Says which `--flags` in the prompt win over the fields, and what in the prompt cannot be used. */
export function OverrideNotes({ overrides, problems }: { overrides: string[]; problems: string[] }) {
  if (overrides.length === 0 && problems.length === 0) return null;
  return (
    <div className="override-notes" role="status">
      {overrides.map((message) => (
        <p key={message} className="override-note">
          <Info size={13} aria-hidden="true" /> {message}
        </p>
      ))}
      {problems.map((message) => (
        <p key={message} className="override-note problem">
          <Info size={13} aria-hidden="true" /> {message}
        </p>
      ))}
    </div>
  );
}
