/**
 * The reference channels: a library image (`reference:fromImage`) or a file the artist dropped
 * (`reference:fromFile`) becomes a URL Kinovi can fetch, with its expiry; upload progress is pushed
 * as `reference:progress`.
 */
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import type { ParsedInput } from '../../../shared/contract.ts';
import { referenceFileProblem, referenceFileTypes, type ReferenceChoice } from '../../../shared/reference.ts';
import { savedImageFile } from '../desktop/desktop.ts';
import type { EventHub } from '../events.ts';
import { Failure } from '../failure.ts';
import type { Library } from '../library/database.ts';
import { getGeneration } from '../library/generations.ts';
import { DownloadFailureError } from '../media/download-failure.ts';
import { checkImage } from '../media/image-check.ts';
import { createUrlRule, type UrlRule } from '../net/url-rule.ts';
import type { Provider } from '../provider.ts';
import { checkReferenceUrl, REFERENCE_CHECK_MS } from './check-url.ts';
import { decideReference } from './decide.ts';
import type { KeptUploads } from './kept-uploads.ts';
import { createStagedFiles } from './staged-files.ts';
import { uploadReference } from './upload.ts';

/** A reference larger than this many pixels is refused before it is decoded (Midjourney's largest outputs are ~1.5 MP). */
const REFERENCE_MAX_PIXELS = 40_000_000;

export interface ReferenceDeps {
  db: Library;
  dataDir: string;
  hub: EventHub;
  /** The API in use now (Kinovi, or the Sandbox in Sandbox mode). */
  provider: () => Provider;
  /** How long the liveness check of an image's Kinovi address may take. */
  checkTimeoutMs?: number;
  /** Every upload made is kept with where its picture comes from, so a run sent after it expires can upload it again (renew.ts). */
  kept: KeptUploads;
}

/** The handlers of `reference:fromImage`, `reference:filePart` and `reference:fromFile`. */
export function createReferenceHandlers(deps: ReferenceDeps) {
  const staged = createStagedFiles();

  async function ruleFor(provider: Provider): Promise<UrlRule> {
    try {
      return await createUrlRule(provider.info.baseUrl);
    } catch {
      throw new Failure('api_unreachable', 'Kinovi cannot be reached. Check the internet connection and the API address.');
    }
  }

  function upload(provider: Provider, rule: UrlRule, requestId: string, fileName: string, contentType: string, bytes: Buffer) {
    return uploadReference({
      api: provider.api,
      rule,
      fileName,
      contentType,
      bytes,
      onProgress: (sentBytes, totalBytes) => deps.hub.emit('reference:progress', { requestId, sentBytes, totalBytes }),
    });
  }

  return {
    async 'reference:fromImage'({ generationId, index, requestId }: ParsedInput<'reference:fromImage'>): Promise<ReferenceChoice> {
      const image = getGeneration(deps.db, generationId).images.find((candidate) => candidate.index === index);
      if (!image) throw new Failure('not_found', 'This image is not in the library.', { generationId, index });
      const provider = deps.provider();
      const rule = await ruleFor(provider);
      let step = decideReference(image, provider.info.baseUrl, undefined);
      if (step.kind === 'check') step = decideReference(image, provider.info.baseUrl, await checkReferenceUrl(rule, step.url, deps.checkTimeoutMs ?? REFERENCE_CHECK_MS));
      if (step.kind === 'use') return { url: step.url, source: 'kinovi', expiresAt: null };
      if (step.kind === 'refuse') throw new Failure('conflict', step.message, { generationId, index });
      const file = savedImageFile(deps.db, deps.dataDir, generationId, index);
      const extension = path.extname(file).slice(1).toLowerCase() as keyof typeof referenceFileTypes;
      const contentType = referenceFileTypes[extension] ?? 'image/png';
      const choice = await upload(provider, rule, requestId, `reference-${generationId}-${index}.${extension}`, contentType, await readFile(file));
      deps.kept.remember(choice, { kind: 'image', generationId, index });
      return choice;
    },

    'reference:filePart'({ requestId, offset, data }: ParsedInput<'reference:filePart'>): { receivedBytes: number } {
      return { receivedBytes: staged.append(requestId, offset, Buffer.from(data, 'base64')) };
    },

    async 'reference:fromFile'({ fileName, requestId }: ParsedInput<'reference:fromFile'>): Promise<ReferenceChoice> {
      const bytes = staged.take(requestId);
      const problem = referenceFileProblem(fileName, bytes.length);
      if (problem !== null) throw new Failure('invalid_input', problem);
      let format;
      try {
        // The bytes decide what the file is, not its name: a renamed text file is refused here.
        format = (await checkImage(bytes, REFERENCE_MAX_PIXELS)).format;
      } catch (error) {
        const why = error instanceof DownloadFailureError && /larger than expected/.test(error.message) ? ' It has far too many pixels.' : '';
        throw new Failure('invalid_input', `“${fileName.slice(0, 60)}” could not be read as an image.${why}`);
      }
      const provider = deps.provider();
      const choice = await upload(provider, await ruleFor(provider), requestId, `reference.${format.extension}`, format.contentType, bytes);
      deps.kept.remember(choice, deps.kept.keepFile(bytes, format.extension, format.contentType));
      return choice;
    },
  };
}
