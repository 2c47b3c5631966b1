import type { ReactNode } from 'react';
import { Heart } from 'lucide-react';
import { aspectRatios, models, type Model } from '../../../shared/generation.ts';
import { modelNames } from '../lib/format.ts';
import { chipState, type DateChip, type RatingChip } from '../lib/query-chips.ts';
import { hasFilterTerms } from '../lib/query-filters.ts';
import { useGalleryStore } from '../stores/gallery-store.ts';
import { MoreFiltersButton } from './MoreFilters.tsx';

const dates: { value: DateChip; label: string }[] = [
  { value: 'today', label: 'Today' },
  { value: 'week', label: 'Last 7 days' },
  { value: 'month', label: 'Last 30 days' },
];

const ratings: { value: RatingChip; label: string }[] = [1, 2, 3, 4, 5].map((n) => ({ value: n as RatingChip, label: n === 5 ? 'Rated 5' : `Rated ${n}+` }));

function toggle<T>(list: T[], value: T): T[] {
  return list.includes(value) ? list.filter((v) => v !== value) : [...list, value];
}

/** One chip per filter; each reads and writes its term in the search text (lib/query-chips.ts). */
export function FilterChips() {
  const text = useGalleryStore((s) => s.query.text);
  const { setChip, clearChips } = useGalleryStore.getState();
  const state = chipState(text);
  const chip = (label: string, pressed: boolean, onClick: () => void, extra?: ReactNode) => (
    <button type="button" key={label} className={`chip${pressed ? ' on' : ''}`} aria-pressed={pressed} onClick={onClick}>
      {extra}
      {label}
    </button>
  );
  return (
    <div className="filter-chips" role="group" aria-label="Filters">
      {chip('Favorites', state.favorite, () => setChip('favorite', !state.favorite), <Heart size={12} aria-hidden="true" />)}
      {chip('Simulated', state.simulated, () => setChip('simulated', !state.simulated))}
      <span className="chip-divider" aria-hidden="true" />
      {models.map((model: Model) => chip(modelNames[model], state.models.includes(model), () => setChip('models', toggle(state.models, model))))}
      <span className="chip-divider" aria-hidden="true" />
      {aspectRatios.map((ratio) => chip(ratio, state.aspectRatios.includes(ratio), () => setChip('aspectRatios', toggle(state.aspectRatios, ratio))))}
      <span className="chip-divider" aria-hidden="true" />
      {dates.map((d) => chip(d.label, state.date === d.value, () => setChip('date', state.date === d.value ? null : d.value)))}
      <span className="chip-divider" aria-hidden="true" />
      {ratings.map((r) => chip(r.label, state.rating === r.value, () => setChip('rating', state.rating === r.value ? null : r.value)))}
      <span className="chip-divider" aria-hidden="true" />
      {chip('Failed', state.failed, () => setChip('failed', !state.failed))}
      <span className="chip-divider" aria-hidden="true" />
      <MoreFiltersButton />
      {hasFilterTerms(text) && (
        <button type="button" className="link-button" onClick={clearChips}>
          Clear filters
        </button>
      )}
    </div>
  );
}
