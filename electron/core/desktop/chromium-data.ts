import { createHash } from 'node:crypto';
import path from 'node:path';

/**
 * Where Chromium keeps its own files (caches, local storage, spelling dictionaries, preferences)
 * for one library: never inside the library folder, which holds only the artist's work. A folder
 * per library under `<appData>/<appName> Chromium/`, a sibling of the default library
 * `<appData>/<appName>`, because two libraries open at once must not share Chromium's caches.
 * The folder is named after the library (readable) plus a short hash of its path (unique).
 */
export function chromiumDataDir(appData: string, appName: string, dataDir: string): string {
  const library = path.resolve(dataDir);
  const readable = path.basename(library).replace(/[^A-Za-z0-9._-]+/g, '-').replace(/^[.-]+/, '').slice(0, 40) || 'library';
  const id = createHash('sha256').update(library).digest('hex').slice(0, 12);
  return path.join(path.resolve(appData), `${appName} Chromium`, `${readable}-${id}`);
}
