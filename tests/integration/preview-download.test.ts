/**
 * The preview's ZIP download over real HTTP: a one-time address handed out by `export:start`,
 * streamed by the host, refused to other sites and to a second use, and cancelled when the browser
 * stops reading. The desktop app refuses it in words (it has native dialogs and real paths).
 */
import { execFileSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { createWriteStream, readdirSync, readFileSync } from 'node:fs';
import { request, type IncomingMessage } from 'node:http';
import path from 'node:path';
import { pipeline } from 'node:stream/promises';
import { describe, expect, it } from 'vitest';
import type { ExportProgress, ExportResult } from '../../shared/contract.ts';
import type { Generation } from '../../shared/generation.ts';
import { startTestPreview } from '../support/preview.ts';
import { recordEvents, call, closableCore } from '../support/test-core.ts';
import { cleanupsPerTest } from '../support/cleanups.ts';

const { cleanups, folder } = cleanupsPerTest('atelier-download-');

function get(port: number, url: string, headers: Record<string, string> = {}): Promise<IncomingMessage> {
  return new Promise((resolve, reject) => {
    // A connection of its own each time: a kept-alive one can be closed by the host's idle timeout just
    // as it is reused (ECONNRESET on a loaded machine), a race of the client's pool, not of the download.
    request({ host: '127.0.0.1', port, path: url, agent: false, headers: { Host: `127.0.0.1:${port}`, ...headers } }, resolve).on('error', reject).end();
  });
}

async function previewWithRuns(runs: number) {
  const dir = folder();
  const preview = await startTestPreview(dir);
  cleanups.push(preview.close);
  const events = recordEvents(preview.core);
  for (let n = 0; n < runs; n += 1) {
    const made = await call<Generation>(preview.core, 'generation:create', { params: { model: 'midjourney-v7', prompt: `a kite number ${n}` } });
    await events.reach(made.id, 'done');
  }
  const ask = async () => {
    const answer = await call<ExportResult>(preview.core, 'export:start', { ids: null, destination: { kind: 'download' } });
    if (answer.status !== 'download') throw new Error('no download address');
    return answer.url;
  };
  return { ...preview, events, ask, dir };
}

describe('the preview’s ZIP download', () => {
  it('streams a whole ZIP to the page that asked, once; another site or a second use gets nothing', async () => {
    const { host, ask, events } = await previewWithRuns(2);
    const url = await ask();
    expect(url).toMatch(/^\/download\/[A-Za-z0-9_-]{32}$/);

    // a link another site made (or a request naming another origin) is refused, and does not use the address up
    expect((await get(host.port, url, { 'Sec-Fetch-Site': 'cross-site' })).statusCode).toBe(403);
    expect((await get(host.port, url, { Origin: 'http://evil.example' })).statusCode).toBe(403);
    expect((await get(host.port, url, { Host: 'rebound.example:80' })).statusCode).toBe(403);

    const answer = await get(host.port, url, { 'Sec-Fetch-Site': 'same-origin' });
    expect(answer.statusCode).toBe(200);
    expect(answer.headers['content-type']).toBe('application/zip');
    expect(answer.headers['content-disposition']).toMatch(/^attachment; filename="Atelier export \d{4}-\d\d-\d\d \d\d-\d\d\.zip"$/);
    // streamed as it is made: no length known up front
    expect(answer.headers['content-length']).toBeUndefined();
    const out = folder('atelier-download-out-');
    const zip = path.join(out, 'saved.zip');
    await pipeline(answer, createWriteStream(zip));
    execFileSync('python3', ['-m', 'zipfile', '-t', zip]);
    execFileSync('python3', ['-m', 'zipfile', '-e', zip, path.join(out, 'unpacked')]);
    const rows = readFileSync(path.join(out, 'unpacked', 'manifest.jsonl'), 'utf8').trim().split('\n').map((line) => JSON.parse(line) as { file: string; fileSha256: string });
    expect(rows).toHaveLength(8);
    for (const row of rows) expect(createHash('sha256').update(readFileSync(path.join(out, 'unpacked', row.file))).digest('hex')).toBe(row.fileSha256);
    await events.until('export:progress', (progress) => progress.images === 8 && progress.totalImages === 8);

    const again = await get(host.port, url, { 'Sec-Fetch-Site': 'same-origin' });
    expect(again.statusCode).toBe(404);
    again.resume();
  });

  it('cancels the export when the browser stops the download, leaving nothing in the library’s temp folder', async () => {
    const { host, ask, events, core } = await previewWithRuns(3);
    const url = await ask();
    const answer = await get(host.port, url);
    expect(answer.statusCode).toBe(200);
    // read a little, then hang up as a cancelled download does
    await new Promise<void>((resolve) => answer.once('data', () => resolve()));
    answer.destroy();
    // the next export is accepted only once the cut-off one has ended
    await expect.poll(async () => (await core.dispatch('export:start', { ids: null, destination: { kind: 'download' } })).ok).toBe(true);
    const last = events.seen.filter((e) => e.event === 'export:progress').at(-1)?.payload as ExportProgress;
    expect(last.images).toBeLessThanOrEqual(last.totalImages);
    expect(readdirSync(path.join(core.dataDir, 'tmp')).filter((name) => name.includes('export-manifests'))).toEqual([]);
  });

  it('is for the preview: the desktop app refuses it in words', async () => {
    const { core } = await closableCore(folder(), cleanups, { shell: 'electron' });
    const refused = await core.dispatch('export:start', { ids: null, destination: { kind: 'download' } });
    expect(refused.ok ? null : refused.error.message).toMatch(/for the browser preview: choose a folder or a ZIP file/);
  });
});
