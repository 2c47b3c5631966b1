import { Search, X } from 'lucide-react';
import { SEARCH_TEXT_MAX_LENGTH } from '../../../shared/input-limits.ts';
import { useGalleryStore } from '../stores/gallery-store.ts';
import { SearchSyntax } from './SearchSyntax.tsx';

/** Searches with the query language as the artist types; `/` jumps here from anywhere. */
export function SearchBox() {
  const text = useGalleryStore((s) => s.query.text);
  const setText = useGalleryStore((s) => s.setText);
  const invalid = useGalleryStore((s) => s.problem !== null);
  return (
    <div className="search-box">
      <Search size={15} aria-hidden="true" />
      <input
        id="search"
        type="search"
        aria-label="Search"
        placeholder="Search…  fisher, &quot;exact&quot;, -blurry, ar:16:9, seed:123"
        aria-invalid={invalid}
        aria-describedby={invalid ? 'search-problem' : undefined}
        value={text}
        maxLength={SEARCH_TEXT_MAX_LENGTH}
        autoComplete="off"
        spellCheck={false}
        onChange={(e) => setText(e.target.value)}
        onKeyDown={(e) => {
          if (e.key === 'Escape' && text !== '') {
            e.preventDefault();
            setText('');
          } else if (e.key === 'Escape') {
            e.currentTarget.blur();
          }
        }}
      />
      {text !== '' && (
        <button type="button" className="icon-button small" aria-label="Clear search" onClick={() => setText('')}>
          <X size={13} aria-hidden="true" />
        </button>
      )}
      <SearchSyntax />
      <kbd className="shortcut-hint" aria-hidden="true">
        /
      </kbd>
    </div>
  );
}
