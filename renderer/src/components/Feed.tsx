import type { ReactNode } from 'react';
import type { Generation } from '../../../shared/generation.ts';
import type { FeedLayout } from '../lib/feed-layout.ts';
import { useNow } from '../hooks/useNow.ts';
import { FeedRun, stateWords } from './FeedRun.tsx';

interface Props {
  runs: readonly Generation[];
  layout: FeedLayout;
  /** Where the feed starts in the gallery (its padding). */
  top: number;
  left: number;
  /** As many runs are in flight as the account allows. */
  slotsFull: boolean;
  /** A landed run's tile: the gallery's own, in the same box. */
  landedTile(generation: Generation, width: number): ReactNode;
}

/**
 * The runs of this session at the top of the gallery, newest first: live ones say what they are
 * doing; a landed one becomes a gallery tile in the same box, and a failed one keeps its box too.
 */
export function Feed({ runs, layout, top, left, slotsFull, landedTile }: Props) {
  const now = useNow();
  return (
    <ul className="feed" aria-label="Feed" style={{ top, left, height: layout.height }}>
      {runs.map((g, i) => {
        const place = layout.places[i];
        if (!place) return null;
        const landed = g.status === 'done';
        return (
          <li
            key={g.id}
            className={`feed-tile status-${g.status}`}
            data-testid={landed ? 'feed-landed' : 'feed-tile'}
            data-id={g.id}
            data-status={g.status}
            aria-label={landed ? undefined : `${stateWords[g.status] ?? g.status}: ${g.effective.prompt}`}
            // Placed by transform, as the grid's rows are: a new run moving the others along is no layout shift.
            style={{ transform: `translate(${place.left}px, ${place.top}px)`, width: place.width, height: place.height }}
          >
            {landed ? landedTile(g, place.width) : <FeedRun generation={g} now={now} slotsFull={slotsFull} />}
          </li>
        );
      })}
    </ul>
  );
}
