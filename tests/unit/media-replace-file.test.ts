import { readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { replaceFile } from '../../electron/core/media/replace-file.ts';
import { tempDir } from '../support/temp-dir.ts';

let dir: { path: string; remove(): void };
beforeEach(() => {
  dir = tempDir('atelier-replace-');
});
afterEach(() => dir.remove());

describe('replaceFile', () => {
  it('replaces an existing file with the temp file', async () => {
    const temp = path.join(dir.path, '.a.png.part-1');
    const dest = path.join(dir.path, 'a.png');
    writeFileSync(dest, 'old');
    writeFileSync(temp, 'new');
    await replaceFile(temp, dest);
    expect(readFileSync(dest, 'utf8')).toBe('new');
  });

  it('does not retry a missing temp file', async () => {
    await expect(replaceFile(path.join(dir.path, 'missing'), path.join(dir.path, 'a.png'), 'win32')).rejects.toMatchObject({ code: 'ENOENT' });
  });
});
