import { Fragment } from 'react';
import { parameterRows, wordDiff } from '../../../../shared/parameter-diff.ts';
import type { ComparePane } from '../../stores/compare-store.ts';

/** Every setting of the compared generations; only the rows that differ are highlighted, prompts word by word against the first. */
export function DifferencesTable({ panes }: { panes: ComparePane[] }) {
  const rows = parameterRows(panes.map((pane) => pane.generation.effective));
  const differing = rows.filter((row) => row.differs).length;
  return (
    <div className="differences-wrap">
      <table className="differences" aria-label="Differences">
        <caption>{differing === 0 ? 'Same settings' : `${differing} of ${rows.length} settings differ`}</caption>
        <thead>
          <tr>
            <th scope="col">Setting</th>
            {panes.map((pane, i) => (
              <th scope="col" key={i}>
                #{pane.generation.id} · image {pane.index + 1}
              </th>
            ))}
          </tr>
        </thead>
        <tbody>
          {rows.map((row) => (
            <tr key={row.key} className={row.differs ? 'differs' : undefined} data-differs={row.differs ? 'true' : 'false'} data-testid={`difference-${row.key}`}>
              <th scope="row">
                {row.label}
                {row.differs && <span className="visually-hidden"> (differs)</span>}
              </th>
              {row.values.map((value, i) =>
                row.key === 'prompt' && row.differs && i > 0 ? (
                  <td key={i}>
                    <PromptDiff before={row.values[0] ?? ''} after={value} />
                  </td>
                ) : (
                  <td key={i}>{value}</td>
                ),
              )}
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}

function PromptDiff({ before, after }: { before: string; after: string }) {
  return (
    <>
      {wordDiff(before, after).map((change, i) => (
        <Fragment key={i}>
          {i > 0 && ' '}
          {change.kind === 'added' ? <ins>{change.text}</ins> : change.kind === 'removed' ? <del>{change.text}</del> : change.text}
        </Fragment>
      ))}
    </>
  );
}
