/**
 * The app's side of bench:ui, in a process of its own as the desktop app's main process is: the
 * core and the preview host, started when the benchmark says "launch", with the core's thread
 * watched from start to close. In the benchmark's own process, Playwright's traffic and garbage
 * ran on the thread the watch measured, so the core's longest block counted them too.
 *
 * Messages (over fork's channel): ← { loaded: true } once its modules are in (the app's launch is
 * measured from a loaded bundle, as before); → { launch: dataDir } ← { url, launchedAt, coreStartMs };
 * → { close: true } ← { longestBlockMs, longestTaskMs, worstGap }, then the process ends.
 */
import path from 'node:path';
import { performance } from 'node:perf_hooks';
import { startCore, type Core } from '../../electron/core/app.ts';
import { startPreviewHost } from '../../electron/preview/host.ts';
import { eventLoopWatch, type Gap } from './measure.ts';
import { root } from './run.ts';

export interface Launched {
  url: string;
  /** Epoch milliseconds when the core was asked to start (the page reports its times on the same clock). */
  launchedAt: number;
  coreStartMs: number;
}
/** `worstGap` (measure.ts) begins ms after launch: the watch is reset there. */
export interface Closed {
  longestBlockMs: number;
  longestTaskMs: number;
  worstGap: Gap;
}
export type ToApp = { launch: string } | { close: true };
export type FromApp = { loaded: true } | Launched | Closed | { error: string };

const send = (message: FromApp) => process.send?.(message);

let core: Core | null = null;
let host: Awaited<ReturnType<typeof startPreviewHost>> | null = null;
const watch = eventLoopWatch();
let launchedAt = 0;

process.on('message', (message: ToApp) => {
  if ('launch' in message) void launch(message.launch).catch((error: unknown) => send({ error: String(error) }));
  else void close();
});
send({ loaded: true });

async function launch(dataDir: string): Promise<void> {
  watch.reset();
  launchedAt = performance.timeOrigin + performance.now();
  core = await startCore({ dataDir, version: 'bench', shell: 'preview' });
  const coreStartMs = performance.timeOrigin + performance.now() - launchedAt;
  host = await startPreviewHost({ core, rendererDir: path.join(root, 'out', 'renderer') });
  send({ url: host.url, launchedAt, coreStartMs });
}

async function close(): Promise<void> {
  // reset at launch: the gap's start is ms after launch
  const figures = { longestBlockMs: watch.longestBlock(), longestTaskMs: watch.longestTask(), worstGap: watch.worstGap() };
  watch.stop();
  await host?.close();
  await core?.close();
  send(figures);
  process.disconnect();
}
