/**
 * Uploading a reference file the way Kinovi documents it: ask the API for an upload address (the
 * key goes only in that request), PUT the bytes there with no key, send the returned URL.
 */
import { Readable } from 'node:stream';
import { request } from 'undici';
import type { ReferenceChoice } from '../../../shared/reference.ts';
import { isReferenceAddress } from '../../../shared/reference.ts';
import { Failure } from '../failure.ts';
import type { KinoviClient } from '../kinovi/index.ts';
import { agentFor } from '../net/http-agent.ts';
import { RefusedUrlError, type UrlRule } from '../net/url-rule.ts';

/** Bytes handed to the connection between two progress reports. */
const CHUNK_BYTES = 64 * 1024;
/** The whole PUT, 8 MB on a slow line included. */
const PUT_TIMEOUT_MS = 120_000;

export interface ReferenceUpload {
  api: KinoviClient;
  /** The URL rule of the API in use: the upload address is an answer from it, so it is untrusted. */
  rule: UrlRule;
  fileName: string;
  contentType: string;
  bytes: Buffer;
  /** Called as the bytes go out (and once at 0). */
  onProgress(sentBytes: number, totalBytes: number): void;
}

/** Uploads one reference file; answers the URL to send and its expiry, or throws a Failure in words. */
export async function uploadReference(upload: ReferenceUpload): Promise<ReferenceChoice> {
  const slot = await upload.api.createUpload(upload.fileName);
  if (!isReferenceAddress(slot.url)) {
    throw new Failure('api_unexpected_response', 'Kinovi answered the upload with an address Atelier cannot send as a reference.');
  }
  let target: URL;
  try {
    target = await upload.rule.check(slot.uploadUrl);
  } catch (error) {
    if (error instanceof RefusedUrlError) throw new Failure('api_unexpected_response', `Kinovi's upload address cannot be used: ${error.message}`, { detail: error.detail });
    throw new Failure('api_unreachable', 'The upload address could not be reached. Check the internet connection.');
  }
  const total = upload.bytes.length;
  const body = async function* () {
    for (let sent = 0; sent < total; sent += CHUNK_BYTES) {
      upload.onProgress(sent, total);
      yield upload.bytes.subarray(sent, sent + CHUNK_BYTES);
    }
  };
  let status: number;
  try {
    // No authorization header, no cookies: the upload address carries its own permission.
    const response = await request(target, {
      method: 'PUT',
      dispatcher: agentFor(upload.rule),
      signal: AbortSignal.timeout(PUT_TIMEOUT_MS),
      headers: { 'content-type': slot.contentType ?? upload.contentType, 'content-length': String(total) },
      body: Readable.from(body(), { objectMode: false }),
    });
    status = response.statusCode;
    await response.body.dump().catch(() => undefined);
  } catch {
    throw new Failure('api_unreachable', 'The reference image could not be uploaded: the connection broke. Try again.');
  }
  if (status < 200 || status > 299) {
    const why = status === 413 ? ' It is too large.' : status === 415 ? ' Kinovi does not take this kind of file.' : '';
    throw new Failure('api_unexpected_response', `Kinovi did not take the reference image (HTTP ${status}).${why}`, { status });
  }
  upload.onProgress(total, total);
  return { url: slot.url, source: 'upload', expiresAt: slot.expiresAt };
}
