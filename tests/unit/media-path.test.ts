import { mkdirSync, realpathSync, symlinkSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { resolveMediaRequest } from '../../electron/core/media/media-path.ts';
import { encodeMediaPath } from '../../shared/media-address.ts';
import { tempDir } from '../support/temp-dir.ts';

let library: { path: string; remove(): void };
let outside: { path: string; remove(): void };
const image = 'images/2026/11/ab/1-0.png';

beforeAll(() => {
  library = tempDir('atelier-library-');
  outside = tempDir('atelier-outside-');
  const put = (relative: string, body = 'x') => {
    const file = path.join(library.path, ...relative.split('/'));
    mkdirSync(path.dirname(file), { recursive: true });
    writeFileSync(file, body);
  };
  put(image);
  put('thumbnails/2026/11/ab/1-0.webp');
  put('images/2026/11/ab/1-0.txt');
  put('images/2026/11/ab/.1-1.png.part-0123abcd');
  put('library.db');
  mkdirSync(path.join(library.path, 'images/2026/11/ab/folder.png'));
  writeFileSync(path.join(outside.path, 'secret.png'), 'secret');
  symlinkSync(path.join(outside.path, 'secret.png'), path.join(library.path, 'images/link.png'));
  symlinkSync(outside.path, path.join(library.path, 'images/out'));
  symlinkSync(path.join(library.path, 'library.db'), path.join(library.path, 'images/db.png'));
  symlinkSync(path.join(library.path, image), path.join(library.path, 'images/alias.png'));
});
afterAll(() => {
  library.remove();
  outside.remove();
});

describe('resolveMediaRequest', () => {
  it('serves a library image and a thumbnail with their types', () => {
    expect(resolveMediaRequest(library.path, image)).toMatchObject({ status: 200, contentType: 'image/png' });
    expect(resolveMediaRequest(library.path, 'thumbnails/2026/11/ab/1-0.webp')).toMatchObject({
      status: 200,
      contentType: 'image/webp',
    });
    expect(resolveMediaRequest(library.path, 'images/alias.png')).toMatchObject({ status: 200 });
  });

  it.each([
    ['..', 403],
    ['../', 403],
    ['../secret.png', 403],
    ['images/../../secret.png', 403],
    ['%2e%2e/secret.png', 403],
    ['%2E%2E%2Fsecret.png', 403],
    ['images/..%2f..%2fsecret.png', 403],
    ['%2fetc%2fpasswd', 403],
    ['/etc/passwd', 403],
    ['..\\secret.png', 403],
    ['images\\..\\..\\secret.png', 403],
    ['images/%5c..%5csecret.png', 403],
    ['C:\\Windows\\win.ini', 403],
    ['C:/secret.png', 403],
    ['C%3A/secret.png', 403],
    ['images/2026/11/ab/1-0.png%00.txt', 403],
    ['images/2026/11/ab/1-0.png\0', 403],
    ['%252e%252e/secret.png', 403],
    ['images/%252e%252e/secret.png', 403],
    ['images/link.png', 403], // symlink to a file outside the library
    ['images/out/secret.png', 403], // symlinked folder leading outside
    ['images/db.png', 403], // symlink to the database, inside the data folder but not media
    ['images/2026/11/ab/1-0.txt', 403], // not an image type
    ['library.db', 403],
    ['images/2026/11/ab/.1-1.png.part-0123abcd', 403], // a download in progress is never served
    ['', 403],
    ['images//2026/11/ab/1-0.png', 403],
    ['images/2026/11/ab/9-0.png', 404], // well-formed, allowed, missing
    ['images/2026/11/ab/folder.png', 404], // not a regular file
    ['images/%zz.png', 400],
    ['images/2026/11/ab/1-0%2.png', 400],
  ])('%j → %i', (encoded, status) => {
    const result = resolveMediaRequest(library.path, encoded);
    expect(result.status).toBe(status);
  });

  it('answers 404 when the library folder itself is missing', () => {
    expect(resolveMediaRequest(path.join(library.path, 'nope'), image).status).toBe(404);
  });
});

describe('encodeMediaPath', () => {
  it('encodes each segment so the result resolves back to the same file', () => {
    expect(encodeMediaPath(image)).toBe(image);
    const result = resolveMediaRequest(library.path, encodeMediaPath(image));
    expect(result).toMatchObject({ status: 200, file: path.join(realpathSync(library.path), ...image.split('/')) });
  });
});
