import { useMemo, useState } from 'react';
import type { Collection } from '../../../shared/curation.ts';
import { NAME_MAX_LENGTH } from '../../../shared/input-limits.ts';
import { count } from '../lib/format.ts';
import type { FilingTarget } from '../lib/filing.ts';
import { useCollectionsStore } from '../stores/collections-store.ts';
import { Modal } from './Modal.tsx';

type Choice = { kind: 'existing'; collection: Collection } | { kind: 'new'; name: string };

/** The `B` picker: type to filter, arrows to choose, Enter files into the choice (or makes the collection first). */
export function CollectionPicker({ target }: { target: FilingTarget }) {
  const collections = useCollectionsStore((s) => s.collections);
  const [text, setText] = useState('');
  const [active, setActive] = useState(0);
  const close = () => useCollectionsStore.getState().closePicker();

  const choices = useMemo<Choice[]>(() => {
    const typed = text.trim();
    const wanted = typed.toLowerCase();
    const found: Choice[] = collections.filter((c) => c.name.toLowerCase().includes(wanted)).map((collection) => ({ kind: 'existing', collection }));
    const exact = collections.some((c) => c.name.toLowerCase() === wanted);
    return typed !== '' && !exact && !typed.includes('"') ? [...found, { kind: 'new', name: typed }] : found;
  }, [collections, text]);
  const chosen = choices[Math.min(active, choices.length - 1)];

  const file = async (choice: Choice | undefined) => {
    if (!choice) return;
    const store = useCollectionsStore.getState();
    const collection = choice.kind === 'existing' ? choice.collection : await store.create(choice.name);
    if (!collection) return;
    close();
    await store.add(collection, target);
  };
  const what = target.images.length > 0 ? count(target.images.length + target.generationIds.length * 4, 'image') : count(target.generationIds.length, 'generation');
  const optionId = (i: number) => `collection-choice-${i}`;

  return (
    <Modal label="Add to collection" className="collection-picker" onClose={close}>
      <p className="muted small">Add {what} to…</p>
      <input
        data-autofocus
        type="text"
        className="text-input"
        role="combobox"
        aria-label="Find collection"
        aria-expanded="true"
        aria-controls="collection-choices"
        aria-activedescendant={chosen ? optionId(choices.indexOf(chosen)) : undefined}
        placeholder="Type to find or make a collection"
        value={text}
        maxLength={NAME_MAX_LENGTH}
        autoComplete="off"
        spellCheck={false}
        onChange={(e) => {
          setText(e.target.value);
          setActive(0);
        }}
        onKeyDown={(e) => {
          if (e.key === 'ArrowDown' || e.key === 'ArrowUp') {
            e.preventDefault();
            if (choices.length > 0) setActive((i) => (Math.min(i, choices.length - 1) + (e.key === 'ArrowDown' ? 1 : choices.length - 1)) % choices.length);
          } else if (e.key === 'Enter') {
            e.preventDefault();
            void file(chosen);
          }
        }}
      />
      <ul id="collection-choices" role="listbox" aria-label="Collections" className="picker-choices">
        {choices.map((choice, i) => (
          <li
            key={choice.kind === 'existing' ? choice.collection.id : 'new'}
            id={optionId(i)}
            role="option"
            aria-selected={choice === chosen}
            className={choice === chosen ? 'active' : undefined}
            onMouseDown={(e) => e.preventDefault()}
            onClick={() => void file(choice)}
          >
            {choice.kind === 'existing' ? (
              <>
                {choice.collection.name} <span className="muted small">{choice.collection.images.toLocaleString()}</span>
              </>
            ) : (
              <>New collection “{choice.name}”</>
            )}
          </li>
        ))}
        {choices.length === 0 && <li className="muted small">Type a name to make your first collection.</li>}
      </ul>
    </Modal>
  );
}
