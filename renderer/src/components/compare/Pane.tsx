import { useCompareStore, type ComparePane } from '../../stores/compare-store.ts';
import { ZoomableImage } from '../viewer/ZoomableImage.tsx';

/** How a pane is named and captioned: which generation and which of its images. */
export function paneName(pane: ComparePane): string {
  return `#${pane.generation.id} · image ${pane.index + 1}`;
}

/** One compared image; focus makes it the pane the keys act on. `label` goes before its name (a sweep grid's values). */
export function Pane({ pane, at, focused, label }: { pane: ComparePane; at: number; focused: boolean; label?: string }) {
  const g = pane.generation;
  const name = label ? `${label} · ${paneName(pane)}` : paneName(pane);
  return (
    <div className={`compare-pane${focused ? ' focused' : ''}`} tabIndex={0} data-pane={at} aria-label={name} aria-current={focused ? 'true' : undefined} onFocus={() => useCompareStore.getState().focus(at)}>
      <span className="compare-caption">{label ? `#${g.id}` : paneName(pane)}</span>
      <ZoomableImage image={g.images[pane.index]} aspectRatio={g.effective.aspectRatio} primary={focused} alt={`Image ${pane.index + 1} of “${g.effective.prompt}”`} />
    </div>
  );
}
