import type { ReactNode } from 'react';
import { Heart } from 'lucide-react';
import { models, type AspectRatio, type Model } from '../../../shared/generation.ts';
import { modelNames } from '../lib/format.ts';
import { hasFilters, useGalleryStore, type DateFilter } from '../stores/gallery-store.ts';

const commonRatios: AspectRatio[] = ['1:1', '16:9', '9:16', '3:4', '4:3', '21:9'];
const dates: { value: DateFilter; label: string }[] = [
  { value: 'today', label: 'Today' },
  { value: 'week', label: 'Last 7 days' },
  { value: 'month', label: 'Last 30 days' },
];

function toggle<T>(list: T[], value: T): T[] {
  return list.includes(value) ? list.filter((v) => v !== value) : [...list, value];
}

/** One chip per filter; pressed chips narrow the gallery. */
export function FilterChips() {
  const query = useGalleryStore((s) => s.query);
  const { setQuery, clearFilters } = useGalleryStore.getState();
  const chip = (label: string, pressed: boolean, onClick: () => void, extra?: ReactNode) => (
    <button type="button" key={label} className={`chip${pressed ? ' on' : ''}`} aria-pressed={pressed} onClick={onClick}>
      {extra}
      {label}
    </button>
  );
  return (
    <div className="filter-chips" role="group" aria-label="Filters">
      {chip('Favorites', query.favorite, () => setQuery({ favorite: !query.favorite }), <Heart size={12} aria-hidden="true" />)}
      <span className="chip-divider" aria-hidden="true" />
      {models.map((model: Model) => chip(modelNames[model], query.models.includes(model), () => setQuery({ models: toggle(query.models, model) })))}
      <span className="chip-divider" aria-hidden="true" />
      {commonRatios.map((ratio) => chip(ratio, query.aspectRatios.includes(ratio), () => setQuery({ aspectRatios: toggle(query.aspectRatios, ratio) })))}
      <span className="chip-divider" aria-hidden="true" />
      {dates.map((d) => chip(d.label, query.date === d.value, () => setQuery({ date: query.date === d.value ? 'any' : d.value })))}
      {hasFilters({ ...query, text: '' }) && (
        <button type="button" className="link-button" onClick={clearFilters}>
          Clear filters
        </button>
      )}
    </div>
  );
}
