import { Keyboard, PanelLeft, Settings } from 'lucide-react';
import { toggleGeneratePanel } from '../stores/layout-actions.ts';
import { useLayoutStore } from '../stores/layout-store.ts';
import { useUiStore } from '../stores/ui-store.ts';
import { QueueIndicator } from './QueueIndicator.tsx';

export function TopBar() {
  const open = useUiStore((s) => s.open);
  const panelOpen = useLayoutStore((s) => s.panelOpen);
  return (
    <header className="topbar">
      <button
        type="button"
        className={`icon-button${panelOpen ? ' active' : ''}`}
        aria-label="Generate panel"
        aria-expanded={panelOpen}
        aria-controls="generate-panel"
        title={`${panelOpen ? 'Hide' : 'Show'} the Generate panel · Ctrl/Cmd+B`}
        onClick={toggleGeneratePanel}
      >
        <PanelLeft size={17} aria-hidden="true" />
      </button>
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
