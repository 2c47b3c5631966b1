import { mkdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import WebSocket from 'ws';
import type { Core } from '../../electron/core/app.ts';
import { startPreviewHost, type PreviewHost } from '../../electron/preview/host.ts';
import { startTestCore } from './test-core.ts';

/**
 * A real core and preview host on a library in `dir/library`, serving a stand-in renderer folder
 * so the test does not depend on a build having run. `serve` may wrap the core the host sees
 * (e.g. to count its requests).
 */
export async function startTestPreview(
  dir: string,
  serve: (core: Core) => Core = (core) => core,
): Promise<{ core: Core; host: PreviewHost; close(): Promise<void> }> {
  const rendererDir = path.join(dir, 'renderer');
  mkdirSync(rendererDir, { recursive: true });
  writeFileSync(path.join(rendererDir, 'index.html'), '<!doctype html><title>Atelier</title>');
  const core = await startTestCore(path.join(dir, 'library'));
  const host = await startPreviewHost({ core: serve(core), rendererDir });
  return {
    core,
    host,
    close: async () => {
      await host.close();
      await core.close();
    },
  };
}

/** Opens the bridge as the studio page does (its origin, its token). */
export function openBridge(host: PreviewHost): Promise<WebSocket> {
  return new Promise((resolve, reject) => {
    const ws = new WebSocket(`ws://127.0.0.1:${host.port}/bridge?token=${encodeURIComponent(host.token)}`, { origin: host.origin });
    ws.once('open', () => resolve(ws));
    ws.once('error', reject);
  });
}

/** Sends one request and resolves with its result. */
export function ask(ws: WebSocket, id: number, channel: string, input?: unknown): Promise<{ ok: boolean; value?: unknown; error?: { code: string; message: string } }> {
  return new Promise((resolve) => {
    const onMessage = (data: WebSocket.RawData) => {
      const message = JSON.parse(data.toString()) as { kind: string; id?: number; result?: unknown };
      if (message.kind !== 'result' || message.id !== id) return;
      ws.off('message', onMessage);
      resolve(message.result as { ok: boolean });
    };
    ws.on('message', onMessage);
    ws.send(JSON.stringify({ kind: 'request', id, channel, input }));
  });
}

/** The host still serves pages and carries requests: what every hostile-input test ends by checking. */
export async function stillServing(host: PreviewHost): Promise<boolean> {
  const page = await fetch(`${host.origin}/`);
  if (page.status !== 200) return false;
  const ws = await openBridge(host);
  const info = await ask(ws, 1, 'app:info');
  ws.close();
  return info.ok;
}
