import { Keyboard, Settings } from 'lucide-react';
import { useUiStore } from '../stores/ui-store.ts';
import { QueueIndicator } from './QueueIndicator.tsx';

export function TopBar() {
  const open = useUiStore((s) => s.open);
  return (
    <header className="topbar">
      <span className="brand">Atelier</span>
      <span className="spacer" />
      <QueueIndicator />
      <button type="button" className="icon-button" aria-label="Keyboard shortcuts" title="Keyboard shortcuts · ?" onClick={() => open('help')}>
        <Keyboard size={17} aria-hidden="true" />
      </button>
      <button type="button" className="icon-button" aria-label="Settings" title="Settings" onClick={() => open('settings')}>
        <Settings size={17} aria-hidden="true" />
      </button>
    </header>
  );
}
