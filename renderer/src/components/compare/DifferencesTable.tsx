import { Fragment, useState } from 'react';
import { parameterRows, wordDiff } from '../../../../shared/parameter-diff.ts';
import type { ComparePane } from '../../stores/compare-store.ts';

/**
 * The settings of the compared generations: the ones that differ, highlighted (prompts word by word
 * against the first); the ones that are the same only on request, so the images keep the room.
 */
export function DifferencesTable({ panes }: { panes: ComparePane[] }) {
  const [showSame, setShowSame] = useState(false);
  const all = parameterRows(panes.map((pane) => pane.generation.effective));
  const differing = all.filter((row) => row.differs).length;
  const rows = showSame ? all : all.filter((row) => row.differs);
  return (
    <div className="differences-wrap">
      <button type="button" className="link-button differences-toggle" aria-expanded={showSame} onClick={() => setShowSame(!showSame)}>
        {showSame ? 'Hide the settings that are the same' : `Show the ${all.length - differing} settings that are the same`}
      </button>
      <table className="differences" aria-label="Differences">
        <caption>{differing === 0 ? 'Every setting is the same' : `${differing} of ${all.length} settings differ`}</caption>
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
