import { useCompareStore, type ComparePane, type CompareGrid } from '../../stores/compare-store.ts';
import { Pane } from './Pane.tsx';

/** The cell's label: its column's value, then its row's. */
function cellLabel(grid: CompareGrid, row: number, column: number): string {
  const across = grid.layout.across.labels[column] ?? '';
  const down = grid.layout.down?.labels[row];
  return down === undefined ? across : `${across} · ${down}`;
}

/**
 * A sweep as an X/Y plot: the first swept setting's values across the top, the second's down the
 * side, each cell the run made with them (zooming and panning together, as every compare does).
 * A run that did not land says so in its cell rather than closing the gap, so the axes stay true.
 */
export function SweepGridPanes({ grid, panes, focused }: { grid: CompareGrid; panes: ComparePane[]; focused: number }) {
  const { across, down, cells } = grid.layout;
  const columns = across.labels.length;
  return (
    <div
      className="sweep-grid"
      role="table"
      aria-label="Sweep grid"
      style={{ gridTemplateColumns: `auto repeat(${columns}, minmax(0, 1fr))`, gridTemplateRows: `auto repeat(${cells.length}, minmax(0, 1fr))` }}
    >
      <div role="row" className="sweep-grid-row">
        <span role="columnheader" className="sweep-grid-corner">
          {down ? `${down.setting} ↓ · ${across.setting} →` : `${across.setting} →`}
        </span>
        {across.labels.map((label) => (
          <span role="columnheader" key={label} className="sweep-grid-heading">
            {label}
          </span>
        ))}
      </div>
      {cells.map((row, r) => (
        <div role="row" className="sweep-grid-row" key={r}>
          <span role="rowheader" className="sweep-grid-heading side">
            {down?.labels[r] ?? ''}
          </span>
          {row.map((cell, c) => {
            const at = grid.paneAt[r]?.[c] ?? null;
            const pane = at === null ? undefined : panes[at];
            return (
              <div role="cell" className="sweep-grid-cell" key={c}>
                {pane && at !== null ? (
                  <Pane pane={pane} at={at} focused={focused === at} label={cellLabel(grid, r, c)} />
                ) : (
                  <p className="sweep-grid-missing">{cell ? `${cellLabel(grid, r, c)}: ${cell.status}, no images` : `${cellLabel(grid, r, c)}: no run`}</p>
                )}
              </div>
            );
          })}
        </div>
      ))}
    </div>
  );
}

/** Which of the four images every cell shows: the seed is held, so image 2 of each run is comparable too. */
export function GridImagePicker({ grid }: { grid: CompareGrid }) {
  return (
    <div className="segmented" role="group" aria-label="Image of each run">
      {[0, 1, 2, 3].map((index) => (
        <button type="button" key={index} aria-pressed={grid.image === index} onClick={() => useCompareStore.getState().showGridImage(index)}>
          Image {index + 1}
        </button>
      ))}
    </div>
  );
}
