import type { Generation, Rating } from '../../../shared/generation.ts';
import { aim, rate } from '../stores/curation-actions.ts';
import { useCurationStore } from '../stores/curation-store.ts';
import { useDetailStore } from '../stores/detail-store.ts';

const stars: Rating[] = [1, 2, 3, 4, 5];

/** The shown image's stars (keys 1–5, 0 clears) and whether a rating moves on to the next image. */
export function ImageRating({ generation: g }: { generation: Generation }) {
  const imageIndex = useDetailStore((s) => s.imageIndex);
  const image = g.images[imageIndex];
  const autoAdvance = useCurationStore((s) => s.autoAdvance);
  const setAutoAdvance = useCurationStore((s) => s.setAutoAdvance);
  return (
    <div className="image-rating">
      <div role="radiogroup" aria-label="Rating" className="rating-stars">
        {stars.map((n) => (
          <label key={n} className={`rating-star${image?.rating !== null && image?.rating !== undefined && n <= image.rating ? ' on' : ''}`} title={`${n} · key ${n}`}>
            <input
              type="radio"
              name={`rating-${g.id}`}
              className="rating-input"
              checked={image?.rating === n}
              disabled={!image}
              onChange={() => void rate(n, aim())}
            />
            <span aria-hidden="true">★</span>
            <span className="visually-hidden">{n === 1 ? '1 star' : `${n} stars`}</span>
          </label>
        ))}
      </div>
      <label className="auto-advance" title="After a rating or a reject, show the next image">
        <input type="checkbox" checked={autoAdvance} onChange={(e) => setAutoAdvance(e.target.checked)} /> Auto-advance
      </label>
    </div>
  );
}
