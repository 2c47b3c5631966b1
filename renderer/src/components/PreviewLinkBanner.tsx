import { useSyncExternalStore } from 'react';
import { onPreviewLink, previewLink } from '../api.ts';
import { RESTARTED } from '../preview-bridge.ts';

/**
 * Says at once when the browser preview has lost its host, laid over the top bar so nothing on the
 * page moves and everything shown stays readable; gone again when the host is back.
 */
export function PreviewLinkBanner() {
  const link = useSyncExternalStore(onPreviewLink, previewLink);
  if (link === 'connected') return null;
  return (
    <p role="alert" className={`preview-link preview-link-${link}`}>
      {link === 'lost' ? 'Lost the connection to the Atelier preview host. What you see stays here; it reconnects by itself when the host is back.' : RESTARTED}
    </p>
  );
}
