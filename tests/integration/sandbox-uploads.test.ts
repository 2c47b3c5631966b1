import sharp from 'sharp';
import { afterEach, describe, expect, it } from 'vitest';
import { startSandbox, UPLOAD_LIFETIME_MS, UPLOAD_MAX_BYTES, type Sandbox } from '../../electron/core/sandbox/index.ts';

let sandbox: Sandbox;
afterEach(async () => {
  await sandbox?.close();
});

interface UploadAnswer {
  uploadId: string;
  uploadUrl: string;
  url: string;
  contentType: string;
  expiresAt: number;
}

const png = () => sharp({ create: { width: 8, height: 8, channels: 3, background: '#c06030' } }).png().toBuffer();

function askUpload(body: unknown, key: string | null = sandbox.apiKey) {
  const headers: Record<string, string> = { 'content-type': 'application/json' };
  if (key !== null) headers.authorization = `Bearer ${key}`;
  return fetch(`${sandbox.baseUrl}/uploads`, { method: 'POST', headers, body: JSON.stringify(body) });
}

async function newUpload(fileName = 'ref.png'): Promise<UploadAnswer> {
  const response = await askUpload({ fileName });
  expect(response.status).toBe(200);
  return (await response.json()) as UploadAnswer;
}

const put = (url: string, body: Uint8Array, contentType = 'image/png') =>
  fetch(url, { method: 'PUT', headers: { 'content-type': contentType }, body });

describe('Sandbox: uploads (POST /uploads, PUT the bytes, the URL serves them 24 hours)', () => {
  it('hands out a PUT address and a URL that serves exactly the bytes put, for 24 hours on its clock', async () => {
    let now = 1_800_000_000_000;
    sandbox = await startSandbox({ now: () => now });
    const upload = await newUpload('my ref.png');
    expect(upload.contentType).toBe('image/png');
    expect(upload.expiresAt).toBe(now + UPLOAD_LIFETIME_MS);
    expect(new URL(upload.url).origin).toBe(new URL(sandbox.baseUrl).origin);
    expect((await fetch(upload.url)).status).toBe(404); // nothing put yet

    const bytes = await png();
    expect((await put(upload.uploadUrl, bytes)).status).toBe(200);
    const served = await fetch(upload.url);
    expect(served.status).toBe(200);
    expect(served.headers.get('content-type')).toBe('image/png');
    expect(Buffer.from(await served.arrayBuffer()).equals(bytes)).toBe(true);
    expect((await fetch(upload.url, { method: 'HEAD' })).status).toBe(200);

    now += UPLOAD_LIFETIME_MS - 1;
    expect((await fetch(upload.url, { method: 'HEAD' })).status).toBe(200);
    now += 1;
    expect((await fetch(upload.url)).status).toBe(404);
    expect((await fetch(upload.url, { method: 'HEAD' })).status).toBe(404);
    expect(sandbox.stats).toMatchObject({ uploadCalls: 1, uploadPuts: 1, uploadPutsWithKey: 0 });
  });

  it('asks for the key on POST /uploads and refuses a file name that is not an image', async () => {
    sandbox = await startSandbox();
    expect((await askUpload({ fileName: 'ref.png' }, null)).status).toBe(401);
    expect((await askUpload({ fileName: 'ref.png' }, 'wrong')).status).toBe(401);
    for (const fileName of ['notes.txt', '', 'a/b.png', 42]) {
      const response = await askUpload({ fileName });
      expect(response.status).toBe(400);
      expect(((await response.json()) as { errors: { field: string }[] }).errors[0]?.field).toBe('fileName');
    }
  });

  it('takes the bytes once, only with the token, the announced type and image bytes, and at most the size limit', async () => {
    sandbox = await startSandbox();
    const bytes = await png();
    const upload = await newUpload();
    const withoutToken = upload.uploadUrl.replace(/token=[^&]+/, 'token=nope');
    expect((await put(withoutToken, bytes)).status).toBe(403);
    expect((await put(upload.uploadUrl, bytes, 'image/jpeg')).status).toBe(415);
    expect((await put(upload.uploadUrl, Buffer.from('<html>not an image</html>'))).status).toBe(415);
    expect((await put(upload.uploadUrl, Buffer.alloc(UPLOAD_MAX_BYTES + 1, 1))).status).toBe(413);
    expect((await put(upload.uploadUrl, bytes)).status).toBe(200);
    expect((await put(upload.uploadUrl, bytes)).status).toBe(409);
  });

  it('counts a PUT that carries the API key (the client must never send it there)', async () => {
    sandbox = await startSandbox();
    const upload = await newUpload();
    const response = await fetch(upload.uploadUrl, {
      method: 'PUT',
      headers: { 'content-type': 'image/png', authorization: `Bearer ${sandbox.apiKey}` },
      body: await png(),
    });
    expect(response.status).toBe(200);
    expect(sandbox.stats.uploadPutsWithKey).toBe(1);
  });

  it('acts out faults on each upload endpoint, matched by file name', async () => {
    sandbox = await startSandbox();
    sandbox.faults.add({ endpoint: 'upload', kind: 'status', status: 503, promptContains: 'flaky', times: 1 });
    expect((await askUpload({ fileName: 'flaky.png' })).status).toBe(503);
    expect((await askUpload({ fileName: 'flaky.png' })).status).toBe(200);

    const upload = await newUpload('gone.png');
    sandbox.faults.add({ endpoint: 'uploadPut', kind: 'status', status: 500, times: 1 });
    expect((await put(upload.uploadUrl, await png())).status).toBe(500);
    expect((await put(upload.uploadUrl, await png())).status).toBe(200);
    sandbox.faults.add({ endpoint: 'uploadFile', kind: 'expired', promptContains: 'gone' });
    expect((await fetch(upload.url, { method: 'HEAD' })).status).toBe(404);
  });
});
