import { randomBytes } from 'node:crypto';
import { createServer, STATUS_CODES, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import path from 'node:path';
import { WebSocketServer } from 'ws';
import type { Core } from '../core/app.ts';
import { sendMedia, serveMedia } from '../core/media/serve-media.ts';
import { sameSecret } from '../core/same-secret.ts';
import { attachBridge } from './bridge-connection.ts';
import { BRIDGE_MAX_FRAME_BYTES } from '../../shared/bridge-protocol.ts';
import { isDownload, serveDownload } from './download.ts';
import { serveInTurn } from './in-turn.ts';
import { checkRequest, type Refusal } from './request-guard.ts';
import { serveRendererFile } from './static-files.ts';
import { PREVIEW_MEDIA_PREFIX } from '../../shared/media-address.ts';

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

/**
 * The browser preview: serves the built renderer on 127.0.0.1 and carries the same
 * contract as Electron's IPC over a WebSocket. Only a page of this origin holding this
 * run's token may connect, so other sites and other local users cannot drive the core.
 */
export async function startPreviewHost(options: PreviewHostOptions): Promise<PreviewHost> {
  const token = options.token ?? randomBytes(24).toString('base64url');
  const rendererDir = path.resolve(options.rendererDir);
  let origin = '';

  const serveRequest = (req: IncomingMessage, res: ServerResponse) => {
    // Nothing this host serves is for another site's pages to embed, least of all the artist's images.
    res.setHeader('Cross-Origin-Resource-Policy', 'same-origin');
    const checked = checkRequest(req, origin);
    if ('refusal' in checked) return refuse(res, checked.refusal);
    if (req.method !== 'GET' && req.method !== 'HEAD') {
      res.writeHead(405, { Allow: 'GET, HEAD' }).end();
      return;
    }
    const raw = req.url ?? '/';
    // The raw path, before URL normalisation, so the media gate sees every escape attempt as sent.
    const served = isDownload(raw)
      ? serveDownload(options.core, origin, req, res)
      : raw.startsWith(PREVIEW_MEDIA_PREFIX)
      ? serveMedia(options.core.dataDir, raw.slice(PREVIEW_MEDIA_PREFIX.length).split('?')[0] ?? '').then((media) => sendMedia(media, res))
      : serveRendererFile(rendererDir, checked.url.pathname, res);
    served.catch((error: unknown) => {
      console.error('[atelier] preview could not serve', raw, error);
      if (!res.headersSent) res.writeHead(500).end();
    });
  };
  const server = createServer(serveInTurn(serveRequest));

  // Deliberately small: requests are short JSON; bytes a page must hand over (files) belong on HTTP.
  const sockets = new WebSocketServer({ noServer: true, maxPayload: BRIDGE_MAX_FRAME_BYTES });
  server.on('upgrade', (req, socket, head) => {
    // Node stops watching an upgraded socket for errors: a reset before `ws` takes it must not stop the host.
    socket.on('error', () => socket.destroy());
    const checked = checkRequest(req, origin);
    const status =
      'refusal' in checked
        ? checked.refusal.status
        : checked.url.pathname !== BRIDGE_PATH
          ? 404
          : req.headers.origin !== origin
            ? 403
            : !sameSecret(checked.url.searchParams.get('token') ?? '', token)
              ? 401
              : undefined;
    if (status !== undefined) {
      socket.end(`HTTP/1.1 ${status} ${STATUS_CODES[status]}\r\nConnection: close\r\nContent-Length: 0\r\n\r\n`);
      return;
    }
    sockets.handleUpgrade(req, socket, head, (ws) => attachBridge(ws, options.core));
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

function refuse(res: ServerResponse, refusal: Refusal): void {
  res.writeHead(refusal.status, { 'Content-Type': 'text/plain; charset=utf-8', 'Content-Length': Buffer.byteLength(refusal.reason), Connection: 'close' }).end(refusal.reason);
}
