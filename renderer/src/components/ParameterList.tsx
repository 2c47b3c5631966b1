import { UNKNOWN_SEED, type Generation } from '../../../shared/generation.ts';
import { elapsed, modelName } from '../lib/format.ts';

/** Every setting the run really used (flags in the prompt already applied). */
export function ParameterList({ generation: g }: { generation: Generation }) {
  const e = g.effective;
  const took = g.completedAt !== null && g.submittedAt !== null ? elapsed(g.completedAt - g.submittedAt) : '—';
  // Pairs share a row; long values (negative prompt, reference address) get a whole row.
  const rows: [string, string][] = [
    ['Model', modelName(e.model)],
    ['Aspect ratio', e.aspectRatio],
    ['Stylize', e.stylize === null ? 'default' : String(e.stylize)],
    ['Chaos', e.chaos === null ? 'default' : String(e.chaos)],
    ['Weird', e.weird === null ? 'default' : String(e.weird)],
    ['Quality', e.quality === null ? 'default' : String(e.quality)],
    ['Raw style', e.raw ? 'on' : 'off'],
    ['Seed', e.seed === UNKNOWN_SEED ? 'unknown' : String(e.seed)],
    ['Credits', String(g.credits)],
    ['Took', took],
    ['Negative prompt', e.negativePrompt ?? '—'],
    ['Reference image', e.referenceImageUrl ?? '—'],
    ...(g.midjourneyJobId === null ? [] : [['Midjourney job', g.midjourneyJobId] as [string, string]]),
  ];
  return (
    <dl className="parameters" aria-label="Parameters">
      {rows.map(([name, value]) => (
        <div key={name} className={`parameter${name === 'Negative prompt' || name === 'Reference image' || name === 'Midjourney job' ? ' wide' : ''}`}>
          <dt>{name}</dt>
          <dd data-testid={`param-${name.toLowerCase().replaceAll(' ', '-')}`}>{value}</dd>
        </div>
      ))}
    </dl>
  );
}
