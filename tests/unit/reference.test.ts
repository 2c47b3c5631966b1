import { describe, expect, it } from 'vitest';
import { decideReference, fetchableBy, referenceAddressProblem } from '../../electron/core/reference/decide.ts';
import { toUploadSlot, UPLOAD_LIFETIME_MS } from '../../electron/core/kinovi/wire.ts';
import { generationParamsSchema } from '../../shared/params.ts';
import { expiryWords, isReferenceAddress, REFERENCE_FILE_MAX_BYTES, referenceExpired, referenceFileProblem } from '../../shared/reference.ts';

const kinoviUrl = 'https://static.kinovi.ai/generated-images/task_1-0.png';
const sandboxUrl = 'http://127.0.0.1:4100/files/task_1-0.png';
const kinoviApi = 'https://kinovi.ai/api/v1';
const sandboxApi = 'http://127.0.0.1:4100/api/v1';
const saved = { remoteUrl: kinoviUrl, file: 'images/2026/a.png', state: 'done' as const };

describe('decideReference: check the Kinovi address first, use it only when alive, else upload the saved file', () => {
  it('asks for a check before using an address, whatever its age', () => {
    expect(decideReference(saved, kinoviApi, undefined)).toEqual({ kind: 'check', url: kinoviUrl });
    expect(decideReference(saved, kinoviApi, 'alive')).toEqual({ kind: 'use', url: kinoviUrl });
  });

  it('uploads the saved file when the address is gone, unsure or refused', () => {
    for (const check of ['gone', 'unsure', 'refused'] as const) expect(decideReference(saved, kinoviApi, check)).toEqual({ kind: 'upload' });
  });

  it('never checks an address the API cannot fetch: a Sandbox address under Kinovi is uploaded at once', () => {
    expect(decideReference({ ...saved, remoteUrl: sandboxUrl }, kinoviApi, undefined)).toEqual({ kind: 'upload' });
    expect(decideReference({ ...saved, remoteUrl: sandboxUrl }, sandboxApi, undefined)).toEqual({ kind: 'check', url: sandboxUrl });
    expect(decideReference({ ...saved, remoteUrl: null }, kinoviApi, undefined)).toEqual({ kind: 'upload' });
  });

  it('refuses in words when there is neither a live address nor a saved file', () => {
    const gone = decideReference({ remoteUrl: kinoviUrl, file: null, state: 'expired' }, kinoviApi, 'gone');
    expect(gone).toEqual({ kind: 'refuse', message: expect.stringContaining('no longer on Kinovi') as string });
    const pending = decideReference({ remoteUrl: null, file: null, state: 'pending' }, kinoviApi, undefined);
    expect(pending).toEqual({ kind: 'refuse', message: expect.stringContaining('still being saved') as string });
  });

  it('fetchableBy: https off this computer always; an address on this computer only while the API is on it too', () => {
    expect(fetchableBy(kinoviApi, kinoviUrl)).toBe(true);
    expect(fetchableBy(kinoviApi, sandboxUrl)).toBe(false);
    expect(fetchableBy(kinoviApi, 'https://localhost/a.png')).toBe(false);
    expect(fetchableBy(sandboxApi, sandboxUrl)).toBe(true);
    expect(fetchableBy(sandboxApi, kinoviUrl)).toBe(true);
    expect(fetchableBy(sandboxApi, 'http://example.com/a.png')).toBe(false);
  });
});

describe('reference rules shared by the form, the contract and the core', () => {
  it('accepts https anywhere, plain http only on this computer', () => {
    expect(isReferenceAddress(kinoviUrl)).toBe(true);
    expect(isReferenceAddress(sandboxUrl)).toBe(true);
    expect(isReferenceAddress('http://[::1]:9/x.png')).toBe(true);
    // "this computer" is the API address's rule: all of 127.0.0.0/8 and *.localhost, nothing that only looks like it
    expect(isReferenceAddress('http://127.0.0.2:9/x.png')).toBe(true);
    expect(isReferenceAddress('http://sandbox.localhost:9/x.png')).toBe(true);
    expect(isReferenceAddress('http://localhost.example.com/x.png')).toBe(false);
    expect(isReferenceAddress('http://example.com/a.png')).toBe(false);
    expect(isReferenceAddress('file:///etc/passwd')).toBe(false);
    expect(generationParamsSchema.safeParse({ model: 'midjourney-v7', prompt: 'p', referenceImageUrl: sandboxUrl }).success).toBe(true);
  });

  it('words an upload’s remaining life and notices it has expired', () => {
    const now = 1_800_000_000_000;
    expect(expiryWords(now + UPLOAD_LIFETIME_MS - 1, now)).toBe('expires in 23 h');
    expect(expiryWords(now + 90 * 60_000, now)).toBe('expires in 1 h');
    expect(expiryWords(now + 12 * 60_000 + 5, now)).toBe('expires in 12 min');
    expect(expiryWords(now + 5_000, now)).toBe('expires in 1 min');
    expect(expiryWords(now, now)).toBe('expired');
    expect(referenceExpired({ expiresAt: now }, now)).toBe(true);
    expect(referenceExpired({ expiresAt: now + 1 }, now)).toBe(false);
    expect(referenceExpired({ expiresAt: null }, now)).toBe(false);
  });

  it('says why a file cannot be a reference', () => {
    expect(referenceFileProblem('fox.PNG', 10)).toBeNull();
    expect(referenceFileProblem('fox.webp', REFERENCE_FILE_MAX_BYTES)).toBeNull();
    expect(referenceFileProblem('fox.gif', 10)).toBe('“fox.gif” is not a PNG, JPEG or WebP image, so it cannot be a reference.');
    expect(referenceFileProblem('fox.jpg', 0)).toBe('“fox.jpg” is empty.');
    expect(referenceFileProblem('fox.jpg', 9 * 1024 * 1024)).toBe('“fox.jpg” is 9 MB; a reference image can be at most 8 MB.');
  });
});

describe('toUploadSlot: the upload answer smoothed', () => {
  const now = 1_800_000_000_000;
  const base = { uploadUrl: 'https://up.kinovi.ai/put/1', url: 'https://static.kinovi.ai/uploads/1.png' };
  it('reads an expiry in milliseconds, seconds or ISO text, defaults to 24 h, and never believes more than 24 h', () => {
    expect(toUploadSlot(base, now).expiresAt).toBe(now + UPLOAD_LIFETIME_MS);
    expect(toUploadSlot({ ...base, expiresAt: now + 1000 }, now).expiresAt).toBe(now + 1000);
    expect(toUploadSlot({ ...base, expiresAt: (now + 60_000) / 1000 }, now).expiresAt).toBe(now + 60_000);
    expect(toUploadSlot({ ...base, expiresAt: new Date(now + 5000).toISOString() }, now).expiresAt).toBe(now + 5000);
    expect(toUploadSlot({ ...base, expiresAt: now + 30 * UPLOAD_LIFETIME_MS }, now).expiresAt).toBe(now + UPLOAD_LIFETIME_MS);
  });
});

describe('a run sent to Kinovi never carries a reference on this computer', () => {
  it('is refused in words under Kinovi and accepted in the Sandbox', () => {
    expect(referenceAddressProblem(kinoviApi, sandboxUrl)).toMatch(/^Kinovi cannot fetch a reference image from this computer/);
    expect(referenceAddressProblem(kinoviApi, kinoviUrl)).toBeNull();
    expect(referenceAddressProblem(kinoviApi, undefined)).toBeNull();
    expect(referenceAddressProblem(sandboxApi, sandboxUrl)).toBeNull();
  });
});
