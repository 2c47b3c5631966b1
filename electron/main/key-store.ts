import { existsSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { safeStorage } from 'electron';
import type { KeyStore } from '../core/settings.ts';

/**
 * The desktop app's API key store: encrypted with the OS keychain through safeStorage. Where
 * no keychain is available the key is kept for this session only rather than written in clear.
 */
export function safeKeyStore(dataDir: string): KeyStore {
  const file = path.join(dataDir, 'api-key.enc');
  let sessionOnly: string | undefined;
  return {
    read() {
      if (sessionOnly) return sessionOnly;
      if (!existsSync(file) || !safeStorage.isEncryptionAvailable()) return undefined;
      try {
        return safeStorage.decryptString(readFileSync(file)) || undefined;
      } catch {
        return undefined; // a key from another machine or user: ask again
      }
    },
    write(key) {
      sessionOnly = undefined;
      if (key === undefined) {
        rmSync(file, { force: true });
      } else if (safeStorage.isEncryptionAvailable()) {
        writeFileSync(file, safeStorage.encryptString(key), { mode: 0o600 });
      } else {
        sessionOnly = key;
      }
    },
  };
}
