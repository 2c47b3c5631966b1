import { useToastStore } from '../stores/toast-store.ts';
import { Switch } from './Switch.tsx';

/** How long notices (toasts such as "Deleted 3 images · Undo") stay: a few seconds, or until closed. */
export function NoticesSettings() {
  const untilClosed = useToastStore((s) => s.untilClosed);
  return (
    <section className="settings-section" aria-label="Notices">
      <h3>Notices</h3>
      <Switch
        id="notices-until-closed"
        label="Keep notices until closed"
        hint="instead of a few seconds"
        checked={untilClosed}
        onChange={(on) => useToastStore.getState().setUntilClosed(on)}
      />
    </section>
  );
}
