import { randomBytes } from 'node:crypto';
import type { Writable } from 'node:stream';
import type { ExportResult, ParsedInput } from '../../../shared/contract.ts';
import type { EventHub } from '../events.ts';
import { Failure } from '../failure.ts';
import type { Library } from '../library/database.ts';
import { exportDestinationProblem } from './destination.ts';
import { exportImages } from './export-images.ts';

/** Where the preview host answers a download's one-time address. */
export const DOWNLOAD_PREFIX = '/download/';
/** A download's address is good for this long after the page asked for it: it opens it at once. */
const DOWNLOAD_TTL_MS = 60_000;

/** A download the host may stream: the name the browser saves it as, and the export itself. */
export interface ExportDownload {
  fileName: string;
  send(out: Writable): Promise<ExportResult>;
}

interface Ticket {
  input: ParsedInput<'export:start'>;
  expiresAt: number;
}

function downloadName(at: number): string {
  return `Atelier export ${new Date(at).toISOString().slice(0, 16).replace('T', ' ').replace(':', '-')}.zip`;
}

/**
 * The export channels' work: one export at a time, progress pushed, cancellable. In the preview a
 * ZIP can go to the browser instead: `export:start` answers a one-time address (a random secret,
 * handed only over the token-checked bridge, good for a minute) and the host streams the ZIP there.
 */
export function createExports({ db, dataDir, hub, shell, now = Date.now }: {
  db: Library; dataDir: string; hub: EventHub; shell: 'electron' | 'preview'; now?: () => number;
}) {
  let running: AbortController | null = null;
  const tickets = new Map<string, Ticket>();

  async function run(input: ParsedInput<'export:start'>, destination: Parameters<typeof exportImages>[0]['destination']): Promise<ExportResult> {
    const controller = new AbortController();
    running = controller;
    try {
      return await exportImages({
        db, dataDir, generationIds: input.ids, images: input.images, destination, sidecars: input.sidecars, picture: input.picture, includeRejected: input.includeRejected, collectionId: input.collectionId,
        template: input.template, signal: controller.signal, onProgress: (progress) => hub.emit('export:progress', progress),
      });
    } finally {
      running = null;
    }
  }

  return {
    /** Checks the destination, runs the export and answers when it is done or cancelled (a download: its address, at once). */
    async start(input: ParsedInput<'export:start'>): Promise<ExportResult> {
      if (running !== null) throw new Failure('conflict', 'An export is already running: wait for it or cancel it first.');
      const problem = exportDestinationProblem(input.destination, dataDir);
      if (problem !== null) throw new Failure('invalid_input', problem);
      const destination = input.destination;
      if (destination.kind === 'download') {
        if (shell !== 'preview') throw new Failure('invalid_input', 'A download through the browser is for the browser preview: choose a folder or a ZIP file.');
        const secret = randomBytes(24).toString('base64url');
        for (const [key, ticket] of tickets) if (ticket.expiresAt <= now()) tickets.delete(key);
        tickets.set(secret, { input, expiresAt: now() + DOWNLOAD_TTL_MS });
        return { status: 'download', url: `${DOWNLOAD_PREFIX}${secret}` };
      }
      return run(input, destination);
    },
    /** The download a one-time address names, taken so it cannot be used again; null when unknown, used or expired. */
    takeDownload(secret: string): ExportDownload | null {
      const ticket = tickets.get(secret);
      tickets.delete(secret);
      if (ticket === undefined || ticket.expiresAt <= now()) return null;
      return {
        fileName: downloadName(now()),
        send: async (out) => {
          if (running !== null) throw new Failure('conflict', 'An export is already running: wait for it or cancel it first.');
          // a browser that stops the download (its cancel, a closed tab) cancels the export
          const stop = () => running?.abort();
          out.once('close', stop);
          try {
            return await run(ticket.input, { kind: 'stream', out });
          } finally {
            out.off('close', stop);
          }
        },
      };
    },
    /** Cancels the running export (nothing happens when none runs). */
    cancel(): void {
      running?.abort();
    },
  };
}

export type Exports = ReturnType<typeof createExports>;
