import { createContext, useContext, useState } from 'react';

/**
 * Whether the pictures of the list shown may be asked for: false while a new list's first frame is
 * made (`useFirstFramePainted`), and while the artist is still typing (the gallery store's `typing`:
 * the page of a part of a word is soon replaced, its pictures never looked at). Asked as the tiles
 * mounted, the thumbnails' answers came back on the page's thread between the new tiles and their
 * frame, each told of its bytes and its size (1-6 ms apiece, ~20 a screen), and held the frame that
 * shows the typed search (bench:ui at 1M: words over 100 ms went from 13 in 80 to 3 in 80). They
 * come a frame later, into tiles already there. Outside the gallery (the detail view, the feed's own
 * slots) pictures are asked for at once.
 */
export const PictureSource = createContext(true);

/**
 * A picture's address once its list lets pictures be asked for, and from then on: a tile kept from
 * the list before (the same generation at the top) never loses the picture it shows.
 */
export function usePictureSource(url: string): string | undefined {
  const allowed = useContext(PictureSource);
  const [given, setGiven] = useState<string | undefined>(allowed ? url : undefined);
  // adjusted while rendering, as React advises for state that follows a prop: no frame without it
  if (allowed && given !== url) setGiven(url);
  return allowed ? url : given;
}
