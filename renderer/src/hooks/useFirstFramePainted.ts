import { useEffect, useState } from 'react';
import { afterPaint } from '../lib/after-paint.ts';

/**
 * Whether a new list (a typed search's first page, the first page at start; `list` names it) has
 * had its first frame painted. Until then the gallery gives that frame only what it must show: the
 * rows on screen (the rows below are for scrolling), and its tiles without their pictures asked for
 * (`PictureSource`). At 1M on 2 cores, both were between the last key and the grid showing the
 * search. A page added by scrolling, or a run placed in the grid, is no new list.
 */
export function useFirstFramePainted(list: number): boolean {
  const [painted, setPainted] = useState(list);
  useEffect(() => (painted === list ? undefined : afterPaint(() => setPainted(list))), [list, painted]);
  return painted === list;
}
