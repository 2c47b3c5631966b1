import type { ExportResult, ParsedInput } from '../../../shared/contract.ts';
import type { EventHub } from '../events.ts';
import { Failure } from '../failure.ts';
import type { Library } from '../library/database.ts';
import { exportDestinationProblem } from './destination.ts';
import { exportImages } from './export-images.ts';

/** The export channels' work: one export at a time, progress pushed, cancellable. */
export function createExports({ db, dataDir, hub }: { db: Library; dataDir: string; hub: EventHub }) {
  let running: AbortController | null = null;
  return {
    /** Checks the destination, runs the export and answers when it is done or cancelled. */
    async start(input: ParsedInput<'export:start'>): Promise<ExportResult> {
      if (running !== null) throw new Failure('conflict', 'An export is already running: wait for it or cancel it first.');
      const problem = exportDestinationProblem(input.destination, dataDir);
      if (problem !== null) throw new Failure('invalid_input', problem);
      const controller = new AbortController();
      running = controller;
      try {
        return await exportImages({
          db, dataDir, generationIds: input.ids, destination: input.destination, sidecars: input.sidecars, picture: input.picture,
          template: input.template, signal: controller.signal, onProgress: (progress) => hub.emit('export:progress', progress),
        });
      } finally {
        running = null;
      }
    },
    /** Cancels the running export (nothing happens when none runs). */
    cancel(): void {
      running?.abort();
    },
  };
}
