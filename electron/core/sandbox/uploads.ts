/**
 * The Sandbox's uploads, as Kinovi documents them: `POST /uploads` with a file name hands out
 * a one-use PUT address (no key) and the public URL the bytes will be served from; the URL lives
 * 24 hours on the Sandbox's clock, then answers 404 like an expired Kinovi upload.
 */
import { randomBytes } from 'node:crypto';

/** Kinovi keeps an upload 24 hours. */
export const UPLOAD_LIFETIME_MS = 24 * 60 * 60_000;
/** The largest file a PUT may carry; larger bodies are refused with 413 before they are read. */
export const UPLOAD_MAX_BYTES = 10 * 1024 * 1024;
/** How long an unused PUT address stays open. */
export const UPLOAD_SLOT_MS = 60 * 60_000;

const CONTENT_TYPES: Record<string, string> = { png: 'image/png', jpg: 'image/jpeg', jpeg: 'image/jpeg', webp: 'image/webp' };

export interface SandboxUpload {
  id: string;
  fileName: string;
  contentType: string;
  /** The secret part of the PUT address: whoever holds it may send the bytes once. */
  putToken: string;
  createdAt: number;
  expiresAt: number;
  bytes: Buffer | null;
}

export interface UploadStore {
  /** A new upload for this file name, or the reason it is refused (an unknown image type). */
  create(fileName: unknown): SandboxUpload | { refused: string };
  get(id: string): SandboxUpload | undefined;
  /** Gone once its 24 hours are over. */
  expired(upload: SandboxUpload): boolean;
}

/** Does this body start like the image type it claims to be? */
export function looksLike(contentType: string, bytes: Buffer): boolean {
  if (contentType === 'image/png') return bytes.subarray(0, 8).equals(Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]));
  if (contentType === 'image/jpeg') return bytes[0] === 0xff && bytes[1] === 0xd8 && bytes[2] === 0xff;
  if (contentType === 'image/webp') return bytes.subarray(0, 4).toString('latin1') === 'RIFF' && bytes.subarray(8, 12).toString('latin1') === 'WEBP';
  return false;
}

const hasControlCharacter = (text: string) => [...text].some((char) => char.charCodeAt(0) < 0x20);

/** An empty upload store ageing by `now`; uploads past their lifetime are dropped as new ones come. */
export function createUploadStore(now: () => number): UploadStore {
  const uploads = new Map<string, SandboxUpload>();
  const expired = (upload: SandboxUpload) => now() >= upload.expiresAt;
  return {
    create(fileName) {
      if (typeof fileName !== 'string' || fileName.length === 0 || fileName.length > 200 || /[/\\]/.test(fileName) || hasControlCharacter(fileName)) {
        return { refused: 'fileName must be a file name of 1 to 200 characters' };
      }
      const contentType = CONTENT_TYPES[/\.([a-z]+)$/i.exec(fileName)?.[1]?.toLowerCase() ?? ''];
      if (!contentType) return { refused: 'fileName must end in .png, .jpg, .jpeg or .webp' };
      for (const [id, old] of uploads) if (expired(old)) uploads.delete(id);
      const createdAt = now();
      const upload: SandboxUpload = {
        id: `upl_${randomBytes(10).toString('hex')}`,
        fileName,
        contentType,
        putToken: randomBytes(18).toString('base64url'),
        createdAt,
        expiresAt: createdAt + UPLOAD_LIFETIME_MS,
        bytes: null,
      };
      uploads.set(upload.id, upload);
      return upload;
    },
    get: (id) => uploads.get(id),
    expired,
  };
}
