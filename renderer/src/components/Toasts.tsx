import { X } from 'lucide-react';
import { useToastStore } from '../stores/toast-store.ts';

export function Toasts() {
  const toasts = useToastStore((s) => s.toasts);
  const dismiss = useToastStore((s) => s.dismiss);
  return (
    <div className="toasts" role="status" aria-live="polite">
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
