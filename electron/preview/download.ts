import type { IncomingMessage, ServerResponse } from 'node:http';
import type { Core } from '../core/app.ts';
import { DOWNLOAD_PREFIX } from '../core/export/exports.ts';

/** Whether a request asks for a download's one-time address. */
export const isDownload = (raw: string) => raw.startsWith(DOWNLOAD_PREFIX);

function answer(res: ServerResponse, status: number, text: string): void {
  res.writeHead(status, { 'Content-Type': 'text/plain; charset=utf-8', 'Content-Length': Buffer.byteLength(text), 'Cache-Control': 'no-store' }).end(text);
}

/**
 * The preview's ZIP download: streamed into the answer as it is made, never held in memory. The
 * address is a one-time secret the page got over the token-checked bridge; on top of it a request
 * another site started is refused (the browser's `Sec-Fetch-Site` and `Origin` say so), like the bridge's Origin rule.
 */
export async function serveDownload(core: Core, origin: string, req: IncomingMessage, res: ServerResponse): Promise<void> {
  const site = req.headers['sec-fetch-site'];
  if ((site !== undefined && site !== 'same-origin') || (req.headers.origin !== undefined && req.headers.origin !== origin)) {
    answer(res, 403, 'Downloads are for the Atelier page that asked for them.');
    return;
  }
  const secret = (req.url ?? '').slice(DOWNLOAD_PREFIX.length).split('?')[0] ?? '';
  const download = core.takeDownload(secret);
  if (download === null) {
    answer(res, 404, 'This download was used already or has expired: start the export again.');
    return;
  }
  res.writeHead(200, {
    'Content-Type': 'application/zip',
    'Content-Disposition': `attachment; filename="${download.fileName}"`,
    'Cache-Control': 'no-store',
    'X-Content-Type-Options': 'nosniff',
  });
  if (req.method === 'HEAD') {
    res.end();
    return;
  }
  try {
    await download.send(res);
  } catch (error) {
    // headers went out: cutting the answer is how the browser learns the download failed
    console.error('[atelier] a download export failed:', error);
    res.destroy();
  }
}
