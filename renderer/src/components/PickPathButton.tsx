import type { PathPurpose } from '../../../shared/contract.ts';
import { api } from '../api.ts';
import { useAppStore } from '../stores/app-store.ts';
import { toastError } from '../stores/toast-store.ts';

/** "Choose…": the desktop app's native save or folder dialog fills a path field (the preview has none: paths are typed). */
export function PickPathButton({ purpose, onPicked }: { purpose: PathPurpose; onPicked: (path: string) => void }) {
  const desktop = useAppStore((s) => s.info?.shell === 'electron');
  if (!desktop) return null;
  return (
    <button
      type="button"
      className="ghost-button"
      onClick={() => {
        void api.invoke('dialog:pickPath', { purpose }).then((answer) => {
          if (!answer.ok) toastError(answer.error.message);
          else if (answer.value.path !== null) onPicked(answer.value.path);
        });
      }}
    >
      Choose…
    </button>
  );
}
