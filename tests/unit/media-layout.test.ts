import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { imagePath, splitRelativePath, thumbnailPathFor, toAbsolutePath, withExtension } from '../../electron/core/media/layout.ts';

const november = Date.UTC(2026, 10, 23, 23, 59);

describe('media layout', () => {
  it('puts an image under images/<yyyy>/<mm>/<shard>/<generation>-<index>.png', () => {
    expect(imagePath({ generationId: 42, index: 3, createdAt: november })).toMatch(/^images\/2026\/11\/[0-9a-f]{2}\/42-3\.png$/);
    expect(imagePath({ generationId: 42, index: 0, createdAt: november }, 'jpg')).toMatch(/\/42-0\.jpg$/);
  });

  it('is stable and spreads a month of generations over many folders', () => {
    const folderOf = (id: number) => path.posix.dirname(imagePath({ generationId: id, index: 0, createdAt: november }));
    expect(folderOf(7)).toBe(folderOf(7));
    const folders = new Set(Array.from({ length: 10_000 }, (_, id) => folderOf(id)));
    // 10,000 generations (40,000 images) land in (nearly) all 256 shards, ~160 files each.
    expect(folders.size).toBeGreaterThan(250);
  });

  it('mirrors images into the thumbnails tree as WebP', () => {
    const image = imagePath({ generationId: 9, index: 1, createdAt: november });
    expect(thumbnailPathFor(image)).toBe(image.replace(/^images\//, 'thumbnails/').replace(/\.png$/, '.jpg'));
    expect(() => thumbnailPathFor('thumbnails/a/b.webp')).toThrow();
  });

  it('changes an extension without touching folders', () => {
    expect(withExtension('images/2026/11/ab/1-0.png', 'webp')).toBe('images/2026/11/ab/1-0.webp');
  });

  it('makes absolute paths only from paths the layout could have produced', () => {
    expect(toAbsolutePath('/data', 'images/2026/11/ab/1-0.png')).toBe(path.join(path.resolve('/data'), 'images', '2026', '11', 'ab', '1-0.png'));
    for (const bad of ['../x.png', 'images/../../x.png', '/etc/passwd', 'images\\x.png', 'C:/x.png', 'images//x.png', '', 'images/.x.png']) {
      expect(() => splitRelativePath(bad), bad).toThrow();
    }
  });

  it('refuses nonsense slots', () => {
    expect(() => imagePath({ generationId: -1, index: 0, createdAt: november })).toThrow(RangeError);
    expect(() => imagePath({ generationId: 1, index: 1.5, createdAt: november })).toThrow(RangeError);
    expect(() => imagePath({ generationId: 1, index: 0, createdAt: Number.NaN })).toThrow(RangeError);
  });
});
