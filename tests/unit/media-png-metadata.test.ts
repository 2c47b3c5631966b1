import sharp from 'sharp';
import { beforeAll, describe, expect, it } from 'vitest';
import { provenanceChunks, readPngText, writePngText } from '../../electron/core/media/png-metadata.ts';
import { makePng } from '../support/image-server.ts';

let png: Buffer;
beforeAll(async () => {
  png = await makePng(16, 16);
});

describe('PNG text chunks', () => {
  it('round-trips Latin-1 (tEXt) and UTF-8 (iTXt) text, and the image still decodes', async () => {
    const out = writePngText(png, [
      { keyword: 'plain', text: 'café, naïve' },
      { keyword: 'unicode', text: '霧の灯台 🌫️\nsecond line' },
    ]);
    expect(out.includes(Buffer.from('tEXtplain'))).toBe(true);
    expect(out.includes(Buffer.from('iTXtunicode'))).toBe(true);
    expect(readPngText(out)).toEqual({ plain: 'café, naïve', unicode: '霧の灯台 🌫️\nsecond line' });
    // libpng checks every CRC: a wrong one would fail here.
    expect(await sharp(out, { failOn: 'warning' }).metadata()).toMatchObject({ format: 'png', width: 16 });
  });

  it('places the chunks just before IEND', () => {
    const out = writePngText(png, [{ keyword: 'k', text: 'v' }]);
    expect(out.subarray(-12, -8).readUInt32BE(0)).toBe(0);
    expect(out.toString('latin1', out.length - 8, out.length - 4)).toBe('IEND');
    expect(out.indexOf('tEXtk')).toBeGreaterThan(out.indexOf('IDAT'));
  });

  it('replaces its own chunks instead of piling them up', () => {
    const once = writePngText(png, [{ keyword: 'parameters', text: 'old' }]);
    const twice = writePngText(once, [{ keyword: 'parameters', text: 'new' }]);
    expect(readPngText(twice)).toEqual({ parameters: 'new' });
    expect(twice.length).toBe(once.length);
  });

  it('writes the A1111-style parameters and the atelier JSON record', () => {
    const chunks = provenanceChunks({
      prompt: 'a red fox',
      seed: 7,
      model: 'midjourney-v7',
      taskId: null,
      parameters: { aspectRatio: '16:9', chaos: null, referenceImageUrl: 'https://x/a,b' },
    });
    const text = readPngText(writePngText(png, chunks));
    expect(text.parameters).toBe('a red fox\nSeed: 7, Model: midjourney-v7, Aspect ratio: 16:9, Reference image url: https://x/a b');
    expect(JSON.parse(text.atelier ?? '')).toEqual({
      version: 1,
      prompt: 'a red fox',
      negativePrompt: null,
      seed: 7,
      model: 'midjourney-v7',
      taskId: null,
      parameters: { aspectRatio: '16:9', chaos: null, referenceImageUrl: 'https://x/a,b' },
    });
    expect(text.Software).toBe('Atelier');
  });

  it('reads text written by another tool (sharp/libvips)', async () => {
    const tagged = await sharp(png).withMetadata().png().toBuffer();
    expect(readPngText(tagged)).toBeTypeOf('object');
    expect(readPngText(png)).toEqual({});
  });

  it('refuses what is not a whole PNG', () => {
    expect(() => readPngText(Buffer.from('not a png'))).toThrow(/signature/);
    expect(() => writePngText(png.subarray(0, png.length - 12), [{ keyword: 'k', text: 'v' }])).toThrow(/IEND/);
    const corrupt = Buffer.from(png);
    corrupt[20] = (corrupt[20] ?? 0) ^ 0xff;
    expect(() => readPngText(corrupt)).toThrow(/CRC/);
    expect(() => writePngText(png, [{ keyword: '', text: 'v' }])).toThrow(/keyword/);
  });
});
