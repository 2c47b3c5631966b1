import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { beforeAll, describe, expect, it } from 'vitest';
import type { Generation } from '../../shared/generation.ts';
import { getGeneration } from '../../electron/core/library/generations.ts';
import { createImages } from '../../electron/core/library/images.ts';
import { toAbsolutePath } from '../../electron/core/media/layout.ts';
import type { RetryPolicy } from '../../electron/core/media/retry.ts';
import type { ResolvedAddress } from '../../electron/core/net/url-rule.ts';
import { saveImages } from '../../electron/core/tasks/save-images.ts';
import { addGeneration } from '../support/library.ts';
import { type ImageServer, makeDeclaredPng, makePng, serveBytes } from '../support/image-server.ts';
import { imageServerPerFile } from '../support/image-server-per-file.ts';
import { libraryPerTest, type TempLibrary } from '../support/library-per-test.ts';

/** saveImages on a real library file and a real loopback image server: which failures are final, which wait. */

let server: ImageServer;
let png: Buffer;
let library: TempLibrary;
let apiBaseUrl: string;
// Retries without waiting: the counts are what matter here, not the backoff.
const retry: RetryPolicy = { attempts: 3, invalidAttempts: 2, sleep: async () => undefined };
let routeCounter = 0;

imageServerPerFile((started) => (server = started));
libraryPerTest((made) => (library = made));
beforeAll(async () => {
  apiBaseUrl = server.url('/api/v1');
  png = await makePng(64, 48);
});

/** A finished generation whose four images are served at fresh paths with the given handlers (a good PNG by default). */
function generationWith(routes: Partial<Record<0 | 1 | 2 | 3, (path: string) => void>> = {}): { generation: Generation; paths: string[] } {
  const g = addGeneration(library.db, Date.UTC(2026, 2, 1), { prompt: 'a lighthouse', aspectRatio: '1:1' });
  const run = ++routeCounter;
  const paths = [0, 1, 2, 3].map((i) => `/run-${run}/${i}.png`);
  paths.forEach((path, i) => {
    const custom = routes[i as 0 | 1 | 2 | 3];
    if (custom) custom(path);
    else server.route(path, serveBytes(png));
  });
  createImages(library.db, g.id, paths.map((path) => ({ remoteUrl: server.url(path) })));
  return { generation: getGeneration(library.db, g.id), paths };
}

const save = (generation: Generation, extra: { apiBaseUrl?: string; resolve?: (host: string) => Promise<ResolvedAddress[]> } = {}) =>
  saveImages(library.db, library.dataDir, getGeneration(library.db, generation.id), { apiBaseUrl, retry, ...extra });

describe('saveImages: failures that are final', () => {
  it('a 404 is put down to Kinovi keeping images about 14 days only when the run is that old', async () => {
    const gone = (path: string) => server.route(path, (_req, res) => res.writeHead(404).end());
    const old = generationWith({ 0: gone });
    await save(old.generation);
    expect(getGeneration(library.db, old.generation.id).images[0]).toMatchObject({ state: 'expired', errorMessage: expect.stringMatching(/about 14 days/) });

    const young = generationWith({ 0: gone });
    const minutesLater = (young.generation.submittedAt ?? young.generation.createdAt) + 5 * 60_000;
    await saveImages(library.db, library.dataDir, young.generation, { apiBaseUrl, retry, now: () => minutesLater });
    const image = getGeneration(library.db, young.generation.id).images[0];
    expect(image?.state).toBe('failed');
    expect(image?.errorMessage).toBe("Kinovi's image server says this image does not exist (HTTP 404), though the run finished only 5 minutes ago; it was not saved.");
  });

  it('"not an image" ends after a bounded number of attempts as a final failure with its reason, never fetched again', async () => {
    const { generation, paths } = generationWith({ 0: (path) => server.route(path, serveBytes(Buffer.from('<html>oops</html>'), 'text/html')) });
    const first = await save(generation);
    expect(server.hits(paths[0]!)).toBe(2);
    const image = getGeneration(library.db, generation.id).images[0];
    expect(image).toMatchObject({ state: 'failed', file: null, errorMessage: 'The image server sent something that is not an image.' });
    expect(first).toMatchObject({ complete: false, expired: 0, failed: 1, waiting: 0 });
    expect(first.failure).toEqual({ code: 'images_failed', message: 'Atelier could not save one image: The image server sent something that is not an image.' });

    // The queue calling again (a retry timer, a restart) downloads nothing more.
    const again = await save(generation);
    expect(server.hits(paths[0]!)).toBe(2);
    expect(again).toEqual(first);
  });

  it('a decompression bomb is refused from its header as a final failure, and the other images are saved', async () => {
    const { generation, paths } = generationWith({ 2: (path) => server.route(path, serveBytes(makeDeclaredPng(16000, 16000))) });
    const outcome = await save(generation);
    const images = getGeneration(library.db, generation.id).images;
    expect(images.map((i) => i.state)).toEqual(['done', 'done', 'failed', 'done']);
    expect(images[2]?.errorMessage).toMatch(/far larger than expected \(16000×16000 pixels\)/);
    expect(outcome.failure?.code).toBe('images_failed');
    await save(generation);
    expect(server.hits(paths[2]!)).toBe(2);
  });

  it('an address refused by the URL rule fails at once and for good, and nothing is requested', async () => {
    const { generation, paths } = generationWith();
    // The API is the real one (public): image addresses on this computer are refused.
    const resolve = async (host: string) => (host === 'kinovi.ai' ? [{ address: '104.18.0.1', family: 4 }] : []);
    const outcome = await save(generation, { apiBaseUrl: 'https://kinovi.ai/api/v1', resolve });
    expect(paths.map((path) => server.hits(path))).toEqual([0, 0, 0, 0]);
    const images = getGeneration(library.db, generation.id).images;
    expect(images.every((i) => i.state === 'failed')).toBe(true);
    expect(images[0]?.errorMessage).toMatch(/not secure \(http\)/);
    expect(outcome).toMatchObject({ complete: false, failed: 4, waiting: 0, failure: { code: 'images_failed' } });
    expect(outcome.failure?.message).toMatch(/^Atelier could not save 4 images: /);
  });
});

describe('saveImages: network loss waits and resumes', () => {
  it('an image cut off by the network stays pending with its reason, then saves when the network is back', async () => {
    let reachable = false;
    const { generation, paths } = generationWith({
      1: (path) =>
        server.route(path, (req, res) => {
          if (reachable) serveBytes(png)(req, res);
          else req.socket.destroy();
        }),
    });
    const offline = await save(generation);
    expect(server.hits(paths[1]!)).toBe(3);
    expect(getGeneration(library.db, generation.id).images[1]).toMatchObject({ state: 'pending', errorMessage: expect.stringMatching(/will try again/) });
    expect(offline).toMatchObject({ complete: false, failed: 1, waiting: 1, failure: null });

    reachable = true;
    const back = await save(generation);
    expect(back).toEqual({ complete: true, expired: 0, failed: 0, waiting: 0, failure: null });
    expect(getGeneration(library.db, generation.id).images[1]).toMatchObject({ state: 'done', errorMessage: null });
  });

  it('when the API base cannot be resolved (offline), every image waits untouched', async () => {
    const { generation, paths } = generationWith();
    const resolve = async (host: string): Promise<ResolvedAddress[]> => {
      throw Object.assign(new Error(`getaddrinfo EAI_AGAIN ${host}`), { code: 'EAI_AGAIN' });
    };
    const outcome = await save(generation, { apiBaseUrl: 'https://kinovi.ai/api/v1', resolve });
    expect(outcome).toMatchObject({ complete: false, waiting: 4, failure: null });
    expect(paths.map((path) => server.hits(path))).toEqual([0, 0, 0, 0]);
  });
});

describe('saveImages: both hashes', () => {
  it('records the hash of the bytes served and the hash of the stored file, which differ once metadata is written', async () => {
    const { generation } = generationWith();
    expect(await save(generation)).toMatchObject({ complete: true, failure: null });
    for (const image of getGeneration(library.db, generation.id).images) {
      const stored = readFileSync(toAbsolutePath(library.dataDir, image.file!));
      expect(image.sha256).toBe(createHash('sha256').update(png).digest('hex'));
      expect(image.fileSha256).toBe(createHash('sha256').update(stored).digest('hex'));
      expect(image.fileSha256).not.toBe(image.sha256);
      expect(image.bytes).toBe(stored.length);
    }
  });
});
