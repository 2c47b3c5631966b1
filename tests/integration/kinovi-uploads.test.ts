import { createServer, type Server } from 'node:http';
import { afterEach, describe, expect, it } from 'vitest';
import { createKinoviClient, KinoviError } from '../../electron/core/kinovi/index.ts';

const KEY = 'sk_test_0123456789abcdef';
let server: Server | undefined;
afterEach(async () => {
  await new Promise<void>((resolve) => (server ? server.close(() => resolve()) : resolve()));
  server = undefined;
});

/** A stand-in API whose POST /uploads answers `status` with `body`, recording what it was sent. */
async function uploadsAnswering(status: number, body: unknown) {
  const seen: Array<{ authorization: string | undefined; body: string }> = [];
  server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (chunk: Buffer) => chunks.push(chunk));
    req.on('end', () => {
      seen.push({ authorization: req.headers.authorization, body: Buffer.concat(chunks).toString('utf8') });
      res.writeHead(status, { 'content-type': 'application/json' });
      res.end(JSON.stringify(body));
    });
  });
  await new Promise<void>((resolve) => server?.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as { port: number };
  const client = createKinoviClient({ baseUrl: `http://127.0.0.1:${port}/api/v1`, getApiKey: () => KEY });
  return { client, seen };
}

describe('KinoviClient.createUpload', () => {
  it('sends the file name with the key, and reads the upload address, URL and expiry', async () => {
    const { client, seen } = await uploadsAnswering(200, { uploadUrl: 'https://up.example/put/1?sig=x', url: 'https://cdn.example/u/1.png', contentType: 'image/png' });
    const before = Date.now();
    const slot = await client.createUpload('ref.png');
    expect(slot).toMatchObject({ uploadUrl: 'https://up.example/put/1?sig=x', url: 'https://cdn.example/u/1.png', contentType: 'image/png' });
    expect(slot.expiresAt).toBeGreaterThanOrEqual(before + 24 * 3_600_000);
    expect(seen).toEqual([{ authorization: `Bearer ${KEY}`, body: '{"fileName":"ref.png"}' }]);
    await client.close();
  });

  it('refuses an answer whose addresses carry the key, and words a 400 about the file, not settings', async () => {
    const leaky = await uploadsAnswering(200, { uploadUrl: `https://up.example/put?key=${KEY}`, url: 'https://cdn.example/u/1.png' });
    const error = await leaky.client.createUpload('ref.png').catch((e: unknown) => e);
    expect(error).toBeInstanceOf(KinoviError);
    expect((error as KinoviError).code).toBe('api_unexpected_response');
    await leaky.client.close();
    await new Promise<void>((resolve) => server?.close(() => resolve()));

    const refused = await uploadsAnswering(400, { message: 'bad file name', errors: [{ field: 'fileName', message: 'bad' }] });
    const words = await refused.client.createUpload('ref.png').catch((e: unknown) => (e as Error).message);
    expect(words).toBe('Kinovi did not accept this reference image for upload: check fileName.');
    await refused.client.close();
  });
});
