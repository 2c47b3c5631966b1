/**
 * At send time, a run's reference must still be fetchable: an upload Atelier made (kept-uploads.ts)
 * that has run out, or will before Kinovi is likely to fetch it, is uploaded again from the same
 * picture, and the run's stored createTask body takes the new address before it is sent. When the
 * picture is gone, the run is refused in words instead of being sent with a dead reference (which
 * Kinovi would silently drop, running it as text only).
 */
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import type { Generation } from '../../../shared/generation.ts';
import { referenceFileTypes } from '../../../shared/reference.ts';
import { savedImageFile } from '../desktop/desktop.ts';
import { Failure } from '../failure.ts';
import type { Library } from '../library/database.ts';
import { createUrlRule } from '../net/url-rule.ts';
import type { Provider } from '../provider.ts';
import type { KeptUpload, KeptUploads } from './kept-uploads.ts';
import { uploadReference } from './upload.ts';

/**
 * An upload with less than this left is made again before its run goes: Kinovi fetches the
 * reference when the task starts, which can be many minutes after createTask on a busy account.
 */
export const RENEW_WITHIN_MS = 60 * 60_000;

export type ReadyToSend = { kind: 'send'; body: string } | { kind: 'refuse'; message: string };

export interface RenewDeps {
  db: Library;
  dataDir: string;
  kept: KeptUploads;
  provider: () => Provider;
  now: () => number;
}

const GONE = 'Its reference image was uploaded to Kinovi more than a day ago and that upload has expired';

/**
 * The body to send for `generation`: the stored one, or the same with a fresh upload of its
 * reference; or why it cannot go. Throws a Failure when the new upload fails (the queue retries
 * one the network or server let down).
 */
export async function readyToSend(deps: RenewDeps, generation: Generation, body: string): Promise<ReadyToSend> {
  const chosen = generation.effective.referenceImageUrl;
  const kept = chosen === null ? undefined : deps.kept.find(chosen);
  if (chosen === null || kept === undefined) return { kind: 'send', body };
  if (kept.expiresAt - deps.now() > RENEW_WITHIN_MS) return { kind: 'send', body: withReference(body, kept.url) };
  const picture = await readSource(deps, kept);
  if (typeof picture === 'string') return { kind: 'refuse', message: `${GONE}, and ${picture}, so Atelier cannot upload it again. Choose the reference again and rerun.` };
  const provider = deps.provider();
  let rule;
  try {
    rule = await createUrlRule(provider.info.baseUrl);
  } catch {
    throw new Failure('api_unreachable', 'Kinovi cannot be reached to upload the reference image again. Check the internet connection.');
  }
  const choice = await uploadReference({ api: provider.api, rule, ...picture, onProgress: () => undefined });
  deps.kept.renewed(chosen, choice);
  return { kind: 'send', body: withReference(body, choice.url) };
}

/** The stored body with `url` as its reference; the rest stays byte for byte what was built. */
function withReference(body: string, url: string): string {
  const parsed = JSON.parse(body) as { inputs?: { sourceImageUrl?: unknown } };
  if (!parsed.inputs || parsed.inputs.sourceImageUrl === url) return body;
  parsed.inputs.sourceImageUrl = url;
  return JSON.stringify(parsed);
}

/** The picture's bytes and how to name them, or (in words) why they are gone. */
async function readSource(deps: RenewDeps, kept: KeptUpload): Promise<{ fileName: string; contentType: string; bytes: Buffer } | string> {
  const source = kept.source;
  if (source.kind === 'file') {
    try {
      const bytes = await readFile(deps.kept.filePath(source));
      return { fileName: `reference${path.extname(source.file)}`, contentType: source.contentType, bytes };
    } catch {
      return 'the dropped file Atelier kept for it is no longer in the library folder';
    }
  }
  let file: string;
  try {
    file = savedImageFile(deps.db, deps.dataDir, source.generationId, source.index);
  } catch {
    return `image ${source.index + 1} of generation #${source.generationId} is no longer in the library`;
  }
  const extension = path.extname(file).slice(1).toLowerCase() as keyof typeof referenceFileTypes;
  try {
    return { fileName: `reference-${source.generationId}-${source.index}.${extension}`, contentType: referenceFileTypes[extension] ?? 'image/png', bytes: await readFile(file) };
  } catch {
    return `image ${source.index + 1} of generation #${source.generationId} could not be read from the library folder`;
  }
}
