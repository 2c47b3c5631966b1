import { useEffect, useRef, type KeyboardEvent } from 'react';

export interface MenuItem {
  label: string;
  run(): void;
  /** Set for one choice of several (a radio item): whether it is the current one. */
  checked?: boolean;
}

const ENTRIES = '[role="menuitem"], [role="menuitemradio"]';

interface Props {
  label: string;
  /** Where it opens (viewport pixels): under the pointer, or under the item for the keyboard. */
  at: { x: number; y: number };
  items: MenuItem[];
  onClose(): void;
}

/** A small right-click menu, also opened from the keyboard (the Menu key or Shift+F10); arrows move, Enter runs, Esc closes. */
export function ContextMenu({ label, at, items, onClose }: Props) {
  const ref = useRef<HTMLUListElement>(null);
  useEffect(() => {
    // the current choice, else the first entry
    (ref.current?.querySelector<HTMLElement>('[aria-checked="true"]') ?? ref.current?.querySelector<HTMLElement>(ENTRIES))?.focus();
    const away = (e: MouseEvent) => {
      if (!ref.current?.contains(e.target as Node)) onClose();
    };
    window.addEventListener('mousedown', away, true);
    return () => window.removeEventListener('mousedown', away, true);
  }, [onClose]);
  const move = (e: KeyboardEvent<HTMLUListElement>) => {
    const entries = [...(ref.current?.querySelectorAll<HTMLElement>(ENTRIES) ?? [])];
    const at = entries.indexOf(document.activeElement as HTMLElement);
    if (e.key === 'ArrowDown' || e.key === 'ArrowUp') {
      e.preventDefault();
      entries[(at + (e.key === 'ArrowDown' ? 1 : entries.length - 1)) % entries.length]?.focus();
    } else if (e.key === 'Escape' || e.key === 'Tab') {
      e.preventDefault();
      e.stopPropagation();
      onClose();
    }
  };
  return (
    <ul ref={ref} className="context-menu" role="menu" aria-label={label} style={{ left: at.x, top: at.y }} onKeyDown={move}>
      {items.map((item) => (
        <li key={item.label} role="none">
          <button
            type="button"
            role={item.checked === undefined ? 'menuitem' : 'menuitemradio'}
            aria-checked={item.checked}
            tabIndex={-1}
            onClick={() => {
              onClose();
              item.run();
            }}
          >
            {item.label}
          </button>
        </li>
      ))}
    </ul>
  );
}

/** Whether a key press asks for an element's context menu. */
export function isMenuKey(e: { key: string; shiftKey: boolean }): boolean {
  return e.key === 'ContextMenu' || (e.shiftKey && e.key === 'F10');
}
