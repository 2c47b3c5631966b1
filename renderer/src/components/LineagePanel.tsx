import { Columns2, CornerLeftUp, CornerDownRight } from 'lucide-react';
import type { Generation } from '../../../shared/generation.ts';
import { changesInWords } from '../../../shared/parameter-diff.ts';
import { compareWithParent } from '../stores/compare-store.ts';
import { useDetailStore } from '../stores/detail-store.ts';
import { Thumbnail } from './Thumbnail.tsx';

/** Where this generation came from and what was made from it, each with what changed in words; each one opens on click. */
export function LineagePanel() {
  const lineage = useDetailStore((s) => s.lineage);
  const open = useDetailStore((s) => s.open);
  const imageIndex = useDetailStore((s) => s.imageIndex);
  if (!open || !lineage || (!lineage.parent && lineage.children.length === 0)) return null;
  return (
    <section className="detail-section" aria-label="Lineage">
      <h3>Lineage</h3>
      {lineage.parent && (
        <>
          <p className="lineage-caption">
            <CornerLeftUp size={13} aria-hidden="true" /> Made from #{lineage.parent.id}
          </p>
          <p className="lineage-changes" data-testid="lineage-changes">
            {changesInWords(lineage.parent.effective, open.effective)}
          </p>
          <LineageLink generation={lineage.parent} relation="parent" />
          <button type="button" className="ghost-button" title="Compare with parent · C" onClick={() => compareWithParent(open, imageIndex)}>
            <Columns2 size={13} aria-hidden="true" /> Compare with parent
          </button>
        </>
      )}
      {lineage.children.length > 0 && (
        <>
          <p className="lineage-caption">
            <CornerDownRight size={13} aria-hidden="true" /> Reruns and edits
          </p>
          {lineage.children.map((child) => (
            <LineageLink key={child.id} generation={child} relation="child" changes={changesInWords(open.effective, child.effective)} />
          ))}
        </>
      )}
    </section>
  );
}

function LineageLink({ generation: g, relation, changes }: { generation: Generation; relation: 'parent' | 'child'; changes?: string }) {
  return (
    <button type="button" className="lineage-link" data-testid={`lineage-${relation}`} onClick={() => void useDetailStore.getState().show(g.id)}>
      <span className="lineage-thumb">
        <Thumbnail image={g.images[0]} aspectRatio={g.effective.aspectRatio} />
      </span>
      <span className="lineage-text">
        <span className="lineage-prompt">{g.effective.prompt}</span>
        <span className="muted">
          #{g.id} · seed {g.effective.seed}
          {g.status !== 'done' ? ` · ${g.status}` : ''}
        </span>
        {changes && <span className="lineage-child-changes">{changes}</span>}
      </span>
    </button>
  );
}
