import { writeFileSync } from 'node:fs';
import { connect } from 'node:net';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type WebSocket from 'ws';
import type { Core } from '../../electron/core/app.ts';
import type { EventListener } from '../../electron/core/events.ts';
import { closeLibrary, openLibrary } from '../../electron/core/library/database.ts';
import type { PreviewHost } from '../../electron/preview/host.ts';
import { addGeneration } from '../support/library.ts';
import { openBridge, startTestPreview, stillServing } from '../support/preview.ts';
import { tempDir } from '../support/temp-dir.ts';
import { explainIfStuck } from '../support/stuck-wait.ts';

const REQUESTS = 100;
/** 60 generations with long prompts: each search answer is about 0.7 MB, 70 MB for all if nothing is held back. */
const GENERATIONS = 60;

describe('preview host: a page that sends without reading its answers', () => {
  const dir = tempDir();
  let host: PreviewHost;
  let close: () => Promise<void>;
  let dispatched = 0;
  beforeAll(async () => {
    const db = openLibrary(path.join(dir.path, 'library'));
    for (let i = 0; i < GENERATIONS; i++) addGeneration(db, Date.UTC(2026, 0, 1) + i, { prompt: `dune ${i} ${'sand '.repeat(1180)}` });
    closeLibrary(db);
    // The real core, its requests counted on their way in.
    const counted = (core: Core) =>
      Object.create(core, { dispatch: { value: (channel: unknown, input: unknown) => ((dispatched += 1), core.dispatch(channel, input)) } }) as Core;
    ({ host, close } = await startTestPreview(dir.path, counted));
  });
  afterAll(async () => {
    await close();
    dir.remove();
  });

  it('stops reading its requests, so the host stays small, then answers every one once it reads', async () => {
    const ws = await openBridge(host);
    const answered = new Set<number>();
    let failures = 0;
    ws.on('message', (data: WebSocket.RawData) => {
      const message = JSON.parse(data.toString()) as { kind: string; id: number; result: { ok: boolean } };
      if (message.kind !== 'result') return;
      answered.add(message.id);
      if (!message.result.ok) failures += 1;
    });
    ws.pause(); // the page reads nothing from here on
    // Answers wait as strings (JS heap) or Buffers (array buffers): count both.
    const held = () => process.memoryUsage().heapUsed + process.memoryUsage().arrayBuffers;
    const before = held();
    for (let id = 1; id <= REQUESTS; id++) ws.send(JSON.stringify({ kind: 'request', id, channel: 'library:search', input: { limit: GENERATIONS } }));

    // The host settles once it has stopped reading (or, without backpressure, once it has answered
    // all into its own memory): wait until it has taken no request for a quarter of a second.
    let last = -1;
    let still = 0;
    while (still < 10 && dispatched < REQUESTS) {
      await new Promise((resolve) => setTimeout(resolve, 25));
      still = dispatched === last ? still + 1 : 0;
      last = dispatched;
    }
    const grown = held() - before;
    console.log(`[backpressure] ${dispatched} of ${REQUESTS} requests taken while nothing was read; memory grew ${(grown / 2 ** 20).toFixed(1)} MiB`);
    expect(dispatched).toBeLessThan(REQUESTS / 3);
    expect(grown).toBeLessThan(48 * 2 ** 20);

    const allAnswered = new Promise<void>((resolve) => {
      ws.on('message', () => {
        if (answered.size === REQUESTS) resolve();
      });
    });
    ws.resume();
    await allAnswered;
    expect(failures).toBe(0);
    expect(dispatched).toBe(REQUESTS);
    ws.close();
  });
});

describe('preview host: a page whose requests take long in the core', () => {
  const dir = tempDir();
  let host: PreviewHost;
  let close: () => Promise<void>;
  let started = 0;
  let release!: () => void;
  const gate = new Promise<void>((resolve) => (release = resolve));
  beforeAll(async () => {
    // The real core answers, but only once the test opens the gate: requests stay inside it until then.
    const slow = (core: Core) =>
      Object.create(core, {
        dispatch: { value: (channel: unknown, input: unknown) => ((started += 1), gate.then(() => core.dispatch(channel, input))) },
      }) as Core;
    ({ host, close } = await startTestPreview(dir.path, slow));
  });
  afterAll(async () => {
    await close();
    dir.remove();
  });

  it('has at most 8 of them in the core at once, and answers all', async () => {
    const ws = await openBridge(host);
    const answers = new Set<number>();
    const allAnswered = new Promise<void>((resolve) => {
      ws.on('message', (data: WebSocket.RawData) => {
        answers.add((JSON.parse(data.toString()) as { id: number }).id);
        if (answers.size === 20) resolve();
      });
    });
    for (let id = 1; id <= 20; id++) ws.send(JSON.stringify({ kind: 'request', id, channel: 'app:info' }));
    await expect.poll(() => started).toBe(8);
    // Without the cap the next would start within one turn of the event loop; give it many.
    await new Promise((resolve) => setTimeout(resolve, 100));
    expect(started).toBe(8);
    release();
    await allAnswered;
    expect(started).toBe(20);
    ws.close();
  });
});

describe('preview host: a page that never reads the events it is sent', () => {
  const dir = tempDir();
  let host: PreviewHost;
  let close: () => Promise<void>;
  /** The core's event fan-out to the page, and a promise that settles when the host unsubscribes it. */
  let push: EventListener | undefined;
  let cutOff!: Promise<void>;
  beforeAll(async () => {
    let unsubscribed = () => undefined as void;
    cutOff = new Promise<void>((resolve) => (unsubscribed = resolve));
    // The real core; its events to the page go through a hand the test holds, like a busy queue's would.
    const watched = (core: Core) =>
      Object.create(core, {
        subscribe: {
          value: (listener: EventListener) => {
            push = listener;
            const stop = core.subscribe(listener);
            return () => {
              stop();
              unsubscribed();
            };
          },
        },
      }) as Core;
    ({ host, close } = await startTestPreview(dir.path, watched));
  });
  afterAll(async () => {
    await close();
    dir.remove();
  });

  it('is cut off once too much waits for it, instead of growing the host without end', async () => {
    const ws = await openBridge(host);
    ws.pause();
    const payload = { note: 'e'.repeat(2 ** 20) };
    let gone = false;
    void cutOff.then(() => (gone = true));
    let sent = 0;
    while (sent < 64 && !gone) {
      push?.('settings:changed', payload as never);
      sent += 1;
      await new Promise((resolve) => setImmediate(resolve));
    }
    // No timer races the cut-off: a host that never cuts the page off leaves this waiting until the test's hang guard.
    const explain = explainIfStuck('the host to cut off the page', () => `${sent} MiB of events pushed`);
    await cutOff;
    explain.settled();
    expect(gone).toBe(true);
    console.log(`[events] cut off after ${sent} MiB of unread events`);
    expect(sent).toBeLessThan(64);
    ws.terminate();
  });
});

describe('preview host: a client that pipelines requests without reading the answers', () => {
  const dir = tempDir();
  let host: PreviewHost;
  let close: () => Promise<void>;
  /** A stand-in for the renderer bundle: the biggest file the host serves. */
  const bundle = 'x'.repeat(256 * 1024);
  beforeAll(async () => {
    ({ host, close } = await startTestPreview(dir.path));
    writeFileSync(path.join(dir.path, 'renderer', 'bundle.js'), bundle);
  });
  afterAll(async () => {
    await close();
    dir.remove();
  });

  const get = (target: string) => `GET ${target} HTTP/1.1\r\nHost: 127.0.0.1:${host.port}\r\n\r\n`;

  it('holds at most a bounded amount for 1,000 requests of the bundle sent at once, and stays up', async () => {
    const held = () => process.memoryUsage().heapUsed + process.memoryUsage().arrayBuffers;
    const before = held();
    const socket = connect({ host: '127.0.0.1', port: host.port });
    socket.on('error', () => undefined);
    socket.pause(); // read nothing
    socket.write(get('/bundle.js').repeat(1000));

    // The host settles once it holds all it will (no growth for a quarter of a second), unless it has
    // already grown past the bound.
    let last = held();
    for (let still = 0; still < 10 && held() - before < 64 * 2 ** 20; ) {
      await new Promise((resolve) => setTimeout(resolve, 25));
      still = Math.abs(held() - last) < 2 ** 20 ? still + 1 : 0;
      last = held();
    }
    const grown = held() - before;
    console.log(`[pipelining] memory grew ${(grown / 2 ** 20).toFixed(1)} MiB`);
    socket.destroy();
    expect(grown).toBeLessThan(48 * 2 ** 20);
    expect(await stillServing(host)).toBe(true);
  });

  it('answers a few pipelined requests in order, each whole', async () => {
    const socket = connect({ host: '127.0.0.1', port: host.port });
    const chunks: Buffer[] = [];
    socket.on('data', (chunk: Buffer) => chunks.push(chunk));
    const ended = new Promise<void>((resolve) => socket.once('end', () => resolve()));
    socket.write(get('/bundle.js') + get('/') + get('/bundle.js').replace('\r\n\r\n', '\r\nConnection: close\r\n\r\n'));
    await ended;
    const text = Buffer.concat(chunks).toString('latin1');
    const statuses = [...text.matchAll(/HTTP\/1\.1 (\d+)/g)].map((m) => m[1]);
    expect(statuses).toEqual(['200', '200', '200']);
    expect(text.split(bundle).length - 1).toBe(2);
    expect(text).toContain('<title>Atelier</title>');
  });
});
