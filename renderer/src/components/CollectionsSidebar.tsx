import { useState, type DragEvent, type KeyboardEvent, type MouseEvent } from 'react';
import { FolderPlus, Folder, Search, BookmarkPlus } from 'lucide-react';
import type { Collection, SavedSearch } from '../../../shared/curation.ts';
import { NAME_MAX_LENGTH } from '../../../shared/input-limits.ts';
import { carriesFiling, dropFiling } from '../lib/drag-filing.ts';
import { collectionQuery } from '../lib/filing.ts';
import { useCollectionsStore } from '../stores/collections-store.ts';
import { exportQuery } from '../stores/export-store.ts';
import { useGalleryStore } from '../stores/gallery-store.ts';
import { useSavedSearchesStore } from '../stores/saved-searches-store.ts';
import { ContextMenu, isMenuKey, type MenuItem } from './ContextMenu.tsx';
import { NameField } from './NameField.tsx';

type Editing = { kind: 'new-collection' } | { kind: 'collection'; id: number } | { kind: 'new-search' } | { kind: 'search'; id: number } | null;
interface Menu {
  label: string;
  at: { x: number; y: number };
  items: MenuItem[];
}

/** Where a menu opens: at the pointer, or under the item when asked from the keyboard. */
function menuPlace(e: MouseEvent | KeyboardEvent): { x: number; y: number } {
  if ('clientX' in e && (e.clientX !== 0 || e.clientY !== 0)) return { x: e.clientX, y: e.clientY };
  const box = (e.currentTarget as HTMLElement).getBoundingClientRect();
  return { x: box.left + 12, y: box.bottom };
}

/** The sidebar: collections (click to show, drop tiles to file) and saved searches, each renamed or deleted from its menu. */
export function CollectionsSidebar() {
  const collections = useCollectionsStore((s) => s.collections);
  const searches = useSavedSearchesStore((s) => s.searches);
  // the typed text only when it shows a collection or a saved search: typing anything else renders nothing here
  const current = useGalleryStore((s) => {
    const { text } = s.query;
    return searches.some((saved) => saved.query === text) || collections.some((c) => collectionQuery(c.name) === text) ? text : null;
  });
  const [editing, setEditing] = useState<Editing>(null);
  const [menu, setMenu] = useState<Menu | null>(null);
  const [dropTarget, setDropTarget] = useState<number | null>(null);
  const stopEditing = () => setEditing(null);

  const collectionMenu = (c: Collection) => (e: MouseEvent | KeyboardEvent) => {
    e.preventDefault();
    setMenu({
      label: `Collection “${c.name}”`,
      at: menuPlace(e),
      items: [
        { label: 'Rename collection', run: () => setEditing({ kind: 'collection', id: c.id }) },
        { label: 'Export…', run: () => exportQuery(collectionQuery(c.name), `the collection “${c.name}”`, c.id) },
        { label: 'Delete collection', run: () => void useCollectionsStore.getState().remove(c) },
      ],
    });
  };
  const searchMenu = (s: SavedSearch) => (e: MouseEvent | KeyboardEvent) => {
    e.preventDefault();
    setMenu({
      label: `Saved search “${s.name}”`,
      at: menuPlace(e),
      items: [
        { label: 'Rename saved search', run: () => setEditing({ kind: 'search', id: s.id }) },
        { label: 'Export…', run: () => exportQuery(s.query, `the saved search “${s.name}”`) },
        { label: 'Delete saved search', run: () => void useSavedSearchesStore.getState().remove(s) },
      ],
    });
  };
  const drop = (c: Collection) => ({
    onDragOver: (e: DragEvent) => {
      if (!carriesFiling(e)) return;
      e.preventDefault();
      e.dataTransfer.dropEffect = 'copy';
      setDropTarget(c.id);
    },
    onDragLeave: () => setDropTarget(null),
    onDrop: (e: DragEvent) => {
      setDropTarget(null);
      const target = dropFiling(e);
      if (!target) return;
      e.preventDefault();
      void useCollectionsStore.getState().add(c, target);
    },
  });

  return (
    <section className="sidebar" aria-label="Collections">
      <header className="sidebar-head">
        <h2>Collections</h2>
        <button type="button" className="icon-button small" aria-label="New collection" title="New collection" onClick={() => setEditing({ kind: 'new-collection' })}>
          <FolderPlus size={15} aria-hidden="true" />
        </button>
      </header>
      {editing?.kind === 'new-collection' && (
        <NameField
          label="Collection name"
          maxLength={NAME_MAX_LENGTH}
          onCancel={stopEditing}
          onCommit={async (name) => {
            const made = await useCollectionsStore.getState().create(name);
            if (made) stopEditing();
            return made !== null;
          }}
        />
      )}
      <ul className="sidebar-list">
        {collections.map((c) =>
          editing?.kind === 'collection' && editing.id === c.id ? (
            <li key={c.id}>
              <NameField label="Collection name" initial={c.name} maxLength={NAME_MAX_LENGTH} onCancel={stopEditing} onCommit={async (name) => {
                const done = await useCollectionsStore.getState().rename(c, name);
                if (done) stopEditing();
                return done;
              }} />
            </li>
          ) : (
            <li key={c.id}>
              <button
                type="button"
                className={`sidebar-item${dropTarget === c.id ? ' drop-target' : ''}`}
                aria-current={current === collectionQuery(c.name) ? 'true' : undefined}
                aria-label={`${c.name}, ${c.images.toLocaleString()} ${c.images === 1 ? 'image' : 'images'}`}
                onClick={() => useCollectionsStore.getState().show(c)}
                onContextMenu={collectionMenu(c)}
                onKeyDown={(e) => isMenuKey(e) && collectionMenu(c)(e)}
                {...drop(c)}
              >
                <Folder size={14} aria-hidden="true" />
                <span className="sidebar-name">{c.name}</span>
                <span className="sidebar-count">{c.images.toLocaleString()}</span>
              </button>
            </li>
          ),
        )}
        {collections.length === 0 && editing?.kind !== 'new-collection' && <li className="sidebar-empty muted small">No collections yet.</li>}
      </ul>

      <header className="sidebar-head">
        <h2>Saved searches</h2>
        <button type="button" className="icon-button small" aria-label="Save search" title="Save the current search" onClick={() => setEditing({ kind: 'new-search' })}>
          <BookmarkPlus size={15} aria-hidden="true" />
        </button>
      </header>
      {editing?.kind === 'new-search' && (
        <NameField
          label="Saved search name"
          maxLength={NAME_MAX_LENGTH}
          onCancel={stopEditing}
          onCommit={async (name) => {
            const done = await useSavedSearchesStore.getState().save(name);
            if (done) stopEditing();
            return done;
          }}
        />
      )}
      <ul className="sidebar-list">
        {searches.map((s) =>
          editing?.kind === 'search' && editing.id === s.id ? (
            <li key={s.id}>
              <NameField label="Saved search name" initial={s.name} maxLength={NAME_MAX_LENGTH} onCancel={stopEditing} onCommit={async (name) => {
                const done = await useSavedSearchesStore.getState().rename(s, name);
                if (done) stopEditing();
                return done;
              }} />
            </li>
          ) : (
            <li key={s.id}>
              <button
                type="button"
                className="sidebar-item"
                aria-current={current === s.query ? 'true' : undefined}
                title={s.query}
                onClick={() => useSavedSearchesStore.getState().apply(s)}
                onContextMenu={searchMenu(s)}
                onKeyDown={(e) => isMenuKey(e) && searchMenu(s)(e)}
              >
                <Search size={14} aria-hidden="true" />
                <span className="sidebar-name">{s.name}</span>
              </button>
            </li>
          ),
        )}
        {searches.length === 0 && editing?.kind !== 'new-search' && <li className="sidebar-empty muted small">Save a search to come back to it.</li>}
      </ul>
      {menu && <ContextMenu label={menu.label} at={menu.at} items={menu.items} onClose={() => setMenu(null)} />}
    </section>
  );
}
