import { useLayoutEffect, useState, type RefObject } from 'react';

/**
 * The element's content width, kept current as the window or panels resize. Read once as it
 * mounts (the window's first layout, which the first paint needs anyway), then from the observer's
 * own measure: reading clientWidth in its callback lays the window out again whenever anything
 * changed since (tiles just added). The element has no padding: its content box is clientWidth.
 */
export function useElementWidth(ref: RefObject<HTMLElement | null>): number {
  const [width, setWidth] = useState(0);
  useLayoutEffect(() => {
    const element = ref.current;
    if (!element) return;
    setWidth(element.clientWidth);
    const observer = new ResizeObserver(([entry]) => {
      // rounded as clientWidth is, so the first callback (the size just read) changes nothing
      if (entry) setWidth(Math.round(entry.contentRect.width));
    });
    observer.observe(element);
    return () => observer.disconnect();
  }, [ref]);
  return width;
}
