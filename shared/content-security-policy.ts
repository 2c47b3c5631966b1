/**
 * The studio page's Content-Security-Policy, in one place: the build writes it into index.html's
 * meta tag (the desktop app's only copy) and the preview host also sends it as a header.
 * The only script is our bundle; images come from the library (the media scheme in the desktop
 * app, /media/ in the preview), plus https: for the reference image preview the artist pastes;
 * the preview bridge is a same-origin WebSocket.
 */
export const CONTENT_SECURITY_POLICY =
  "default-src 'none'; script-src 'self'; style-src 'self'; img-src 'self' atelier-media: data: blob: https:; font-src 'self'; connect-src 'self'; base-uri 'none'; form-action 'none'; object-src 'none'";

/** What index.html holds in place of the policy until the build writes it in. */
export const CONTENT_SECURITY_POLICY_PLACEHOLDER = '%ATELIER_CONTENT_SECURITY_POLICY%';
