import { existsSync, readFileSync, rmSync } from 'node:fs';
import path from 'node:path';
import { safeStorage } from 'electron';
import { parseKey, serializeKey, type KeyStore, type SavedKey } from '../core/api-key.ts';
import { writeFileAtomically } from '../core/atomic-file.ts';
import { PRIVATE_FILE_MODE } from '../core/private-files.ts';

/**
 * The desktop app's API key store: the key and the origin it was saved for, encrypted together
 * with the OS keychain through safeStorage (so the binding cannot be edited apart from the key).
 * Where no keychain is available the key is kept for this session only rather than written in clear,
 * and `onSessionOnly` is called so the artist hears it (and why) while they can still act on it.
 */
export function safeKeyStore(dataDir: string, onSessionOnly: () => void): KeyStore {
  const file = path.join(dataDir, 'api-key.enc');
  let sessionOnly: SavedKey | undefined;
  return {
    read() {
      if (sessionOnly) return sessionOnly;
      if (!existsSync(file) || !safeStorage.isEncryptionAvailable()) return undefined;
      try {
        return parseKey(safeStorage.decryptString(readFileSync(file)));
      } catch {
        return undefined; // a key from another machine or user: ask again
      }
    },
    write(saved) {
      sessionOnly = undefined;
      if (saved === undefined) {
        rmSync(file, { force: true });
      } else if (safeStorage.isEncryptionAvailable()) {
        writeFileAtomically(file, safeStorage.encryptString(serializeKey(saved)), PRIVATE_FILE_MODE);
      } else {
        sessionOnly = saved;
        onSessionOnly();
      }
    },
  };
}
