import { useEffect, useState } from 'react';
import { afterPaint } from '../lib/after-paint.ts';

/**
 * The rows a virtualized list renders beyond the screen: none while a new list (a typed search's
 * first page, the first page at start; `list` names it) is painted, then `overscan`. The rows below
 * the screen are there for scrolling, not for that first frame, and at 1M on 2 cores they were half
 * of a page's render, layout and paint, between the last key and the grid showing the search. A
 * page added by scrolling, or a run placed in the grid, is no new list: its rows stay.
 */
export function useOverscanAfterPaint(list: number, overscan: number): number {
  const [painted, setPainted] = useState(list);
  useEffect(() => (painted === list ? undefined : afterPaint(() => setPainted(list))), [list, painted]);
  return painted === list ? overscan : 0;
}
