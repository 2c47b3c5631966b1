import { useEffect, useRef, type ReactNode } from 'react';

interface Props {
  label: string;
  className?: string;
  role?: 'dialog' | 'alertdialog';
  onClose(): void;
  children: ReactNode;
}

/**
 * A dialog over the studio. Not a native modal <dialog>: that would make the toasts inert,
 * and "Deleted · Undo" must stay clickable while the detail view is open.
 */
export function Modal({ label, className = '', role = 'dialog', onClose, children }: Props) {
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
            onClose();
          }
        }}
      >
        {children}
      </div>
    </div>
  );
}
