import { useEffect } from 'react';
import { X } from 'lucide-react';
import { useSettingsStore } from '../stores/settings-store.ts';
import { useUiStore } from '../stores/ui-store.ts';
import { AboutSection } from './AboutSection.tsx';
import { ApiSettings } from './ApiSettings.tsx';
import { BackupsSection } from './BackupsSection.tsx';
import { CreditsSection } from './CreditsSection.tsx';
import { LibrarySection } from './LibrarySection.tsx';
import { Modal } from './Modal.tsx';
import { NoticesSettings } from './NoticesSettings.tsx';
import { RunsSettings } from './RunsSettings.tsx';

export function SettingsDialog() {
  const close = useUiStore((s) => s.close);
  useEffect(() => {
    void useSettingsStore.getState().load();
  }, []);
  return (
    <Modal label="Settings" className="settings" onClose={close}>
      <header className="dialog-head">
        <h2>Settings</h2>
        <button type="button" className="icon-button" aria-label="Close settings" data-autofocus onClick={close}>
          <X size={16} aria-hidden="true" />
        </button>
      </header>
      <div className="settings-body">
        <ApiSettings />
        <RunsSettings />
        <NoticesSettings />
        <CreditsSection />
        <LibrarySection />
        <BackupsSection />
        <AboutSection />
      </div>
    </Modal>
  );
}
