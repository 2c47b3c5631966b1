import { useEffect } from 'react';
import { CompareView } from './components/compare/CompareView.tsx';
import { CollectionPicker } from './components/CollectionPicker.tsx';
import { CollectionsSidebar } from './components/CollectionsSidebar.tsx';
import { ConfirmDialog } from './components/ConfirmDialog.tsx';
import { DetailView } from './components/DetailView.tsx';
import { ExportDialog } from './components/ExportDialog.tsx';
import { ImportDialog } from './components/ImportDialog.tsx';
import { DuplicatesDialog } from './components/DuplicatesDialog.tsx';
import { Gallery } from './components/Gallery.tsx';
import { GalleryToolbar } from './components/GalleryToolbar.tsx';
import { GeneratePanel } from './components/GeneratePanel.tsx';
import { LibraryDamageBanner } from './components/LibraryDamageBanner.tsx';
import { PreviewLinkBanner } from './components/PreviewLinkBanner.tsx';
import { SettingsDialog } from './components/SettingsDialog.tsx';
import { ShortcutsHelp } from './components/ShortcutsHelp.tsx';
import { StatusBar } from './components/StatusBar.tsx';
import { Toasts } from './components/Toasts.tsx';
import { TopBar } from './components/TopBar.tsx';
import { useStudioShortcuts } from './keyboard.ts';
import { afterPaint } from './lib/after-paint.ts';
import { loadDraftCheck } from './lib/draft-checker.ts';
import { useAppStore } from './stores/app-store.ts';
import { useCollectionsStore } from './stores/collections-store.ts';
import { useDetailStore } from './stores/detail-store.ts';
import { useGalleryStore } from './stores/gallery-store.ts';
import { useLayoutStore } from './stores/layout-store.ts';
import { useUiStore } from './stores/ui-store.ts';

export function App() {
  const info = useAppStore((s) => s.info);
  const error = useAppStore((s) => s.error);
  const open = useDetailStore((s) => s.open);
  const overlay = useUiStore((s) => s.overlay);
  const picking = useCollectionsStore((s) => s.picking);
  const panelOpen = useLayoutStore((s) => s.panelOpen);
  useStudioShortcuts();
  // What the first screen does not need (the form's check, with zod) loads once the gallery has painted its first page.
  const galleryShown = useGalleryStore((s) => s.status === 'ready' || s.status === 'error');
  // (a load that fails, e.g. the preview host went away, is tried again at the next Generate, with words)
  useEffect(() => (galleryShown ? afterPaint(() => void loadDraftCheck().catch(() => undefined)) : undefined), [galleryShown]);
  return (
    <div className="app" data-ready={info ? 'true' : 'false'}>
      <TopBar />
      <PreviewLinkBanner />
      {error && !info && (
        <p role="alert" className="app-error">
          {error.message}
        </p>
      )}
      {/* Mounted at once, not when app:info answers: building the window (~0.2 s at start-up) then
          overlaps the wait for the core, and the gallery's first page is no longer held behind it. */}
      {!(error && !info) && (
        <div className={`workspace${panelOpen ? '' : ' panel-closed'}`}>
          <GeneratePanel />
          <CollectionsSidebar />
          <main className="library">
            {info?.libraryDamage && <LibraryDamageBanner damage={info.libraryDamage} />}
            <GalleryToolbar />
            <Gallery />
          </main>
        </div>
      )}
      <StatusBar />
      {open && <DetailView generation={open} />}
      <CompareView />
      {picking && <CollectionPicker target={picking} />}
      {overlay === 'settings' && <SettingsDialog />}
      {overlay === 'help' && <ShortcutsHelp />}
      <ExportDialog />
      <ImportDialog />
      <DuplicatesDialog />
      <ConfirmDialog />
      <Toasts />
    </div>
  );
}
