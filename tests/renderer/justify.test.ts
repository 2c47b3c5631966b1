import { describe, expect, it } from 'vitest';
import { justify } from '../../renderer/src/lib/justify.ts';

describe('the justified gallery layout', () => {
  it('fills every full row edge to edge, keeping each tile’s shape', () => {
    const rows = justify([1, 1, 2, 1, 1, 1, 0.5], 1000, 200, 10);
    expect(rows.map((r) => [r.start, r.end])).toEqual([[0, 4], [4, 7]]);
    const first = rows[0]!;
    const used = first.widths.reduce((a, b) => a + b, 0) + 10 * (first.widths.length - 1);
    expect(used).toBeCloseTo(1000, 6);
    expect(first.widths[2]! / first.height).toBeCloseTo(2, 6);
  });

  it('the last row keeps the target height instead of stretching', () => {
    const rows = justify([1, 1], 1000, 200, 10);
    expect(rows).toEqual([{ start: 0, end: 2, height: 200, widths: [200, 200] }]);
  });

  it('lays out nothing before the gallery has a width', () => {
    expect(justify([1, 1], 0, 200, 10)).toEqual([]);
  });
});
