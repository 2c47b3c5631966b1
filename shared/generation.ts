/**
 * The domain in the artist's words: a generation is one run of a prompt with its
 * parameters, producing four images. Both sides and the library use these shapes.
 */

export const models = ['midjourney-v7', 'midjourney-v8', 'midjourney-v7-niji'] as const;
export type Model = (typeof models)[number];
/** How the artist names each model (the form's picker, the parameter list, compare). */
export const modelNames: Record<Model, string> = {
  'midjourney-v7': 'v7',
  'midjourney-v8': 'v8',
  'midjourney-v7-niji': 'Niji',
};

export const aspectRatios = ['1:1', '16:9', '9:16', '3:4', '4:3', '21:9', '3:2', '2:3', '4:5', '5:4'] as const;
export type AspectRatio = (typeof aspectRatios)[number];

export const qualities = [0.25, 0.5, 1] as const;
export type Quality = (typeof qualities)[number];

export const SEED_MAX = 4_294_967_295;
/**
 * What Midjourney uses for a setting left unset (stored as null, shown as "default"): the generate
 * panel's sliders rest there, and a search compares an unset setting as this value, so `chaos:..50`
 * finds the runs left at the default chaos.
 */
export const MIDJOURNEY_DEFAULTS = { stylize: 100, chaos: 0, weird: 0, quality: 1 } as const;
/** A Midjourney run makes four images; the library keeps at most this many per generation. */
export const IMAGES_PER_GENERATION = 4;
export const CREDITS_PER_RUN = 12;
export const DOLLARS_PER_CREDIT = 0.005;

/** What the artist asks for. Unset optional fields are absent (never null). */
export interface GenerationParams {
  model: Model;
  prompt: string;
  aspectRatio?: AspectRatio;
  stylize?: number; // 0–1000
  chaos?: number; // 0–100
  weird?: number; // 0–3000
  quality?: Quality;
  raw?: boolean; // sends style: "raw"
  negativePrompt?: string; // sent as `no`
  seed?: number; // 0–4294967295; absent = Atelier picks one so a rerun can repeat it
  referenceImageUrl?: string; // https only; sent as sourceImageUrl
}

/**
 * What the server will actually use once `--flags` typed in the prompt override fields:
 * every field resolved (defaults filled in), the prompt without its flags.
 */
export interface EffectiveParams {
  model: Model;
  prompt: string;
  aspectRatio: AspectRatio;
  stylize: number | null;
  chaos: number | null;
  weird: number | null;
  quality: Quality | null;
  raw: boolean;
  negativePrompt: string | null;
  seed: number;
  referenceImageUrl: string | null;
}

export const generationStatuses = [
  'queued', // saved locally, not yet sent
  'submitting', // createTask request in flight
  'waiting', // accepted by the API, not started
  'generating',
  'downloading', // the API finished; images are being saved into the library
  'done',
  'failed',
  'unknown', // createTask went out but no answer came back: it may have been charged
  'cancelled', // cancelled while still queued (never sent)
] as const;
export type GenerationStatus = (typeof generationStatuses)[number];

/** A run still waiting or generating after this long is "stalled": kept, checked slowly, and said so. */
export const STALLED_AFTER_MS = 15 * 60_000;

export const unfinishedStatuses: readonly GenerationStatus[] = ['queued', 'submitting', 'waiting', 'generating', 'downloading'];

/**
 * Why a generation is waiting to try a step again, in the artist's terms (the closed set the UI
 * words: "server error, trying again in 12 s — attempt 3").
 */
export const retryReasons = [
  'account_busy', // Kinovi runs as many generations as the account allows (429): waits for one to end
  'server_error', // Kinovi had a problem on its side (5xx)
  'offline', // Kinovi could not be reached
  'no_answer', // Kinovi did not answer in time
  'unexpected_answer', // Kinovi answered in a way Atelier cannot use (an unreadable body, an odd status)
  'key_refused', // Kinovi refused the key while a sent generation was being followed
  'download_failed', // the images could not be saved yet
] as const;
export type RetryReason = (typeof retryReasons)[number];

export interface GenerationRetry {
  reason: RetryReason;
  /** How many attempts in a row met a problem: 1 after the first. */
  attempt: number;
  /** Unix milliseconds: when the next attempt is due (a 429-refused run may go sooner, when a slot frees). */
  nextAttemptAt: number;
}

export type ImageDownloadState = 'pending' | 'done' | 'expired' | 'failed';

export interface ImageInfo {
  index: number; // 0–3
  /** Paths relative to the library folder; null until downloaded. */
  file: string | null;
  thumbnail: string | null;
  width: number | null;
  height: number | null;
  /** Size of the stored file. */
  bytes: number | null;
  /** SHA-256 of the image exactly as the API served it: the same picture has the same hash on every rerun. */
  sha256: string | null;
  /** SHA-256 of the stored file, Atelier's metadata included (what `sha256sum` says); null when unknown. */
  fileSha256: string | null;
  remoteUrl: string | null;
  /** `failed` and `expired` are final; `pending` is fetched (again) when it can be. */
  state: ImageDownloadState;
  /** Why the image is not saved (or why it is still waiting), in the artist's words. */
  errorMessage: string | null;
  /** The artist's curation of this one image (a deleted image is not listed: it waits in the trash). */
  favorite: boolean;
  rating: Rating | null;
  rejected: boolean;
}

/**
 * A generation's four thumbnails side by side in one 2×2 JPEG, image `index` in cell (index % 2,
 * index >> 1), each cell at the images' proportions: a four-up tile draws its cells from it, so a
 * page of the gallery asks for and decodes one picture per tile instead of four.
 */
export interface GridThumbnail {
  /** Relative to the library folder, as ImageInfo.thumbnail. */
  path: string;
  /** The whole picture's pixels: two cells wide, two high. */
  width: number;
  height: number;
}

export const RATING_MAX = 5;
/** Stars, 1 to 5; no rating is null. */
export type Rating = 1 | 2 | 3 | 4 | 5;
/**
 * Where a generation comes from: run on Kinovi, simulated by the built-in Sandbox (no credits, not
 * real Midjourney work), a Midjourney download brought in with its Job ID, or any other imported image.
 */
export const generationSources = ['kinovi', 'sandbox', 'midjourney', 'imported'] as const;
export type GenerationSource = (typeof generationSources)[number];

/** The seed of an imported picture whose metadata names none: shown as unknown, never sent. */
export const UNKNOWN_SEED = -1;

export interface Generation {
  id: number;
  params: GenerationParams;
  effective: EffectiveParams;
  status: GenerationStatus;
  errorCode: string | null;
  errorMessage: string | null;
  taskId: string | null;
  /** Credits charged: 0 until the API charges, 0 again when a failed run is refunded. */
  credits: number;
  /** Derived: one of its images is a favourite. */
  favorite: boolean;
  /** Derived: the best rating among its images. */
  bestRating: Rating | null;
  /** Derived: how many of its images are rejected or deleted ("2 of 4 kept"). */
  culledImages: number;
  parentId: number | null;
  /** Unix milliseconds. */
  createdAt: number;
  updatedAt: number;
  submittedAt: number | null;
  completedAt: number | null;
  /**
   * Set while the generation waits to try a step again after a problem; kept while that attempt
   * is in flight, null once a step succeeds or the generation ends.
   */
  retry: GenerationRetry | null;
  source: GenerationSource;
  /** The Job ID a Midjourney download carried; null for everything else. */
  midjourneyJobId: string | null;
  images: ImageInfo[];
  /** The four images' thumbnails in one picture, once made; null before, or when it cannot be (fewer than four images). */
  grid: GridThumbnail | null;
  /** On a stacked search page only: how many reruns this tile (the stack's newest) stands for, 2 or more. */
  stackSize?: number;
}
