import { createReadStream } from 'node:fs';
import { stat } from 'node:fs/promises';
import type { ServerResponse } from 'node:http';
import path from 'node:path';
import { pipeline } from 'node:stream/promises';
import { CONTENT_SECURITY_POLICY } from '../../shared/content-security-policy.ts';

/** The page's policy as a header too, where `frame-ancestors` works (a meta tag cannot carry it): no other site may frame the studio. */
const PAGE_POLICY = `${CONTENT_SECURITY_POLICY}; frame-ancestors 'none'`;

const contentTypes: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.webp': 'image/webp',
  '.ico': 'image/x-icon',
  '.woff2': 'font/woff2',
  '.json': 'application/json',
};

/** Serves one file of the built renderer; anything outside its folder or unknown is a 404. */
export async function serveRendererFile(rendererDir: string, urlPath: string, res: ServerResponse): Promise<void> {
  let relative: string;
  try {
    relative = decodeURIComponent(urlPath);
  } catch {
    return notFound(res);
  }
  if (relative === '/' || relative === '') relative = '/index.html';
  const file = path.join(rendererDir, path.normalize(relative));
  const type = contentTypes[path.extname(file)];
  if (!file.startsWith(rendererDir + path.sep) || type === undefined) return notFound(res);
  const info = await stat(file).catch(() => undefined);
  if (!info?.isFile()) return notFound(res);
  res.writeHead(200, {
    'Content-Type': type,
    'Content-Length': info.size,
    // Hashed assets never change; index.html must be fetched anew after a rebuild.
    'Cache-Control': file.endsWith('.html') ? 'no-store' : 'public, max-age=31536000, immutable',
    'X-Content-Type-Options': 'nosniff',
    ...(type.startsWith('text/html') ? { 'Content-Security-Policy': PAGE_POLICY } : {}),
  });
  // pipeline, not pipe: a client that leaves mid-file must not leave the file open.
  await pipeline(createReadStream(file), res).catch(() => undefined);
}

function notFound(res: ServerResponse): void {
  res.writeHead(404, { 'Content-Type': 'text/plain; charset=utf-8' }).end('Not found');
}
