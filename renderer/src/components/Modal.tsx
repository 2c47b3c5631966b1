import { useEffect, useRef, type KeyboardEvent, type ReactNode } from 'react';

interface Props {
  label: string;
  className?: string;
  role?: 'dialog' | 'alertdialog';
  onClose(): void;
  /** What Esc does, when it is more than closing (the detail view leaves full screen and zoom first). */
  onEscape?: () => void;
  children: ReactNode;
}

/**
 * A dialog over the studio. Not a native modal <dialog>: that would make the toasts inert,
 * and "Deleted · Undo" must stay clickable while the detail view is open.
 */
export function Modal({ label, className = '', role = 'dialog', onClose, onEscape = onClose, children }: Props) {
  const ref = useRef<HTMLDivElement>(null);
  useEffect(() => {
    const before = document.activeElement instanceof HTMLElement ? document.activeElement : null;
    const first = ref.current?.querySelector<HTMLElement>('[data-autofocus]') ?? ref.current;
    first?.focus({ preventScroll: true });
    return () => before?.focus({ preventScroll: true });
  }, []);
  return (
    <div
      className="modal-backdrop"
      onMouseDown={(e) => {
        if (e.target === e.currentTarget) onClose();
      }}
    >
      <div
        ref={ref}
        className={`modal ${className}`}
        role={role}
        aria-modal="true"
        aria-label={label}
        tabIndex={-1}
        onKeyDown={(e) => {
          if (e.key === 'Escape') {
            e.stopPropagation();
            onEscape();
          } else if (e.key === 'Tab' && ref.current) {
            keepFocusInside(ref.current, e);
          }
        }}
      >
        {children}
      </div>
    </div>
  );
}

const FOCUSABLE = 'button:not(:disabled), input:not(:disabled), textarea:not(:disabled), select:not(:disabled), a[href], [tabindex]:not([tabindex="-1"])';

/** Tab and Shift+Tab cycle within the dialog instead of wandering into the studio behind it. */
function keepFocusInside(dialog: HTMLElement, e: KeyboardEvent): void {
  const focusable = [...dialog.querySelectorAll<HTMLElement>(FOCUSABLE)];
  const first = focusable[0];
  const last = focusable.at(-1);
  if (!first || !last) return;
  const active = document.activeElement;
  if (e.shiftKey && (active === first || active === dialog)) {
    e.preventDefault();
    last.focus();
  } else if (!e.shiftKey && active === last) {
    e.preventDefault();
    first.focus();
  }
}
