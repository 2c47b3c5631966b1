import { useCallback, useRef, useState } from 'react';
import { ArrowDownUp } from 'lucide-react';
import type { SearchSort } from '../../../shared/search.ts';
import { useGalleryStore } from '../stores/gallery-store.ts';
import { ContextMenu } from './ContextMenu.tsx';

/** The gallery's orders in the artist's words, in menu order. */
const sortNames: Record<SearchSort, string> = { newest: 'Newest', oldest: 'Oldest', rating: 'Highest rated', stylize: 'Stylize', chaos: 'Chaos' };

/** The "Sort" button: a menu of the gallery's orders, the current one checked. */
export function SortMenu() {
  const sort = useGalleryStore((s) => s.sort);
  const [at, setAt] = useState<{ x: number; y: number } | null>(null);
  const button = useRef<HTMLButtonElement>(null);
  const close = useCallback(() => {
    setAt(null);
    button.current?.focus();
  }, []);
  const open = () => {
    const box = button.current?.getBoundingClientRect();
    if (box) setAt({ x: box.left, y: box.bottom + 4 });
  };
  return (
    <>
      <button
        ref={button}
        type="button"
        className="chip sort-button"
        aria-label="Sort"
        aria-haspopup="menu"
        aria-expanded={at !== null}
        title={`Sort: ${sortNames[sort]}`}
        onClick={() => (at === null ? open() : close())}
      >
        <ArrowDownUp size={12} aria-hidden="true" />
        Sort: {sortNames[sort]}
      </button>
      {at !== null && (
        <ContextMenu
          label="Sort"
          at={at}
          onClose={close}
          items={(Object.keys(sortNames) as SearchSort[]).map((value) => ({
            label: sortNames[value],
            checked: value === sort,
            run: () => useGalleryStore.getState().setSort(value),
          }))}
        />
      )}
    </>
  );
}
