import { ClipboardCopy, FolderOpen } from 'lucide-react';
import { useAppStore } from '../stores/app-store.ts';
import { imageAction } from '../stores/desktop-actions.ts';

/** Copy the image and show it in its folder: only the desktop app can, so the preview does not offer them. */
export function DesktopImageActions({ generationId, index, saved }: { generationId: number; index: number; saved: boolean }) {
  const desktop = useAppStore((s) => s.info?.shell === 'electron');
  if (!desktop) return null;
  return (
    <>
      <button type="button" className="ghost-button" disabled={!saved} onClick={() => void imageAction('image:copy', generationId, index, 'Image copied')}>
        <ClipboardCopy size={13} aria-hidden="true" /> Copy image
      </button>
      <button type="button" className="ghost-button" disabled={!saved} onClick={() => void imageAction('image:showInFolder', generationId, index)}>
        <FolderOpen size={13} aria-hidden="true" /> Show in folder
      </button>
    </>
  );
}
