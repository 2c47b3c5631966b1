import type { KeyboardEvent } from 'react';
import type { Generation } from '../../../shared/generation.ts';
import type { FeedLayout } from '../lib/feed-layout.ts';
import { useNow } from '../hooks/useNow.ts';
import { FeedImages } from './FeedImages.tsx';
import { FeedRun, stateWords } from './FeedRun.tsx';
import { TileMarks, tileAttributes, type TileActions } from './GenerationTile.tsx';

interface Props {
  /** Newest first; a landed run as the library has it now (its curation included). */
  runs: readonly Generation[];
  layout: FeedLayout;
  /** Where the feed starts in the gallery (its padding). */
  top: number;
  left: number;
  /** As many runs are in flight as the account allows. */
  slotsFull: boolean;
  /** What a landed run's tile does: the gallery's own tile behaviour, in the same box. */
  landedActions(generation: Generation): TileActions;
}

/**
 * The runs of this session at the top of the gallery, newest first: live ones say what they are
 * doing; a landed one becomes a gallery tile in the same box, and a failed one keeps its box too.
 */
export function Feed({ runs, layout, top, left, slotsFull, landedActions }: Props) {
  const now = useNow();
  return (
    <ul className="feed" aria-label="Feed" style={{ top, left, height: layout.height }}>
      {runs.map((g, i) => {
        const place = layout.places[i];
        if (!place) return null;
        const actions = g.status === 'done' ? landedActions(g) : null;
        const landed = actions !== null;
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
            {/* One element from placeholder to landed tile: its images are never mounted twice (bench:ui's landing → painted). */}
            <div className="feed-frame" {...(actions ? landedFrame(g, actions) : {})}>
              <FeedImages generation={g} landed={landed} />
              {actions ? <TileMarks generation={g} index={null} inSelection={actions.inSelection} /> : <FeedRun generation={g} now={now} slotsFull={slotsFull} />}
            </div>
          </li>
        );
      })}
    </ul>
  );
}

/** A landed run's frame acts as the gallery's tile: a button by role (a real one would have to replace the running card's element). */
function landedFrame(g: Generation, actions: TileActions) {
  const tile = tileAttributes(g, null, actions, ' feed-frame');
  return {
    ...tile,
    role: 'button',
    tabIndex: -1,
    onKeyDown: (e: KeyboardEvent<HTMLElement>) => {
      tile.onKeyDown(e);
      // Enter is the gallery's own key for the current tile (keyboard.ts), which focus made this one.
      if (e.defaultPrevented || e.target !== e.currentTarget) return;
      if (e.key === ' ') {
        e.preventDefault();
        actions.onOpen(e);
      }
    },
  };
}
