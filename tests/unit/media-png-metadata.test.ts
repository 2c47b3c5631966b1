import { crc32 } from 'node:zlib';
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

  it('places the text before the first IDAT, where readers look for it, and keeps IEND last', () => {
    const out = writePngText(png, provenanceChunks({ prompt: 'p', seed: 1, model: 'midjourney-v7', taskId: null, parameters: {} }));
    const types = chunkTypes(out);
    const firstImageData = types.indexOf('IDAT');
    expect(types[0]).toBe('IHDR');
    expect(types.slice(0, firstImageData).filter((type) => type === 'tEXt')).toHaveLength(3);
    expect(types.slice(firstImageData).every((type) => type === 'IDAT' || type === 'IEND')).toBe(true);
    expect(types.at(-1)).toBe('IEND');
  });

  it('moves a same-keyword chunk found after the image data in front of it', () => {
    const late = insertBeforeIend(png, textChunk('parameters', 'stale'));
    expect(chunkTypes(late).at(-2)).toBe('tEXt');
    const out = writePngText(late, [{ keyword: 'parameters', text: 'fresh' }]);
    const original = chunkTypes(png);
    const firstImageData = original.indexOf('IDAT');
    expect(chunkTypes(out)).toEqual([...original.slice(0, firstImageData), 'tEXt', ...original.slice(firstImageData)]);
    expect(readPngText(out)).toEqual({ parameters: 'fresh' });
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

/** The chunk types of a PNG in file order. */
function chunkTypes(file: Buffer): string[] {
  const types: string[] = [];
  for (let offset = 8; offset < file.length; offset += 12 + file.readUInt32BE(offset)) types.push(file.toString('latin1', offset + 4, offset + 8));
  return types;
}

function textChunk(keyword: string, text: string): Buffer {
  const data = Buffer.from(`${keyword}\0${text}`, 'latin1');
  const chunk = Buffer.alloc(12 + data.length);
  chunk.writeUInt32BE(data.length, 0);
  chunk.write('tEXt', 4, 'latin1');
  data.copy(chunk, 8);
  chunk.writeUInt32BE(crc32(data, crc32(Buffer.from('tEXt'))), 8 + data.length);
  return chunk;
}

function insertBeforeIend(file: Buffer, chunk: Buffer): Buffer {
  return Buffer.concat([file.subarray(0, file.length - 12), chunk, file.subarray(file.length - 12)]);
}
