import type { Writable } from 'node:stream';
import { once } from 'node:events';

/**
 * An export's output stream (a manifest file, a ZIP file, the preview's download) with its first
 * write error kept, so a full disk is thrown at the next write or at the end, never left unhandled;
 * and the two ways it can stop: ended once whole, or abandoned on a cancel or failure.
 */
export class WatchedStream {
  readonly out: Writable;
  private failure: unknown;

  constructor(out: Writable) {
    this.out = out;
    out.on('error', (error) => { this.failure ??= error; });
  }

  /** Throws the stream's first error, if it had one. */
  check(): void {
    if (this.failure !== undefined) throw this.failure;
  }

  /** Ends the stream; resolves once it is closed (a file: on disk), throws if any write failed. */
  async end(): Promise<void> {
    this.check();
    this.out.end();
    await once(this.out, 'close');
    this.check();
  }

  /** Closed before removal: Windows refuses to delete a file that is still open. */
  async abandon(): Promise<void> {
    if (this.out.closed) return;
    const closed = once(this.out, 'close');
    this.out.destroy();
    await closed.catch(() => undefined);
  }
}
