import { X } from 'lucide-react';
import { useLayoutEffect, useState, type CSSProperties } from 'react';
import { useToastStore } from '../stores/toast-store.ts';

/** How far above the bottom of its area a toast sits, and from its sides at least (CSS pixels). */
const MARGIN = 16;

/**
 * Where toasts go: the bottom middle of the topmost area that holds only pictures (the gallery's
 * scroll area, the detail view's image, compare's panes; each marked `data-toast-area`). So a toast
 * never lies over the controls it speaks of: the Generate button, the selection bar, the image strip.
 */
function place(): CSSProperties | undefined {
  const area = [...document.querySelectorAll<HTMLElement>('[data-toast-area]')].filter((el) => el.getClientRects().length > 0).at(-1);
  if (!area) return undefined;
  const box = area.getBoundingClientRect();
  return { left: box.left + box.width / 2, bottom: window.innerHeight - box.bottom + MARGIN, maxWidth: Math.max(0, box.width - 2 * MARGIN) };
}

export function Toasts() {
  const toasts = useToastStore((s) => s.toasts);
  const dismiss = useToastStore((s) => s.dismiss);
  const [style, setStyle] = useState<CSSProperties | undefined>();
  const showing = toasts.length > 0;
  // Placed as each toast appears (the area may have moved: a folded panel, an open detail view), and on resize.
  useLayoutEffect(() => {
    if (!showing) return;
    const update = () => setStyle(place());
    update();
    window.addEventListener('resize', update);
    return () => window.removeEventListener('resize', update);
  }, [showing, toasts]);
  return (
    <div className="toasts" role="status" aria-live="polite" style={style}>
      {toasts.map((toast) => (
        <div key={toast.id} className={`toast toast-${toast.tone}`} data-testid="toast">
          <span>{toast.message}</span>
          {toast.action && (
            <>
              <span className="toast-dot" aria-hidden="true">
                ·
              </span>
              <button type="button" className="toast-action" onClick={toast.action.run}>
                {toast.action.label}
              </button>
            </>
          )}
          <button type="button" className="icon-button small" aria-label="Close message" onClick={() => dismiss(toast.id)}>
            <X size={12} aria-hidden="true" />
          </button>
        </div>
      ))}
    </div>
  );
}
