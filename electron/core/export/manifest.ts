import type { Generation, ImageInfo, Rating } from '../../../shared/generation.ts';

/**
 * The manifest's format version: raise it when a column changes meaning (docs: export-format).
 * 2: `favorite` is the image's own (1: its generation's); rating, reject, tags and collections added.
 */
export const EXPORT_FORMAT_VERSION = 2;

/** The file written for an image that was converted (JPEG/WebP) rather than copied as stored. */
export interface ExportedFile {
  format: 'jpeg' | 'webp';
  width: number;
  height: number;
  bytes: number;
  sha256: string;
}

/** What the library says about an image besides its generation: the generation's tags, the collections holding the image. */
export interface FiledUnder {
  tags: readonly string[];
  collections: readonly string[];
}

/** One exported image with every fact the library holds about it and its generation. */
export interface ManifestRow {
  formatVersion: number;
  file: string;
  generation: number;
  imageIndex: number;
  prompt: string;
  negativePrompt: string | null;
  model: string;
  params: Generation['params'];
  effective: Generation['effective'];
  seed: number;
  taskId: string | null;
  status: string;
  createdAt: string;
  submittedAt: string | null;
  completedAt: string | null;
  credits: number;
  /** This image is a favourite. */
  favorite: boolean;
  /** This image's stars, 1–5, or null. */
  rating: Rating | null;
  /** This image is rejected. */
  rejected: boolean;
  /** The generation's tags, by name. */
  tags: string[];
  /** The collections holding this image, by name. */
  collections: string[];
  parentGeneration: number | null;
  width: number | null;
  height: number | null;
  bytes: number | null;
  sha256: string | null;
  fileSha256: string | null;
  /** Where the generation comes from: kinovi, sandbox (simulated), midjourney or imported. */
  source: Generation['source'];
  /** The Midjourney Job ID an imported download carried. */
  midjourneyJobId: string | null;
  /** The converted file written instead of the stored one; null when the stored file was copied as it is. */
  exported: ExportedFile | null;
}

function iso(ms: number | null): string | null {
  return ms === null ? null : new Date(ms).toISOString();
}

/** The manifest row of one image of a generation, under the name it was exported as. */
export function manifestRow(generation: Generation, image: ImageInfo, file: string, filed: FiledUnder, exported: ExportedFile | null = null): ManifestRow {
  return {
    formatVersion: EXPORT_FORMAT_VERSION,
    file,
    generation: generation.id,
    imageIndex: image.index,
    prompt: generation.params.prompt,
    negativePrompt: generation.params.negativePrompt ?? null,
    model: generation.params.model,
    params: generation.params,
    effective: generation.effective,
    seed: generation.effective.seed,
    taskId: generation.taskId,
    status: generation.status,
    createdAt: new Date(generation.createdAt).toISOString(),
    submittedAt: iso(generation.submittedAt),
    completedAt: iso(generation.completedAt),
    credits: generation.credits,
    favorite: image.favorite,
    rating: image.rating,
    rejected: image.rejected,
    tags: [...filed.tags],
    collections: [...filed.collections],
    parentGeneration: generation.parentId,
    width: image.width,
    height: image.height,
    bytes: image.bytes,
    sha256: image.sha256,
    fileSha256: image.fileSha256,
    source: generation.source,
    midjourneyJobId: generation.midjourneyJobId,
    exported,
  };
}

/** One JSON Lines line (the lossless form: parameters stay typed and nested). */
export function jsonLine(row: ManifestRow): string {
  return `${JSON.stringify(row)}\n`;
}

const PARAM_KEYS = ['aspectRatio', 'stylize', 'chaos', 'weird', 'quality', 'raw', 'seed', 'referenceImageUrl'] as const;

/** The CSV columns, in order: the row flattened, each parameter as asked and as used. */
export const CSV_COLUMNS: readonly string[] = [
  'format_version', 'file', 'generation', 'image_index', 'prompt', 'negative_prompt', 'model',
  ...PARAM_KEYS.map((key) => `param_${key}`),
  'effective_model', 'effective_prompt', 'effective_negative_prompt',
  ...PARAM_KEYS.map((key) => `effective_${key}`),
  'seed', 'task_id', 'status', 'created_at', 'submitted_at', 'completed_at', 'credits', 'favorite', 'parent_generation',
  'width', 'height', 'bytes', 'sha256', 'file_sha256',
  'rating', 'rejected', 'tags', 'collections', 'source', 'midjourney_job_id',
  'exported_format', 'exported_width', 'exported_height', 'exported_bytes', 'exported_sha256',
];

/** Names cannot hold a line break (shared/curation.ts), so a list of them is one name a line within its cell. */
const nameList = (names: readonly string[]) => names.join('\n');

/**
 * RFC 4180 quoting: a field with a comma, quote or line break is quoted, its quotes doubled. Text that
 * a spreadsheet would run as a formula (a prompt starting with =, +, -, @, a tab or a carriage return)
 * gets a leading apostrophe, as OWASP advises; numbers stay numbers, and manifest.jsonl keeps the text exact.
 */
function csvField(value: unknown): string {
  if (value === null || value === undefined) return '';
  const text = typeof value === 'string' && /^[=+\-@\t\r]/u.test(value) ? `'${value}` : String(value);
  return /[",\r\n]/.test(text) ? `"${text.replaceAll('"', '""')}"` : text;
}

/** The CSV header line. */
export function csvHeader(): string {
  return `${CSV_COLUMNS.join(',')}\r\n`;
}

/** One CSV line, in the order of CSV_COLUMNS. */
export function csvLine(row: ManifestRow): string {
  const params = row.params as unknown as Record<string, unknown>;
  const effective = row.effective as unknown as Record<string, unknown>;
  const values: unknown[] = [
    row.formatVersion, row.file, row.generation, row.imageIndex, row.prompt, row.negativePrompt, row.model,
    ...PARAM_KEYS.map((key) => params[key]),
    row.effective.model, row.effective.prompt, row.effective.negativePrompt,
    ...PARAM_KEYS.map((key) => effective[key]),
    row.seed, row.taskId, row.status, row.createdAt, row.submittedAt, row.completedAt, row.credits, row.favorite,
    row.parentGeneration, row.width, row.height, row.bytes, row.sha256, row.fileSha256,
    row.rating, row.rejected, nameList(row.tags), nameList(row.collections), row.source, row.midjourneyJobId,
    row.exported?.format, row.exported?.width, row.exported?.height, row.exported?.bytes, row.exported?.sha256,
  ];
  return `${values.map(csvField).join(',')}\r\n`;
}
