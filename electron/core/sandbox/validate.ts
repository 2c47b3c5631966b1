/**
 * The Sandbox checks a createTask body as strictly as the documented API does (nulls,
 * unknown inputs and out-of-range numbers are refused), so a client bug shows up in
 * tests instead of against the paid service.
 */
import { aspectRatios, models, qualities, SEED_MAX, type GenerationParams } from '../../../shared/generation.ts';
import { PROMPT_MAX_LENGTH } from '../../../shared/input-limits.ts';
import { isReferenceAddress } from '../../../shared/reference.ts';

export interface FieldError {
  field: string;
  message: string;
}

export type CreateTaskCheck = { ok: true; params: GenerationParams; seed: number | undefined } | { ok: false; errors: FieldError[] };

const ranges = { stylize: 1000, chaos: 100, weird: 3000, seed: SEED_MAX } as const;
// Documented inputs plus the extras Kinovi's examples repository accepts.
const knownInputs = new Set(['prompt', 'aspectRatio', 'sourceImageUrl', 'stylize', 'chaos', 'weird', 'quality', 'style', 'no', 'seed', 'uploadedUrls', 'autoFix']);

const isRecord = (value: unknown): value is Record<string, unknown> => value !== null && typeof value === 'object' && !Array.isArray(value);

/** Validates a parsed createTask body; on success gives the settings it asks for. */
export function checkCreateTask(body: unknown): CreateTaskCheck {
  const errors: FieldError[] = [];
  const wrong = (field: string, message: string) => errors.push({ field, message });
  if (!isRecord(body)) return { ok: false, errors: [{ field: 'body', message: 'must be a JSON object' }] };

  const model = models.find((m) => m === body.model);
  if (!model) wrong('model', `must be one of ${models.join(', ')}`);
  if (body.callBackUrl !== undefined && typeof body.callBackUrl !== 'string') wrong('callBackUrl', 'must be a URL');
  const inputs = body.inputs;
  if (!isRecord(inputs)) {
    wrong('inputs', 'must be an object');
    return { ok: false, errors };
  }
  for (const key of Object.keys(inputs)) if (!knownInputs.has(key)) wrong(`inputs.${key}`, 'is not a known input');

  const prompt = inputs.prompt;
  if (typeof prompt !== 'string' || prompt.trim() === '') wrong('inputs.prompt', 'is required');
  const params: GenerationParams = { model: model ?? 'midjourney-v7', prompt: typeof prompt === 'string' ? prompt.slice(0, PROMPT_MAX_LENGTH) : '' };

  const present = (key: string) => Object.hasOwn(inputs, key);
  if (present('aspectRatio')) {
    const ratio = aspectRatios.find((r) => r === inputs.aspectRatio);
    if (ratio) params.aspectRatio = ratio;
    else wrong('inputs.aspectRatio', `must be one of ${aspectRatios.join(', ')}`);
  }
  for (const key of ['stylize', 'chaos', 'weird', 'seed'] as const) {
    if (!present(key)) continue;
    const value = inputs[key];
    if (typeof value === 'number' && Number.isInteger(value) && value >= 0 && value <= ranges[key]) params[key] = value;
    else wrong(`inputs.${key}`, `must be an integer from 0 to ${ranges[key]}`);
  }
  if (present('quality')) {
    const quality = qualities.find((q) => q === inputs.quality);
    if (quality !== undefined) params.quality = quality;
    else wrong('inputs.quality', 'must be 0.25, 0.5 or 1');
  }
  if (present('style')) {
    if (inputs.style === 'raw') params.raw = true;
    else wrong('inputs.style', 'must be "raw"');
  }
  if (present('no')) {
    if (typeof inputs.no === 'string') params.negativePrompt = inputs.no;
    else wrong('inputs.no', 'must be text');
  }
  if (present('sourceImageUrl')) {
    const url = inputs.sourceImageUrl;
    // http only on this computer: the Sandbox's own images and uploads
    if (typeof url === 'string' && !/\s/.test(url) && isReferenceAddress(url)) params.referenceImageUrl = url;
    else wrong('inputs.sourceImageUrl', 'must be an https URL');
  }
  if (present('autoFix') && typeof inputs.autoFix !== 'boolean') wrong('inputs.autoFix', 'must be true or false');
  if (present('uploadedUrls') && !(Array.isArray(inputs.uploadedUrls) && inputs.uploadedUrls.length <= 1)) {
    wrong('inputs.uploadedUrls', 'must be a list of at most one URL');
  }
  return errors.length > 0 ? { ok: false, errors } : { ok: true, params, seed: params.seed };
}
