import { ClipboardCopy, FolderOpen } from 'lucide-react';
import type { ChannelName } from '../../../shared/contract.ts';
import { api } from '../api.ts';
import { useAppStore } from '../stores/app-store.ts';
import { toastError, useToastStore } from '../stores/toast-store.ts';

type ImageChannel = Extract<ChannelName, 'image:copy' | 'image:showInFolder' | 'image:drag'>;

/** Asks the desktop shell to act on one saved image; the shell finds the file in the library itself. */
export async function imageAction(channel: ImageChannel, generationId: number, index: number, done?: string): Promise<void> {
  const result = await api.invoke(channel, { generationId, index });
  if (!result.ok) return toastError(result.error.message);
  if (done) useToastStore.getState().show(done);
}

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
