import { describe, expect, it } from 'vitest';
import { clampThumbnailSize, galleryRowHeight, THUMBNAIL_SIZE } from '../../renderer/src/lib/thumbnail-size.ts';

describe('thumbnail size', () => {
  it('keeps a saved size within the range and on its steps; anything else is the default', () => {
    expect(clampThumbnailSize(200)).toBe(200);
    expect(clampThumbnailSize(207)).toBe(200);
    expect(clampThumbnailSize(5)).toBe(THUMBNAIL_SIZE.min);
    expect(clampThumbnailSize(10_000)).toBe(THUMBNAIL_SIZE.max);
    expect(clampThumbnailSize(Number.NaN)).toBe(THUMBNAIL_SIZE.initial);
    expect(clampThumbnailSize('300')).toBe(THUMBNAIL_SIZE.initial);
  });

  it('gives four-up rows the size and single images the same proportion as before (300 → 230)', () => {
    expect(galleryRowHeight(300, 'generations')).toBe(300);
    expect(galleryRowHeight(300, 'images')).toBe(230);
    expect(galleryRowHeight(200, 'images')).toBe(153);
  });
});
