import { aspectRatios, UNKNOWN_SEED, type GenerationSource, type Rating } from '../../../shared/generation.ts';
import { parsePromptFlags } from '../../../shared/prompt-flags.ts';

/**
 * What an imported image says about the generation it belongs to, from whatever it carries: a row
 * of an Atelier export's manifest, Atelier's own PNG text chunks, a Midjourney download's
 * Description (prompt, flags, Job ID), or nothing at all. Pure: no file or database is touched.
 */
export interface ImportedGeneration {
  /** Images with the same key in one import belong to one generation. */
  groupKey: string;
  /** The key of the generation this one reran, when the export says (lineage). */
  parentKey: string | null;
  /** Where in its run the image was (0–3), when known. */
  index: number | null;
  source: GenerationSource;
  midjourneyJobId: string | null;
  /** Kept as text: models and aspect ratios Atelier cannot run (v6.1, 7:4) stay as they were. */
  params: Record<string, unknown> & { model: string; prompt: string };
  effective: {
    model: string; prompt: string; aspectRatio: string; stylize: number | null; chaos: number | null; weird: number | null;
    quality: number | null; raw: boolean; negativePrompt: string | null; seed: number; referenceImageUrl: string | null;
  };
  taskId: string | null;
  createdAt: number;
  submittedAt: number | null;
  completedAt: number | null;
  credits: number;
  /** The artist's curation of this one image, as the export wrote it. */
  curation: { favorite: boolean; rating: Rating | null; rejected: boolean };
  /** The generation's tags and the collections holding this image, by name. */
  tags: readonly string[];
  collections: readonly string[];
  /** SHA-256 of the bytes Kinovi served, when the export knew it. */
  sha256: string | null;
}

/** A Midjourney Job ID: a UUID. */
const JOB_ID = /Job ID:\s*([0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12})/i;

/** The aspect ratio of a picture: one Atelier knows when it is that shape, else the nearest whole ratio. */
export function aspectRatioOf(width: number, height: number): string {
  const known = aspectRatios.find((r) => {
    const [w, h] = r.split(':').map(Number) as [number, number];
    return Math.abs(w / h - width / height) < 0.01;
  });
  if (known) return known;
  const gcd = (a: number, b: number): number => (b === 0 ? a : gcd(b, a % b));
  const d = gcd(width, height) || 1;
  return `${width / d}:${height / d}`;
}

/** The image's number in its run from a download's name (`…_2.png`, `…-3.png`); null when the name says none. */
export function indexFromName(name: string): number | null {
  const match = /[_-]([0-3])\.(?:png|jpe?g|webp)$/i.exec(name);
  return match ? Number(match[1]) : null;
}

function modelFromFlags(text: string, known: string | undefined): string {
  if (known) return known;
  const niji = /--niji\s+(\d+(?:\.\d+)?)/.exec(text);
  if (niji) return `midjourney-niji-${niji[1]}`;
  const version = /--(?:v|version)\s+(\d+(?:\.\d+)?)/.exec(text);
  return version ? `midjourney-v${version[1]}` : 'midjourney';
}

interface Picture {
  name: string;
  width: number;
  height: number;
  /** When the file was last changed: the best date a file with no metadata has. */
  modifiedAt: number;
}

/** A prompt with Midjourney flags, parsed into the generation's parameters as Midjourney would read them. */
function fromPromptText(text: string, picture: Picture, seed: number | undefined): Pick<ImportedGeneration, 'params' | 'effective'> {
  const parsed = parsePromptFlags(text);
  const f = parsed.flags;
  const model = modelFromFlags(text, f.model);
  const ar = f.aspectRatio ?? /--(?:ar|aspect)\s+(\d+:\d+)/.exec(text)?.[1] ?? aspectRatioOf(picture.width, picture.height);
  const usedSeed = f.seed ?? seed;
  const params: ImportedGeneration['params'] = { model, prompt: text };
  if (usedSeed !== undefined) params.seed = usedSeed;
  return {
    params,
    effective: {
      model, prompt: parsed.prompt, aspectRatio: ar, stylize: f.stylize ?? null, chaos: f.chaos ?? null, weird: f.weird ?? null,
      quality: f.quality ?? null, raw: f.raw ?? false, negativePrompt: f.negativePrompt ?? null, seed: usedSeed ?? UNKNOWN_SEED,
      referenceImageUrl: null,
    },
  };
}

const base = (picture: Picture) => ({
  parentKey: null, taskId: null, createdAt: picture.modifiedAt, submittedAt: null, completedAt: picture.modifiedAt,
  credits: 0, curation: { favorite: false, rating: null, rejected: false }, tags: [], collections: [], sha256: null,
});

/** A Midjourney download: the Description (or Comment) holds the prompt with its flags and the Job ID. */
export function fromMidjourney(text: string, picture: Picture): ImportedGeneration | null {
  const job = JOB_ID.exec(text);
  if (!job) return null;
  const prompt = text.slice(0, job.index).trim();
  const jobId = job[1]!.toLowerCase();
  return {
    ...base(picture),
    groupKey: `mj:${jobId}`,
    index: indexFromName(picture.name),
    source: 'midjourney',
    midjourneyJobId: jobId,
    ...fromPromptText(prompt, picture, undefined),
  };
}

/** An image Atelier saved (its `atelier` text chunk), outside an export: grouped by its Kinovi task. */
export function fromAtelierChunk(json: string, picture: Picture): ImportedGeneration | null {
  let record: { prompt?: unknown; seed?: unknown; taskId?: unknown; negativePrompt?: unknown };
  try {
    record = JSON.parse(json) as typeof record;
  } catch {
    return null;
  }
  if (typeof record.prompt !== 'string') return null;
  const seed = typeof record.seed === 'number' && Number.isSafeInteger(record.seed) ? record.seed : undefined;
  const taskId = typeof record.taskId === 'string' ? record.taskId : null;
  const described = fromPromptText(record.prompt, picture, seed);
  if (typeof record.negativePrompt === 'string') described.effective.negativePrompt = record.negativePrompt;
  return {
    ...base(picture),
    groupKey: taskId ? `task:${taskId}` : `file:${picture.name}`,
    index: indexFromName(picture.name),
    source: 'imported',
    midjourneyJobId: null,
    taskId,
    ...described,
  };
}

/** Any other picture: its own generation, kept with nothing but its size and date. */
export function fromPlainPicture(picture: Picture): ImportedGeneration {
  return {
    ...base(picture),
    groupKey: `file:${picture.name}`,
    index: 0,
    source: 'imported',
    midjourneyJobId: null,
    params: { model: 'unknown', prompt: '' },
    effective: { ...fromPromptText('', picture, undefined).effective, model: 'unknown' },
  };
}
