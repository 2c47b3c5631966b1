import { randomBytes, timingSafeEqual } from 'node:crypto';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import path from 'node:path';
import { WebSocketServer, type WebSocket } from 'ws';
import type { Core } from '../core/app.ts';
import { sendMedia, serveMedia } from '../core/media/serve-media.ts';
import { serveRendererFile } from './static-files.ts';
import { parseBridgeRequest, type BridgeMessage } from '../../shared/bridge-protocol.ts';

export interface PreviewHostOptions {
  core: Core;
  /** The built renderer (out/renderer). */
  rendererDir: string;
  /** 0 picks a free port. */
  port?: number;
  /** The per-run secret; random unless a test fixes it. */
  token?: string;
}

export interface PreviewHost {
  /** The address to open, with the bridge token in its fragment (never sent to the server). */
  url: string;
  origin: string;
  token: string;
  port: number;
  close(): Promise<void>;
}

const HOST = '127.0.0.1';
const BRIDGE_PATH = '/bridge';
/** Library images and thumbnails; the same gate as the desktop app's atelier-media:// scheme. */
const MEDIA_PREFIX = '/media/';

/**
 * The browser preview: serves the built renderer on 127.0.0.1 and carries the same
 * contract as Electron's IPC over a WebSocket. Only a page of this origin holding this
 * run's token may connect, so other sites and other local users cannot drive the core.
 */
export async function startPreviewHost(options: PreviewHostOptions): Promise<PreviewHost> {
  const token = options.token ?? randomBytes(24).toString('base64url');
  const rendererDir = path.resolve(options.rendererDir);
  let origin = '';

  const server = createServer((req, res) => {
    if (req.method !== 'GET' && req.method !== 'HEAD') {
      res.writeHead(405, { Allow: 'GET, HEAD' }).end();
      return;
    }
    const raw = req.url ?? '/';
    // The raw path, before URL normalisation, so the media gate sees every escape attempt as sent.
    const served = raw.startsWith(MEDIA_PREFIX)
      ? serveMedia(options.core.dataDir, raw.slice(MEDIA_PREFIX.length).split('?')[0] ?? '').then((media) => sendMedia(media, res))
      : serveRendererFile(rendererDir, new URL(raw, origin).pathname, res);
    served.catch((error: unknown) => {
      console.error('[atelier] preview could not serve', raw, error);
      if (!res.headersSent) res.writeHead(500).end();
    });
  });

  const sockets = new WebSocketServer({ noServer: true, maxPayload: 1024 * 1024 });
  server.on('upgrade', (req, socket, head) => {
    const url = new URL(req.url ?? '/', origin);
    const refusal =
      url.pathname !== BRIDGE_PATH
        ? '404 Not Found'
        : req.headers.origin !== origin
          ? '403 Forbidden'
          : !sameSecret(url.searchParams.get('token') ?? '', token)
            ? '401 Unauthorized'
            : undefined;
    if (refusal) {
      socket.end(`HTTP/1.1 ${refusal}\r\nConnection: close\r\nContent-Length: 0\r\n\r\n`);
      return;
    }
    sockets.handleUpgrade(req, socket, head, (ws) => attach(ws, options.core));
  });

  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(options.port ?? 0, HOST, () => resolve());
  });
  const port = (server.address() as AddressInfo).port;
  origin = `http://${HOST}:${port}`;

  return {
    url: `${origin}/#token=${token}`,
    origin,
    token,
    port,
    close: async () => {
      for (const client of sockets.clients) client.terminate();
      await new Promise<void>((resolve) => sockets.close(() => resolve()));
      server.closeAllConnections();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}

function attach(ws: WebSocket, core: Core): void {
  const send = (message: BridgeMessage) => {
    if (ws.readyState === ws.OPEN) ws.send(JSON.stringify(message));
  };
  const unsubscribe = core.subscribe((event, payload) => send({ kind: 'event', event, payload }));
  ws.on('close', unsubscribe);
  ws.on('message', (data) => {
    const request = parseBridgeRequest(data.toString());
    if (!request) {
      ws.close(1003, 'Malformed request');
      return;
    }
    const started = performance.now();
    void core.dispatch(request.channel, request.input).then((result) => {
      // ATELIER_TRACE_IPC=1 prints each request's time in the core, to find what makes the UI wait.
      if (process.env.ATELIER_TRACE_IPC) console.log(`[ipc] ${request.channel} ${(performance.now() - started).toFixed(1)} ms (at ${performance.now().toFixed(0)})`);
      send({ kind: 'result', id: request.id, result });
    });
  });
}

function sameSecret(given: string, expected: string): boolean {
  const a = Buffer.from(given);
  const b = Buffer.from(expected);
  return a.length === b.length && timingSafeEqual(a, b);
}
