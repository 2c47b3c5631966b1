import { Plus, X } from 'lucide-react';
import { sweepExamples, sweepLabels, sweepParameters, type SweepParameter } from '../../../shared/runs/sweep.ts';
import type { SweepDraft } from '../lib/run-plan.ts';

interface Props {
  sweeps: SweepDraft[];
  /** Why the runs cannot be counted as they stand (a value out of range, a flag that would win), if so. */
  problem: string | null;
  onChange(sweeps: SweepDraft[]): void;
}

const names = [
  { setting: 'Sweep setting', values: 'Sweep values', remove: 'Remove sweep' },
  { setting: 'Second sweep setting', values: 'Second sweep values', remove: 'Remove second sweep' },
];

/** One setting (or two, an X/Y grid) run over several values, the seed held so only it changes. */
export function SweepControl({ sweeps, problem, onChange }: Props) {
  const change = (index: number, row: Partial<SweepDraft>) => onChange(sweeps.map((s, i) => (i === index ? { ...s, ...row } : s)));
  const unused = sweepParameters.find((p) => !sweeps.some((s) => s.parameter === p)) ?? 'stylize';
  return (
    <fieldset className="sweep-control">
      <legend>Sweep</legend>
      {sweeps.map((sweep, i) => {
        const name = names[i] ?? names[0]!;
        return (
          <div className="sweep-row" key={i}>
            <select
              id={`sweep-setting-${i}`}
              className="text-input"
              aria-label={name.setting}
              value={sweep.parameter}
              onChange={(e) => change(i, { parameter: e.target.value as SweepParameter, values: '' })}
            >
              {sweepParameters.map((p) => (
                <option key={p} value={p}>
                  {sweepLabels[p]}
                </option>
              ))}
            </select>
            <input
              id={`sweep-values-${i}`}
              type="text"
              className="text-input"
              aria-label={name.values}
              placeholder={sweepExamples[sweep.parameter]}
              maxLength={400}
              value={sweep.values}
              onChange={(e) => change(i, { values: e.target.value })}
            />
            <button type="button" className="icon-button small" aria-label={name.remove} onClick={() => onChange(sweeps.filter((_, j) => j !== i))}>
              <X size={12} aria-hidden="true" />
            </button>
          </div>
        );
      })}
      {sweeps.length < 2 && (
        <button type="button" className="ghost-button small" onClick={() => onChange([...sweeps, { parameter: unused, values: '' }])}>
          <Plus size={12} aria-hidden="true" /> {sweeps.length === 0 ? 'Add a sweep' : 'Add a second setting (X/Y)'}
        </button>
      )}
      {sweeps.length > 0 &&
        (problem ? (
          <p className="field-error" data-testid="sweep-problem">
            {problem}
          </p>
        ) : (
          <p className="field-hint">The seed stays the same, so only the swept setting changes.</p>
        ))}
    </fieldset>
  );
}
