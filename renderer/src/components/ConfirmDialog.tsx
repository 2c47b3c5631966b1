import { useUiStore } from '../stores/ui-store.ts';
import { Modal } from './Modal.tsx';

export function ConfirmDialog() {
  const confirm = useUiStore((s) => s.confirm);
  const answer = useUiStore((s) => s.answer);
  if (!confirm) return null;
  return (
    <Modal label={confirm.title} role="alertdialog" className="confirm" onClose={() => answer(false)}>
      <h2>{confirm.title}</h2>
      <p>{confirm.message}</p>
      <div className="dialog-buttons">
        <button type="button" className="ghost-button" data-autofocus onClick={() => answer(false)}>
          {confirm.cancelLabel}
        </button>
        <button type="button" className="primary-button" onClick={() => answer(true)}>
          {confirm.confirmLabel}
        </button>
      </div>
    </Modal>
  );
}
