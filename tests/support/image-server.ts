import { once } from 'node:events';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { crc32, deflateSync } from 'node:zlib';
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
  /** How many TCP connections reached the server at all (a refused address must open none). */
  connections(): number;
  close(): Promise<void>;
}

/** Starts the server on a free port. */
export async function startImageServer(): Promise<ImageServer> {
  const routes = new Map<string, Route>();
  const counts = new Map<string, number>();
  let connections = 0;
  const server = http.createServer((req, res) => {
    const path = (req.url ?? '/').split('?')[0] ?? '/';
    counts.set(path, (counts.get(path) ?? 0) + 1);
    const handler = routes.get(path);
    if (handler) handler(req, res);
    else res.writeHead(404, { 'content-type': 'application/json' }).end('{"message":"not found"}');
  });
  server.on('connection', () => connections++);
  server.listen(0, '127.0.0.1');
  await once(server, 'listening');
  const { port } = server.address() as AddressInfo;
  return {
    url: (path) => `http://127.0.0.1:${port}${path}`,
    route: (path, handler) => routes.set(path, handler),
    hits: (path) => counts.get(path) ?? 0,
    connections: () => connections,
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

/**
 * A valid PNG declaring `width`×`height` that is tiny on the wire (1-bit grey, every pixel black):
 * a decompression bomb. 16000×16000 is ~31 KB here and 256 MB or more once decoded.
 */
export function makeDeclaredPng(width: number, height: number): Buffer {
  const header = Buffer.alloc(13);
  header.writeUInt32BE(width, 0);
  header.writeUInt32BE(height, 4);
  header[8] = 1; // bit depth
  header[9] = 0; // greyscale
  const rows = Buffer.alloc((1 + Math.ceil(width / 8)) * height); // filter byte 0 + zero pixels per row
  return Buffer.concat([
    Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]),
    pngChunk('IHDR', header),
    pngChunk('IDAT', deflateSync(rows, { level: 9 })),
    pngChunk('IEND', Buffer.alloc(0)),
  ]);
}

function pngChunk(type: string, data: Buffer): Buffer {
  const chunk = Buffer.alloc(12 + data.length);
  chunk.writeUInt32BE(data.length, 0);
  chunk.write(type, 4, 'latin1');
  data.copy(chunk, 8);
  chunk.writeUInt32BE(crc32(data, crc32(Buffer.from(type, 'latin1'))), 8 + data.length);
  return chunk;
}
