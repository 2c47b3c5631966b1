import { existsSync, readFileSync, rmSync } from 'node:fs';
import path from 'node:path';
import { apiOrigin } from '../../shared/api-address.ts';
import { writeFileAtomically } from './atomic-file.ts';
import { PRIVATE_FILE_MODE } from './private-files.ts';

/**
 * The API key with the origin it was saved for: the key is only ever sent there, so changing the
 * API address to another server asks for the key again instead of handing it to that server.
 */
export interface SavedKey {
  key: string;
  /** e.g. https://kinovi.ai; null for a key saved before keys were bound (see `bindUnboundKey`). */
  origin: string | null;
}

/** Where the API key is kept: Electron's safeStorage in the desktop app, a private file in the preview. */
export interface KeyStore {
  read(): SavedKey | undefined;
  /** `undefined` forgets the key. */
  write(saved: SavedKey | undefined): void;
}

/** The stored form of a saved key (JSON); the desktop store encrypts it as a whole. */
export function serializeKey(saved: SavedKey): string {
  return JSON.stringify({ origin: saved.origin, key: saved.key });
}

/** Reads the stored form back; a bare key (the format before binding) comes back with no origin. */
export function parseKey(text: string): SavedKey | undefined {
  const trimmed = text.trim();
  if (trimmed === '') return undefined;
  try {
    const value = JSON.parse(trimmed) as { key?: unknown; origin?: unknown } | null;
    if (value !== null && typeof value === 'object' && typeof value.key === 'string' && value.key !== '') {
      return { key: value.key, origin: typeof value.origin === 'string' ? value.origin : null };
    }
  } catch {
    // not JSON: a bare key from an older Atelier
  }
  return trimmed.startsWith('{') ? undefined : { key: trimmed, origin: null };
}

/** The key to send to `address`: the saved one only when it was saved for that origin. */
export function keyFor(saved: SavedKey | undefined, address: string): string | undefined {
  return saved && saved.origin === apiOrigin(address) ? saved.key : undefined;
}

/**
 * Binds a key saved before keys had origins to the address it was being used with. Done once at
 * start-up: were it left unbound, a later change of address would carry the key along.
 */
export function bindUnboundKey(store: KeyStore, address: string): void {
  const saved = store.read();
  if (saved === undefined || saved.origin !== null) return;
  try {
    store.write({ key: saved.key, origin: apiOrigin(address) });
  } catch (error) {
    // Unbound keys match no address, so the artist is asked again; nothing is sent anywhere.
    console.warn('[atelier] could not bind the saved API key to its address:', error);
  }
}

/**
 * The preview host's key store: a file only the user can read, in the data folder. The
 * desktop app uses Electron's safeStorage instead (encrypted with the OS keychain).
 */
export function fileKeyStore(dataDir: string): KeyStore {
  const file = path.join(dataDir, 'api-key');
  return {
    read: () => (existsSync(file) ? parseKey(readFileSync(file, 'utf8')) : undefined),
    write: (saved) => {
      if (saved === undefined) rmSync(file, { force: true });
      else writeFileAtomically(file, serializeKey(saved), PRIVATE_FILE_MODE);
    },
  };
}

/** A key store that forgets on exit: for a key given by ATELIER_API_KEY and for tests. */
export function memoryKeyStore(initial?: SavedKey): KeyStore {
  let saved = initial;
  return { read: () => saved, write: (next) => void (saved = next) };
}
