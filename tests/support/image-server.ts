import { once } from 'node:events';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import sharp from 'sharp';

/**
 * A real HTTP server on 127.0.0.1 standing in for Kinovi's image host: each test installs the
 * handler for a path and can misbehave at the byte level (half bodies, wrong headers, resets).
 */

export type Route = (req: http.IncomingMessage, res: http.ServerResponse) => void;

export interface ImageServer {
  /** Absolute URL of a path on this server. */
  url(path: string): string;
  /** Installs (or replaces) the handler for an exact path. */
  route(path: string, handler: Route): void;
  /** How many requests each path has received. */
  hits(path: string): number;
  close(): Promise<void>;
}

/** Starts the server on a free port. */
export async function startImageServer(): Promise<ImageServer> {
  const routes = new Map<string, Route>();
  const counts = new Map<string, number>();
  const server = http.createServer((req, res) => {
    const path = (req.url ?? '/').split('?')[0] ?? '/';
    counts.set(path, (counts.get(path) ?? 0) + 1);
    const handler = routes.get(path);
    if (handler) handler(req, res);
    else res.writeHead(404, { 'content-type': 'application/json' }).end('{"message":"not found"}');
  });
  server.listen(0, '127.0.0.1');
  await once(server, 'listening');
  const { port } = server.address() as AddressInfo;
  return {
    url: (path) => `http://127.0.0.1:${port}${path}`,
    route: (path, handler) => routes.set(path, handler),
    hits: (path) => counts.get(path) ?? 0,
    close: async () => {
      // Stalled test responses would otherwise keep close() waiting forever.
      server.closeAllConnections();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}

/** A real PNG with varied pixels (so it is not trivially small), made with sharp. */
export async function makePng(width = 320, height = 240): Promise<Buffer> {
  const pixels = Buffer.alloc(width * height * 3);
  for (let i = 0; i < pixels.length; i++) pixels[i] = (i * 7 + (i >> 9) * 13) & 0xff;
  return sharp(pixels, { raw: { width, height, channels: 3 } }).png().toBuffer();
}

/** A real JPEG, made with sharp. */
export async function makeJpeg(width = 320, height = 240): Promise<Buffer> {
  return sharp(await makePng(width, height)).jpeg().toBuffer();
}

/** Serves the bytes whole with the given content type and a correct Content-Length. */
export function serveBytes(body: Buffer, contentType = 'image/png'): Route {
  return (_req, res) => {
    res.writeHead(200, { 'content-type': contentType, 'content-length': body.length }).end(body);
  };
}
