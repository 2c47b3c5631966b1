import { Columns2 } from 'lucide-react';
import type { Generation } from '../../../shared/generation.ts';
import { changesInWords } from '../../../shared/parameter-diff.ts';
import { compareWithParent } from '../stores/compare-store.ts';
import { useDetailStore } from '../stores/detail-store.ts';
import { Thumbnail } from './Thumbnail.tsx';

type Relation = 'parent' | 'sibling' | 'self' | 'child';

/**
 * The generation's family as a small tree of thumbnails: its parent, itself among its siblings,
 * its children; each says in words what changed against its own parent, and opens on click.
 */
export function LineagePanel() {
  const lineage = useDetailStore((s) => s.lineage);
  const siblings = useDetailStore((s) => s.siblings);
  const open = useDetailStore((s) => s.open);
  const imageIndex = useDetailStore((s) => s.imageIndex);
  if (!open || !lineage || (!lineage.parent && lineage.children.length === 0)) return null;
  const parent = lineage.parent;
  // This generation keeps its place among its siblings (they are all in creation order).
  const generation = [...siblings, open].sort((a, b) => a.createdAt - b.createdAt || a.id - b.id);
  return (
    <section className="detail-section family" aria-label="Family">
      <h3>Family</h3>
      {parent && (
        <div className="family-changes">
          <p className="lineage-caption">Made from #{parent.id}:</p>
          <p className="lineage-changes" data-testid="lineage-changes">
            {changesInWords(parent.effective, open.effective)}
          </p>
          <button type="button" className="ghost-button" title="Compare with parent · C" onClick={() => compareWithParent(open, imageIndex)}>
            <Columns2 size={13} aria-hidden="true" /> Compare with parent
          </button>
        </div>
      )}
      <ol className="family-tree">
        {parent && (
          <li className="family-row" aria-label="Parent">
            <FamilyMember generation={parent} relation="parent" />
          </li>
        )}
        <li className={`family-row${parent ? ' nested' : ''}`} aria-label={siblings.length > 0 ? 'This generation and its siblings' : 'This generation'}>
          {generation.map((member) =>
            member.id === open.id ? (
              <FamilyMember key={member.id} generation={member} relation="self" />
            ) : (
              <FamilyMember key={member.id} generation={member} relation="sibling" changes={parent ? changesInWords(parent.effective, member.effective) : undefined} />
            ),
          )}
        </li>
        {lineage.children.length > 0 && (
          <li className={`family-row nested${parent ? ' twice' : ''}`} aria-label="Reruns and edits">
            {lineage.children.map((child) => (
              <FamilyMember key={child.id} generation={child} relation="child" changes={changesInWords(open.effective, child.effective)} />
            ))}
          </li>
        )}
      </ol>
    </section>
  );
}

function FamilyMember({ generation: g, relation, changes }: { generation: Generation; relation: Relation; changes?: string | undefined }) {
  const words = [`#${g.id}`, relation === 'self' ? 'shown now' : relation, changes, g.status !== 'done' ? g.status : undefined].filter(Boolean).join(' · ');
  return (
    <button
      type="button"
      className={`family-member ${relation}`}
      data-testid={`lineage-${relation}`}
      aria-label={`${words}: ${g.effective.prompt}`}
      aria-current={relation === 'self' ? 'true' : undefined}
      title={`${words}\n${g.effective.prompt}`}
      disabled={relation === 'self'}
      onClick={() => void useDetailStore.getState().show(g.id)}
    >
      <Thumbnail image={g.images[0]} aspectRatio={g.effective.aspectRatio} />
      <span className="family-id">#{g.id}</span>
    </button>
  );
}
