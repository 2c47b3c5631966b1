import { useCallback, useEffect, useState, type KeyboardEvent, type MouseEvent } from 'react';
import { FolderInput, X } from 'lucide-react';
import type { Tag } from '../../../shared/curation.ts';
import { TAG_MAX_LENGTH } from '../../../shared/input-limits.ts';
import type { Generation } from '../../../shared/generation.ts';
import { useCollectionsStore } from '../stores/collections-store.ts';
import { useDetailStore } from '../stores/detail-store.ts';
import { addTag, removeTag, renameTag, tagsOf } from '../stores/tag-actions.ts';
import { ContextMenu, isMenuKey } from './ContextMenu.tsx';
import { NameField } from './NameField.tsx';
import { TagInput } from './TagInput.tsx';

/** In the detail view: file the shown image in a collection, and the generation's tags (a tag's menu renames it everywhere). */
export function DetailCuration({ generation: g }: { generation: Generation }) {
  const [tags, setTags] = useState<Tag[]>([]);
  const [menu, setMenu] = useState<{ tag: string; at: { x: number; y: number } } | null>(null);
  const [renaming, setRenaming] = useState<string | null>(null);
  const reload = useCallback(() => {
    void tagsOf(g.id).then((list) => {
      if (useDetailStore.getState().open?.id === g.id) setTags(list);
    });
  }, [g.id]);
  useEffect(reload, [reload]);

  const fileImage = () => {
    const index = useDetailStore.getState().imageIndex;
    useCollectionsStore.getState().openPicker({ images: [{ generationId: g.id, index }], generationIds: [] });
  };
  const openMenu = (tag: string) => (e: MouseEvent | KeyboardEvent) => {
    e.preventDefault();
    const box = (e.currentTarget as HTMLElement).getBoundingClientRect();
    setMenu({ tag, at: { x: box.left, y: box.bottom } });
  };
  const rename = (tag: Tag) => async (name: string) => {
    const done = await renameTag(tag.name, name, reload);
    if (done) setRenaming(null);
    return done;
  };

  return (
    <div className="detail-curation">
      <button type="button" className="secondary-button" title="Add this image to a collection · B" onClick={fileImage}>
        <FolderInput size={14} aria-hidden="true" /> Add to collection
      </button>
      <ul className="tag-list" aria-label="Tags">
        {tags.map((tag) =>
          renaming === tag.name ? (
            <li key={tag.name}>
              <NameField label="Tag name" initial={tag.name} maxLength={TAG_MAX_LENGTH} onCancel={() => setRenaming(null)} onCommit={rename(tag)} />
            </li>
          ) : (
            <li key={tag.name} className="tag">
              <button
                type="button"
                className="tag-name"
                title={`On ${tag.generations.toLocaleString()} · rename everywhere from its menu`}
                onClick={openMenu(tag.name)}
                onContextMenu={openMenu(tag.name)}
                onKeyDown={(e) => isMenuKey(e) && openMenu(tag.name)(e)}
              >
                {tag.name}
              </button>
              <button type="button" className="icon-button small" aria-label={`Remove tag ${tag.name}`} onClick={() => void removeTag([g.id], tag.name, reload)}>
                <X size={11} aria-hidden="true" />
              </button>
            </li>
          ),
        )}
      </ul>
      <TagInput onAdd={(name) => addTag([g.id], name, reload)} />
      {menu && (
        <ContextMenu label={`Tag “${menu.tag}”`} at={menu.at} items={[{ label: 'Rename tag everywhere', run: () => setRenaming(menu.tag) }]} onClose={() => setMenu(null)} />
      )}
    </div>
  );
}
