/**
 * The rules for a reference image, shared by the form, the contract and the core: which addresses
 * may be sent as one, which files may be uploaded, and how an upload's remaining life is worded.
 */
import { isLoopbackHost } from './api-address.ts';

/** A reference file may be at most this large (Kinovi's generation backend fetches it whole). */
export const REFERENCE_FILE_MAX_BYTES = 8 * 1024 * 1024;

/** The image types a reference file may be, by the name's extension. */
export const referenceFileTypes = { png: 'image/png', jpg: 'image/jpeg', jpeg: 'image/jpeg', webp: 'image/webp' } as const;

/** Where a reference URL came from: the image's own Kinovi address (checked), or an upload of the file. */
export type ReferenceSource = 'kinovi' | 'upload';

/** The URL to send as the reference, and until when it can be fetched (null: not known, it was checked just now). */
export interface ReferenceChoice {
  url: string;
  source: ReferenceSource;
  /** Unix milliseconds; an upload lives 24 hours. */
  expiresAt: number | null;
}

/** Upload progress pushed while a reference file is sent. */
export interface ReferenceProgress {
  /** The request this belongs to (the caller's own number). */
  requestId: string;
  sentBytes: number;
  totalBytes: number;
}

/**
 * Kinovi fetches references over https; plain http is accepted only on this computer, where the
 * Sandbox serves its images and uploads (the core refuses such an address when Kinovi is the API).
 */
export function isReferenceAddress(text: string): boolean {
  let url: URL;
  try {
    url = new URL(text);
  } catch {
    return false;
  }
  return url.protocol === 'https:' || (url.protocol === 'http:' && isLoopbackHost(url.hostname));
}

// "This computer" has one rule, the API address's; passed on for the core's reference decision.
export { isLoopbackHost };

/** Why a file cannot be a reference, in the artist's words; null when it can. */
export function referenceFileProblem(fileName: string, bytes: number): string | null {
  const extension = /\.([a-z0-9]+)$/i.exec(fileName)?.[1]?.toLowerCase() ?? '';
  if (!Object.hasOwn(referenceFileTypes, extension)) return `“${shortName(fileName)}” is not a PNG, JPEG or WebP image, so it cannot be a reference.`;
  if (bytes === 0) return `“${shortName(fileName)}” is empty.`;
  if (bytes > REFERENCE_FILE_MAX_BYTES) {
    return `“${shortName(fileName)}” is ${megabytes(bytes)}; a reference image can be at most ${megabytes(REFERENCE_FILE_MAX_BYTES)}.`;
  }
  return null;
}

/** "expires in 23 h", "expires in 12 min", "expired" — how long an upload can still be fetched. */
export function expiryWords(expiresAt: number, now: number): string {
  const left = expiresAt - now;
  if (left <= 0) return 'expired';
  if (left < 60 * 60_000) return `expires in ${Math.max(1, Math.floor(left / 60_000))} min`;
  return `expires in ${Math.floor(left / (60 * 60_000))} h`;
}

/** Has this reference stopped being fetchable (an upload past its 24 hours)? */
export function referenceExpired(choice: Pick<ReferenceChoice, 'expiresAt'>, now: number): boolean {
  return choice.expiresAt !== null && choice.expiresAt <= now;
}

const shortName = (name: string) => (name.length > 60 ? `${name.slice(0, 57)}…` : name);
const megabytes = (bytes: number) => `${(bytes / (1024 * 1024)).toFixed(1).replace(/\.0$/, '')} MB`;

/** A dropped file travels to the core in parts of this many bytes: one part fits any transport's message (the preview's WebSocket frame included). */
export const REFERENCE_PART_BYTES = 96 * 1024;
/** The base64 text of one part. */
export const REFERENCE_PART_MAX_CHARS = Math.ceil(REFERENCE_PART_BYTES / 3) * 4;
