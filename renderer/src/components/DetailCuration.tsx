import { useCallback, useEffect, useState } from 'react';
import { FolderInput, X } from 'lucide-react';
import type { Tag } from '../../../shared/curation.ts';
import type { Generation } from '../../../shared/generation.ts';
import { useCollectionsStore } from '../stores/collections-store.ts';
import { useDetailStore } from '../stores/detail-store.ts';
import { addTag, removeTag, tagsOf } from '../stores/tag-actions.ts';
import { TagInput } from './TagInput.tsx';

/** In the detail view: file the shown image in a collection, and the generation's tags. */
export function DetailCuration({ generation: g }: { generation: Generation }) {
  const [tags, setTags] = useState<Tag[]>([]);
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
  return (
    <div className="detail-curation">
      <button type="button" className="secondary-button" title="Add this image to a collection · B" onClick={fileImage}>
        <FolderInput size={14} aria-hidden="true" /> Add to collection
      </button>
      <ul className="tag-list" aria-label="Tags">
        {tags.map((tag) => (
          <li key={tag.name} className="tag">
            {tag.name}
            <button type="button" className="icon-button small" aria-label={`Remove tag ${tag.name}`} onClick={() => void removeTag([g.id], tag.name, reload)}>
              <X size={11} aria-hidden="true" />
            </button>
          </li>
        ))}
      </ul>
      <TagInput onAdd={(name) => addTag([g.id], name, reload)} />
    </div>
  );
}
