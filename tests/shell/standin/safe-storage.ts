/**
 * `safeStorage` as on Linux: nothing is available before ready; with a keyring, strings are sealed
 * with a key kept in the (pretend) OS keyring; without one (`basic_text`) encryption is unavailable
 * unless the app opts into Chromium's hard-coded plain-text key.
 */
import { createCipheriv, createDecipheriv, createHash, randomBytes } from 'node:crypto';
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { strict } from './strict.ts';
import type { World } from './world.ts';

const ENCRYPT_ERROR = 'Error while encrypting the text provided to safeStorage.encryptString.';
const DECRYPT_ERROR = 'Error while decrypting the ciphertext provided to safeStorage.decryptString.';
// Chromium's fixed key for basic_text ("peanuts"): readable by anyone with the file.
const PLAIN_TEXT_KEY = createHash('sha256').update('peanuts').digest();

function keyringKey(file: string): Buffer {
  if (!existsSync(file)) {
    mkdirSync(path.dirname(file), { recursive: true });
    writeFileSync(file, randomBytes(32), { mode: 0o600 });
  }
  return readFileSync(file);
}

function seal(prefix: string, key: Buffer, text: string): Buffer {
  const iv = randomBytes(12);
  const cipher = createCipheriv('aes-256-gcm', key, iv);
  const body = Buffer.concat([cipher.update(text, 'utf8'), cipher.final()]);
  return Buffer.concat([Buffer.from(prefix, 'latin1'), iv, cipher.getAuthTag(), body]);
}

function open(key: Buffer, sealed: Buffer): string {
  const decipher = createDecipheriv('aes-256-gcm', key, sealed.subarray(3, 15));
  decipher.setAuthTag(sealed.subarray(15, 31));
  return Buffer.concat([decipher.update(sealed.subarray(31)), decipher.final()]).toString('utf8');
}

export function createSafeStorage(world: World): object {
  let plainText = false;
  const linux = () => world.options.platform === 'linux';
  const keyring = () => world.options.keyring === 'available';
  const available = () => world.ready && (keyring() || plainText);
  const keyFor = (prefix: string) => (prefix === 'v11' ? keyringKey(world.options.keyringFile) : PLAIN_TEXT_KEY);
  return strict(
    {
      isEncryptionAvailable: () => available(),
      getSelectedStorageBackend() {
        if (!linux()) throw new Error('safeStorage.getSelectedStorageBackend is only available on Linux');
        if (!world.ready) return 'unknown';
        return keyring() ? 'gnome_libsecret' : 'basic_text';
      },
      setUsePlainTextEncryption(use: boolean) {
        plainText = use === true;
      },
      encryptString(text: string) {
        if (typeof text !== 'string') throw new TypeError('plainText must be a string');
        if (!available()) throw new Error(`${ENCRYPT_ERROR} Encryption is not available.`);
        const prefix = keyring() ? 'v11' : 'v10';
        return seal(prefix, keyFor(prefix), text);
      },
      decryptString(sealed: Buffer) {
        if (!Buffer.isBuffer(sealed)) throw new TypeError('Expected the first argument of decryptString() to be a buffer');
        if (!available()) throw new Error(`${DECRYPT_ERROR} Decryption is not available.`);
        const prefix = sealed.toString('latin1', 0, 3);
        try {
          if (prefix !== 'v10' && prefix !== 'v11') throw new Error('unknown prefix');
          return open(keyFor(prefix), sealed);
        } catch {
          throw new Error(DECRYPT_ERROR);
        }
      },
    },
    'safeStorage',
  );
}
