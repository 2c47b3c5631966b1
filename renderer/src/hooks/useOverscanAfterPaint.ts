import { useEffect, useState } from 'react';
import { afterPaint } from '../lib/after-paint.ts';

/**
 * The rows a virtualized list renders beyond the screen: none while a new list (a typed search's
 * page, the first page at start) is painted, then `overscan`. The rows below the screen are there
 * for scrolling, not for that first frame, and at 1M on 2 cores they were half of a page's render,
 * layout and paint, between the last key and the grid showing the search.
 */
export function useOverscanAfterPaint<T>(list: T, overscan: number): number {
  const [painted, setPainted] = useState(list);
  useEffect(() => (painted === list ? undefined : afterPaint(() => setPainted(() => list))), [list, painted]);
  return painted === list ? overscan : 0;
}
