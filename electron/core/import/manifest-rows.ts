import { z } from 'zod';
import { curationName, tagName } from '../../../shared/curation.ts';
import { generationSources, RATING_MAX, type Rating } from '../../../shared/generation.ts';
import type { ImportedGeneration } from './describe.ts';

/**
 * An Atelier export's `manifest.jsonl` read back (docs/export-format.md). The file is untrusted:
 * every row is checked field by field, and a row that does not fit is left out (its image is then
 * imported for what its own metadata says).
 */
const text = z.string().max(20_000);
const number = z.number().finite();
const when = z.string().datetime({ offset: true }).nullable();

/** More tags or collections than any one image carries: a row claiming more is not one Atelier wrote. */
const MAX_NAMES = 1000;

const rowSchema = z.object({
  // 1: `favorite` was the generation's, and rating, reject, tags and collections were not written
  formatVersion: z.union([z.literal(1), z.literal(2)]),
  file: z.string().min(1).max(255),
  generation: z.number().int().nonnegative(),
  imageIndex: z.number().int().min(0).max(3),
  params: z.object({ model: z.string().max(100), prompt: text }).catchall(z.union([text, number, z.boolean()])),
  effective: z.object({
    model: z.string().max(100), prompt: text, aspectRatio: z.string().max(20), stylize: number.nullable(), chaos: number.nullable(),
    weird: number.nullable(), quality: number.nullable(), raw: z.boolean(), negativePrompt: text.nullable(), seed: z.number().int(),
    referenceImageUrl: text.nullable(),
  }),
  taskId: z.string().max(200).nullable(),
  createdAt: z.string().datetime({ offset: true }),
  submittedAt: when,
  completedAt: when,
  credits: number.min(0),
  favorite: z.boolean(),
  rating: z.number().int().min(1).max(RATING_MAX).nullable().optional(),
  rejected: z.boolean().optional(),
  tags: z.array(tagName).max(MAX_NAMES).optional(),
  collections: z.array(curationName('collection')).max(MAX_NAMES).optional(),
  parentGeneration: z.number().int().nonnegative().nullable(),
  sha256: z.string().regex(/^[0-9a-f]{64}$/).nullable(),
  fileSha256: z.string().regex(/^[0-9a-f]{64}$/).nullable(),
  source: z.enum(generationSources).optional(),
  midjourneyJobId: z.string().max(100).nullable().optional(),
});

export type ManifestImportRow = z.infer<typeof rowSchema>;

/** Lines checked between two turns of the event loop: a few milliseconds of work each. */
const LINES_PER_TURN = 50;

/**
 * The rows of a manifest by the file name each describes; lines that do not fit are counted, not
 * kept. Read line by line from the file and checked in slices with turns in between, so a
 * 10,000-image manifest (~15 MB) never holds the core: read whole, decoding it to one string was a
 * single 85 ms task on the core's thread (bench:export, ZIP import).
 */
export async function readManifest(lines: AsyncIterable<string>): Promise<{ rows: Map<string, ManifestImportRow>; rejected: number }> {
  const rows = new Map<string, ManifestImportRow>();
  let rejected = 0;
  let sinceTurn = 0;
  for await (const line of lines) {
    if (++sinceTurn >= LINES_PER_TURN) {
      sinceTurn = 0;
      await new Promise<void>((resolve) => setImmediate(resolve));
    }
    if (line.trim() === '') continue;
    let parsed: unknown;
    try {
      parsed = JSON.parse(line);
    } catch {
      rejected += 1;
      continue;
    }
    const row = rowSchema.safeParse(parsed);
    if (row.success) rows.set(row.data.file, row.data);
    else rejected += 1;
  }
  return { rows, rejected };
}

const ms = (iso: string | null) => (iso === null ? null : Date.parse(iso));

/** The generation a manifest row describes, every field as the export wrote it. */
export function fromManifestRow(row: ManifestImportRow): ImportedGeneration {
  return {
    groupKey: `atelier:${row.generation}`,
    parentKey: row.parentGeneration === null ? null : `atelier:${row.parentGeneration}`,
    index: row.imageIndex,
    source: row.source ?? 'kinovi',
    midjourneyJobId: row.midjourneyJobId ?? null,
    params: row.params,
    effective: row.effective,
    taskId: row.taskId,
    createdAt: Date.parse(row.createdAt),
    submittedAt: ms(row.submittedAt),
    completedAt: ms(row.completedAt),
    credits: row.credits,
    // a version 1 favourite generation was a favourite of each of its images, as migration 8 read it
    curation: { favorite: row.favorite, rating: (row.rating ?? null) as Rating | null, rejected: row.rejected ?? false },
    tags: row.tags ?? [],
    collections: row.collections ?? [],
    sha256: row.sha256,
  };
}
