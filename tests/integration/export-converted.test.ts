/**
 * Exports as JPEG or WebP at a chosen quality and longest side: real encodes by sharp from the
 * Sandbox's real PNGs, provenance kept as XMP, and the manifest telling the stored file from the
 * one written; such an export still imports (as new pictures, or as duplicates where it came from).
 */
import { createHash } from 'node:crypto';
import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import sharp from 'sharp';
import { describe, expect, it } from 'vitest';
import type { ExportResult, ImportReport } from '../../shared/contract.ts';
import type { Generation } from '../../shared/generation.ts';
import type { SearchPage } from '../../shared/search.ts';
import { cleanupsPerTest } from '../support/cleanups.ts';
import { call, closableCore } from '../support/test-core.ts';

const { cleanups, folder } = cleanupsPerTest('atelier-converted-');

const sha256 = (bytes: Buffer) => createHash('sha256').update(bytes).digest('hex');

interface Row {
  file: string;
  prompt: string;
  width: number;
  height: number;
  fileSha256: string;
  exported: { format: string; width: number; height: number; bytes: number; sha256: string } | null;
}

const rowsOf = (exported: string) => readFileSync(path.join(exported, 'manifest.jsonl'), 'utf8').trim().split('\n').map((line) => JSON.parse(line) as Row);

async function exportAs(core: Parameters<typeof call>[0], id: number, picture: unknown): Promise<string> {
  const result = await call<ExportResult>(core, 'export:start', { ids: [id], destination: { kind: 'folder', folder: folder('atelier-export-') }, picture });
  if (result.status !== 'done') throw new Error('the export did not finish');
  return result.path;
}

describe('export as JPEG or WebP', () => {
  it('writes each image at the chosen quality and longest side, with its provenance, and says so in the manifest', async () => {
    const { core, events } = await closableCore(folder(), cleanups);
    const made = await call<Generation>(core, 'generation:create', { params: { model: 'midjourney-v7', prompt: 'a café by the sea — dusk', seed: 5 } });
    const original = await events.reach(made.id, 'done');

    for (const format of ['jpeg', 'webp'] as const) {
      const exported = await exportAs(core, made.id, { format, quality: 70, maxSide: 64 });
      const rows = rowsOf(exported);
      expect(rows).toHaveLength(4);
      expect(readdirSync(exported).filter((name) => name.endsWith(format === 'jpeg' ? '.jpg' : '.webp'))).toHaveLength(4);
      for (const row of rows) {
        const bytes = readFileSync(path.join(exported, row.file));
        const metadata = await sharp(bytes).metadata();
        expect(metadata.format).toBe(format);
        expect(Math.max(metadata.width, metadata.height)).toBe(64);
        // the stored file's facts stay; what was written is told apart
        const stored = original.images.find((image) => image.fileSha256 === row.fileSha256)!;
        expect(row).toMatchObject({ width: stored.width, height: stored.height });
        expect(row.exported).toEqual({ format, width: metadata.width, height: metadata.height, bytes: bytes.length, sha256: sha256(bytes) });
        // the prompt, accents included, travels in the file as XMP (EXIF text could not hold them)
        expect(metadata.xmpAsString).toContain('a café by the sea — dusk');
        expect(metadata.xmpAsString).toContain('&quot;seed&quot;:5'); // Atelier's JSON record, as an XML attribute
      }
    }

    // the quality is the artist's: a lower one makes smaller files; no size limit keeps the full size
    const size = async (quality: number) => rowsOf(await exportAs(core, made.id, { format: 'jpeg', quality, maxSide: null })).reduce((sum, row) => sum + row.exported!.bytes, 0);
    const [low, high] = [await size(20), await size(95)];
    expect(low).toBeLessThan(high);
    const full = rowsOf(await exportAs(core, made.id, { format: 'webp', quality: 80, maxSide: null }));
    expect(full.map((row) => [row.exported!.width, row.exported!.height])).toEqual(full.map((row) => [row.width, row.height]));
  });

  it('refuses a quality or size out of range in words, and a converted export imports back', async () => {
    const { core, events } = await closableCore(folder(), cleanups);
    const made = await call<Generation>(core, 'generation:create', { params: { model: 'midjourney-v8', prompt: 'lanterns in the snow' } });
    await events.reach(made.id, 'done');
    for (const [picture, words] of [
      [{ format: 'jpeg', quality: 0, maxSide: null }, 'Quality goes from 1 to 100.'],
      [{ format: 'webp', quality: 80, maxSide: 8 }, 'The longest side is at least 16 pixels.'],
    ] as const) {
      const refused = await core.dispatch('export:start', { ids: [made.id], destination: { kind: 'folder', folder: folder('atelier-export-') }, picture });
      expect(refused.ok ? null : refused.error.message).toContain(words);
    }

    const exported = await exportAs(core, made.id, { format: 'jpeg', quality: 80, maxSide: 128 });
    const other = await closableCore(folder(), cleanups);
    expect(await call<ImportReport>(other.core, 'import:start', { folder: exported })).toMatchObject({ imported: 4, duplicates: 0, unreadable: [] });
    const [back] = (await call<SearchPage>(other.core, 'library:search', { text: '', limit: 10 })).items;
    expect(back).toMatchObject({ params: { prompt: 'lanterns in the snow' }, source: 'sandbox' });
    expect(back!.images.map((image) => image.fileSha256).sort()).toEqual(rowsOf(exported).map((row) => row.exported!.sha256).sort());
    // where it came from, the served bytes' hash finds the pictures already there
    expect(await call<ImportReport>(core, 'import:start', { folder: exported })).toMatchObject({ imported: 0, duplicates: 4 });
  });
});
