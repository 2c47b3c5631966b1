import { useEffect, useId, useState } from 'react';
import type { Tag } from '../../../shared/curation.ts';
import { TAG_MAX_LENGTH } from '../../../shared/input-limits.ts';
import { suggestTags } from '../stores/tag-actions.ts';

interface Props {
  /** Resolves true when the tag was added; the field then empties. */
  onAdd(name: string): Promise<boolean>;
  autoFocus?: boolean;
  onEscape?(): void;
}

/** The "Add tag" box: suggests tags already in the library as the artist types; ↓/↑ choose, Enter adds. */
export function TagInput({ onAdd, autoFocus = false, onEscape }: Props) {
  const [text, setText] = useState('');
  const [suggestions, setSuggestions] = useState<Tag[]>([]);
  const [active, setActive] = useState(-1);
  const listId = useId();

  useEffect(() => {
    const typed = text.trim();
    if (typed === '') return setSuggestions([]);
    let current = true;
    void suggestTags(typed).then((tags) => {
      // an answer to an older prefix (the artist kept typing) is dropped
      if (current) setSuggestions(tags.filter((t) => t.name !== typed));
    });
    return () => {
      current = false;
    };
  }, [text]);

  const add = async (name: string) => {
    if (name.trim() === '') return;
    if (await onAdd(name.trim())) {
      setText('');
      setActive(-1);
    }
  };
  const open = suggestions.length > 0;
  return (
    <div className="tag-input">
      <input
        type="text"
        className="text-input"
        role="combobox"
        aria-label="Add tag"
        aria-autocomplete="list"
        aria-expanded={open}
        aria-controls={listId}
        aria-activedescendant={open && active >= 0 ? `${listId}-${active}` : undefined}
        placeholder="Add tag…"
        value={text}
        maxLength={TAG_MAX_LENGTH}
        autoComplete="off"
        spellCheck={false}
        autoFocus={autoFocus}
        onChange={(e) => {
          setText(e.target.value);
          setActive(-1);
        }}
        onKeyDown={(e) => {
          if (e.key === 'ArrowDown' || e.key === 'ArrowUp') {
            if (!open) return;
            e.preventDefault();
            setActive((i) => (e.key === 'ArrowDown' ? (i + 1) % suggestions.length : (i <= 0 ? suggestions.length : i) - 1));
          } else if (e.key === 'Enter') {
            e.preventDefault();
            void add(open && active >= 0 ? (suggestions[active]?.name ?? text) : text);
          } else if (e.key === 'Escape') {
            e.preventDefault();
            e.stopPropagation();
            if (open) setSuggestions([]);
            else onEscape?.();
          }
        }}
      />
      {open && (
        <ul id={listId} role="listbox" aria-label="Tag suggestions" className="tag-suggestions">
          {suggestions.map((tag, i) => (
            <li
              key={tag.name}
              id={`${listId}-${i}`}
              role="option"
              aria-selected={i === active}
              className={i === active ? 'active' : undefined}
              onMouseDown={(e) => e.preventDefault()}
              onClick={() => void add(tag.name)}
            >
              {tag.name} <span className="muted small">{tag.generations.toLocaleString()}</span>
            </li>
          ))}
        </ul>
      )}
    </div>
  );
}
