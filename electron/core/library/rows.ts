import type { Library } from './database.ts';
import type {
  AspectRatio,
  EffectiveParams,
  Generation,
  GenerationParams,
  GenerationRetry,
  GenerationSource,
  GenerationStatus,
  GridThumbnail,
  ImageDownloadState,
  ImageInfo,
  Model,
  Quality,
  Rating,
} from '../../../shared/generation.ts';
import { statement } from './statements.ts';

/** A `generations` row as SQLite returns it. */
export interface GenerationRow {
  id: number;
  model: string;
  prompt: string;
  aspect_ratio: string | null;
  stylize: number | null;
  chaos: number | null;
  weird: number | null;
  quality: number | null;
  raw: number | null;
  negative_prompt: string | null;
  seed: number | null;
  reference_image_url: string | null;
  effective_model: string;
  effective_prompt: string;
  effective_aspect_ratio: string;
  effective_stylize: number | null;
  effective_chaos: number | null;
  effective_weird: number | null;
  effective_quality: number | null;
  effective_raw: number;
  effective_negative_prompt: string | null;
  effective_seed: number;
  effective_reference_image_url: string | null;
  status: string;
  error_code: string | null;
  error_message: string | null;
  credits: number;
  task_id: string | null;
  favorite: number;
  parent_id: number | null;
  created_at: number;
  updated_at: number;
  submitted_at: number | null;
  completed_at: number | null;
  retry_reason: string | null;
  retry_attempt: number | null;
  retry_at: number | null;
  best_rating: number | null;
  culled_images: number;
  source: string;
  midjourney_job_id: string | null;
  grid_thumbnail: string | null;
  grid_width: number | null;
  grid_height: number | null;
}

/** An `images` row as SQLite returns it. */
export interface ImageRow {
  generation_id: number;
  idx: number;
  file: string | null;
  thumbnail: string | null;
  width: number | null;
  height: number | null;
  bytes: number | null;
  sha256: string | null;
  file_sha256: string | null;
  remote_url: string | null;
  state: string;
  error_message: string | null;
  favorite: number;
  rating: number | null;
  rejected: number;
}

/** The columns every Generation is built from (never request_body: large, and not part of the shape). */
export const GENERATION_COLUMNS = `g.id, g.model, g.prompt, g.aspect_ratio, g.stylize, g.chaos, g.weird, g.quality, g.raw,
  g.negative_prompt, g.seed, g.reference_image_url, g.effective_model, g.effective_prompt, g.effective_aspect_ratio,
  g.effective_stylize, g.effective_chaos, g.effective_weird, g.effective_quality, g.effective_raw,
  g.effective_negative_prompt, g.effective_seed, g.effective_reference_image_url, g.status, g.error_code,
  g.error_message, g.credits, g.task_id, g.favorite, g.parent_id, g.created_at, g.updated_at, g.submitted_at, g.completed_at,
  g.retry_reason, g.retry_attempt, g.retry_at, g.best_rating, g.culled_images, g.source, g.midjourney_job_id,
  g.grid_thumbnail, g.grid_width, g.grid_height`;

/** The columns every ImageInfo is built from. */
export const IMAGE_COLUMNS =
  'generation_id, idx, file, thumbnail, width, height, bytes, sha256, file_sha256, remote_url, state, error_message, favorite, rating, rejected';

/** The images a generation shows: a deleted one waits in the trash, out of sight. */
export const SHOWN_IMAGE = 'deleted_at IS NULL';

/** The artist's parameters back from their columns: unset ones absent, as the shared type requires. */
function paramsOf(row: GenerationRow): GenerationParams {
  const params: GenerationParams = { model: row.model as Model, prompt: row.prompt };
  if (row.aspect_ratio !== null) params.aspectRatio = row.aspect_ratio as AspectRatio;
  if (row.stylize !== null) params.stylize = row.stylize;
  if (row.chaos !== null) params.chaos = row.chaos;
  if (row.weird !== null) params.weird = row.weird;
  if (row.quality !== null) params.quality = row.quality as Quality;
  if (row.raw !== null) params.raw = row.raw === 1;
  if (row.negative_prompt !== null) params.negativePrompt = row.negative_prompt;
  if (row.seed !== null) params.seed = row.seed;
  if (row.reference_image_url !== null) params.referenceImageUrl = row.reference_image_url;
  return params;
}

function effectiveOf(row: GenerationRow): EffectiveParams {
  return {
    model: row.effective_model as Model,
    prompt: row.effective_prompt,
    aspectRatio: row.effective_aspect_ratio as AspectRatio,
    stylize: row.effective_stylize,
    chaos: row.effective_chaos,
    weird: row.effective_weird,
    quality: row.effective_quality as Quality | null,
    raw: row.effective_raw === 1,
    negativePrompt: row.effective_negative_prompt,
    seed: row.effective_seed,
    referenceImageUrl: row.effective_reference_image_url,
  };
}

function retryOf(row: GenerationRow): GenerationRetry | null {
  if (row.retry_reason === null || row.retry_attempt === null || row.retry_at === null) return null;
  return { reason: row.retry_reason as GenerationRetry['reason'], attempt: row.retry_attempt, nextAttemptAt: row.retry_at };
}

/** Maps an images row to the shared shape. */
export function imageOf(row: ImageRow): ImageInfo {
  return {
    index: row.idx,
    file: row.file,
    thumbnail: row.thumbnail,
    width: row.width,
    height: row.height,
    bytes: row.bytes,
    sha256: row.sha256,
    fileSha256: row.file_sha256,
    remoteUrl: row.remote_url,
    state: row.state as ImageDownloadState,
    errorMessage: row.error_message,
    favorite: row.favorite === 1,
    rating: row.rating as Rating | null,
    rejected: row.rejected === 1,
  };
}

/** Maps a generations row and its images to the shared shape. */
export function generationOf(row: GenerationRow, images: ImageInfo[]): Generation {
  return {
    id: row.id,
    params: paramsOf(row),
    effective: effectiveOf(row),
    status: row.status as GenerationStatus,
    errorCode: row.error_code,
    errorMessage: row.error_message,
    taskId: row.task_id,
    credits: row.credits,
    favorite: row.favorite === 1,
    bestRating: row.best_rating as Rating | null,
    culledImages: row.culled_images,
    parentId: row.parent_id,
    createdAt: row.created_at,
    updatedAt: row.updated_at,
    submittedAt: row.submitted_at,
    completedAt: row.completed_at,
    retry: retryOf(row),
    source: row.source as GenerationSource,
    midjourneyJobId: row.midjourney_job_id,
    images,
    grid: gridOf(row),
  };
}

function gridOf(row: GenerationRow): GridThumbnail | null {
  if (row.grid_thumbnail === null || row.grid_width === null || row.grid_height === null) return null;
  return { path: row.grid_thumbnail, width: row.grid_width, height: row.grid_height };
}

/** Attaches images to many rows with one query, keeping the rows' order. */
export function withImages(db: Library, rows: GenerationRow[]): Generation[] {
  if (rows.length === 0) return [];
  const imageRows = statement(
    db,
    `SELECT ${IMAGE_COLUMNS} FROM images WHERE generation_id IN (SELECT value FROM json_each(?)) AND ${SHOWN_IMAGE} ORDER BY generation_id, idx`,
  ).all(JSON.stringify(rows.map((r) => r.id))) as ImageRow[];
  const byGeneration = new Map<number, ImageInfo[]>();
  for (const image of imageRows) {
    const list = byGeneration.get(image.generation_id);
    if (list === undefined) byGeneration.set(image.generation_id, [imageOf(image)]);
    else list.push(imageOf(image));
  }
  return rows.map((row) => generationOf(row, byGeneration.get(row.id) ?? []));
}
