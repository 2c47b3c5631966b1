/**
 * The Kinovi wire format (docs/kinovi-api.md): the createTask body we send and the
 * shapes we accept back. Parsing is tolerant where the docs disagree with each other.
 */
import { z } from 'zod';
import type { AspectRatio, GenerationParams, Model, Quality } from '../../../shared/generation.ts';
import { redactServerText } from '../redact.ts';

export interface CreateTaskBody {
  model: Model;
  inputs: {
    prompt: string;
    aspectRatio?: AspectRatio;
    sourceImageUrl?: string;
    stylize?: number;
    chaos?: number;
    weird?: number;
    quality?: Quality;
    style?: 'raw';
    no?: string;
    seed: number;
  };
}

/**
 * The exact documented body: unset settings are left out (never null) and the prompt goes
 * as typed, flags included, because the server applies them. `seed` is used when the
 * settings do not fix one, so every run records a seed that can repeat it.
 */
export function toCreateTaskBody(params: GenerationParams, seed: number): CreateTaskBody {
  const inputs: CreateTaskBody['inputs'] = { prompt: params.prompt, seed: params.seed ?? seed };
  if (params.aspectRatio !== undefined) inputs.aspectRatio = params.aspectRatio;
  if (params.referenceImageUrl !== undefined) inputs.sourceImageUrl = params.referenceImageUrl;
  if (params.stylize !== undefined) inputs.stylize = params.stylize;
  if (params.chaos !== undefined) inputs.chaos = params.chaos;
  if (params.weird !== undefined) inputs.weird = params.weird;
  if (params.quality !== undefined) inputs.quality = params.quality;
  if (params.raw === true) inputs.style = 'raw';
  if (params.negativePrompt !== undefined && params.negativePrompt !== '') inputs.no = params.negativePrompt;
  return { model: params.model, inputs };
}

/**
 * The createTask body as JSON text, built once when a generation is saved: the library keeps
 * these bytes and the client sends exactly them, so the record of what was asked is the request.
 */
export function createTaskBodyText(params: GenerationParams, seed: number): string {
  return JSON.stringify(toCreateTaskBody(params, seed));
}

/**
 * Identifiers cannot be redacted without breaking them (a task id is polled, an image URL fetched),
 * so an answer whose identifiers carry the key is refused as unreadable instead of being stored.
 */
export function carriesKey(identifiers: readonly string[], key: string | undefined): boolean {
  return key !== undefined && key.length >= 8 && identifiers.some((text) => text.includes(key));
}

export const createTaskResponseSchema = z.object({ taskId: z.string().min(1) });

export const taskStatuses = ['waiting', 'generating', 'success', 'fail'] as const;
export type TaskStatus = (typeof taskStatuses)[number];

const dimension = z.number().positive().nullish();
const timestamp = z.number().nullish();

export const recordInfoSchema = z.object({
  taskId: z.string().min(1),
  model: z.string().nullish(),
  status: z.enum(taskStatuses),
  creditsUsed: z.number().nullish(),
  output: z
    .array(z.object({ url: z.string().min(1), width: dimension, height: dimension, mediaType: z.string().nullish() }))
    .nullish(),
  // Current docs send { code, message }; older ones a plain string. Codes may be numbers ("2038").
  error: z
    .union([
      z.string(),
      z.object({ code: z.union([z.string(), z.number()]).nullish(), message: z.string().nullish() }),
    ])
    .nullish(),
  createTime: timestamp,
  completeTime: timestamp,
});

/** One image the server made; sizes may be unknown. */
export interface RemoteImage {
  url: string;
  width: number | null;
  height: number | null;
  mediaType: string | null;
}

/** A task as the app uses it, with the wire's variations smoothed out. */
export interface TaskRecord {
  taskId: string;
  model: string | null;
  status: TaskStatus;
  creditsUsed: number;
  /** Empty until `success`. */
  images: RemoteImage[];
  error: { code: string | null; message: string } | null;
  createTime: number | null;
  completeTime: number | null;
}

/**
 * Smooths a parsed recordInfo body into a TaskRecord (nulls for unknowns, error always an object).
 * Its free text (failure message and code, model name) is stored and shown, so it passes the
 * redaction gate here, where it enters the app.
 */
export function toTaskRecord(body: z.output<typeof recordInfoSchema>, key: string | undefined): TaskRecord {
  const clean = (text: string) => redactServerText(text, key);
  let error: TaskRecord['error'] = null;
  if (typeof body.error === 'string') error = { code: null, message: clean(body.error) };
  else if (body.error) {
    const code = body.error.code === undefined || body.error.code === null ? null : clean(String(body.error.code));
    error = { code, message: clean(body.error.message ?? 'The generation failed') };
  }
  if (body.status === 'fail' && error === null) error = { code: null, message: 'The generation failed' };
  return {
    taskId: body.taskId,
    model: body.model === undefined || body.model === null ? null : clean(body.model),
    status: body.status,
    creditsUsed: body.creditsUsed ?? 0,
    images: (body.output ?? []).map((image) => ({
      url: image.url,
      width: image.width ?? null,
      height: image.height ?? null,
      mediaType: image.mediaType ?? null,
    })),
    error,
    createTime: body.createTime ?? null,
    completeTime: body.completeTime ?? null,
  };
}

/** Kinovi keeps an upload 24 hours (docs); used when an upload answer does not say when it expires. */
export const UPLOAD_LIFETIME_MS = 24 * 60 * 60_000;

export const createUploadResponseSchema = z.object({
  uploadUrl: z.string().min(1).max(4096),
  url: z.string().min(1).max(2048),
  contentType: z.string().max(100).nullish(),
  // The docs leave the rest open ("…"): Unix seconds or milliseconds, or an ISO date, when present.
  expiresAt: z.union([z.number(), z.string().max(100)]).nullish(),
});

/** Where to PUT the bytes (no key), the URL to send as the reference, and until when it lives. */
export interface UploadSlot {
  uploadUrl: string;
  url: string;
  contentType: string | null;
  /** Unix milliseconds. */
  expiresAt: number;
}

/** Smooths an upload answer: an expiry in seconds, milliseconds or ISO text, or none (24 hours from `now`). */
export function toUploadSlot(body: z.output<typeof createUploadResponseSchema>, now: number): UploadSlot {
  let expiresAt = now + UPLOAD_LIFETIME_MS;
  if (typeof body.expiresAt === 'number' && Number.isFinite(body.expiresAt) && body.expiresAt > 0) {
    expiresAt = body.expiresAt < 1e12 ? body.expiresAt * 1000 : body.expiresAt;
  } else if (typeof body.expiresAt === 'string' && Number.isFinite(Date.parse(body.expiresAt))) {
    expiresAt = Date.parse(body.expiresAt);
  }
  // Never believe more than the documented 24 hours.
  return { uploadUrl: body.uploadUrl, url: body.url, contentType: body.contentType ?? null, expiresAt: Math.min(expiresAt, now + UPLOAD_LIFETIME_MS) };
}
