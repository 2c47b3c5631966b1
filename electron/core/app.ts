import path from 'node:path';
import type { AppInfo, LibraryDamage } from '../../shared/contract.ts';
import type { Result } from '../../shared/result.ts';
import { dispatch } from './dispatch.ts';
import type { EventListener } from './events.ts';
import { EventHub } from './events.ts';
import { createHandlers } from './handlers.ts';
import { creditSummary } from './library/stats.ts';
import { createImports } from './import/imports.ts';
import { createExports, type ExportDownload } from './export/exports.ts';
import { latestBackup } from './library/backup.ts';
import { watchLibraryHealth } from './library/health.ts';
import { closeLibrary, needsFullCheck, openLibrary } from './library/database.ts';
import { lockLibrary, type LibraryLock } from './library/lock.ts';
import { startLibraryThreads } from './library/threads.ts';
import type { RetryPolicy } from './media/retry.ts';
import { sweepTempFiles } from './media/temp-files.ts';
import type { Provider } from './provider.ts';
import type { SandboxOptions } from './sandbox/index.ts';
import type { KeyStore } from './api-key.ts';
import { openLiveSettings } from './live-settings.ts';
import { makePrivateFolder } from './private-files.ts';
import { requestStorageFailure, restoreAdvice, storageFailure } from './storage-errors.ts';
import { TaskQueue } from './tasks/queue.ts';
import { createUndoLog } from './undo-log.ts';
import { openKeptUploads } from './reference/kept-uploads.ts';
import { readyToSend } from './reference/renew.ts';
import { listUnfinished } from './library/generations.ts';
import type { PollTiming } from './tasks/timing.ts';
import type { DesktopActions } from './desktop/desktop.ts';

export interface CoreOptions {
  /** The library folder; created if missing. */
  dataDir: string;
  version: string;
  shell: AppInfo['shell'];
  /** Overrides the saved API address for this run (ATELIER_API_BASE_URL). */
  apiBaseUrl?: string | undefined;
  /** A key for this run only (ATELIER_API_KEY); never written anywhere. */
  apiKey?: string | undefined;
  /** Where a key entered in Settings is kept; the desktop app passes one backed by safeStorage. */
  keyStore?: KeyStore;
  /** Sandbox timings and limits (tests make it fast). */
  sandbox?: SandboxOptions;
  /** Poll timing (tests make it fast); 3 s base against a real API. */
  timing?: PollTiming;
  downloadRetry?: RetryPolicy;
  /** How long closing waits for createTask requests already on their way (default 5 s; tests shorten it). */
  closeGraceMs?: number;
  /** Drag, copy and show-in-folder for saved images; the Electron shell passes them, the preview does not. */
  desktop?: DesktopActions;
  /** How long after start-up the daily backup runs (default 2 minutes). */
  backupDelayMs?: number;
  /** The queue's clock, which also judges reference uploads' expiry; tests hold one beside the Sandbox's. */
  now?: () => number;
}

export interface Core {
  /** Answers one request from a transport; never throws. */
  dispatch(channel: unknown, input: unknown): Promise<Result<unknown>>;
  /** Receives every push event; the returned function unsubscribes. */
  subscribe(listener: EventListener): () => void;
  /** The built-in Sandbox while no key is set (tests inject faults through it). */
  readonly provider: Provider;
  /** The library folder (absolute): the media scheme serves files from here only. */
  readonly dataDir: string;
  /** The preview's ZIP download a one-time address names (taken: it cannot be used again); null when unknown, used or expired. */
  takeDownload(secret: string): ExportDownload | null;
  /** How many generations are still on their way (the desktop app asks before quitting on them). */
  unfinishedCount(): number;
  /** Stops the queue (a createTask already sent gets a few seconds to answer), then the API and the library. */
  close(): Promise<void>;
}

/**
 * The composition root: takes the library's lock (one process per library), opens the library,
 * connects the provider, starts the queue, exposes the handlers.
 */
export async function startCore(options: CoreOptions): Promise<Core> {
  const dataDir = path.resolve(options.dataDir);
  let lock: LibraryLock;
  try {
    makePrivateFolder(dataDir);
    lock = lockLibrary(dataDir);
  } catch (error) {
    throw storageFailure(error, 'Atelier cannot open its library', dataDir) ?? error;
  }
  try {
    return await startLocked(options, dataDir, lock);
  } catch (error) {
    lock.release();
    throw error;
  }
}

async function startLocked(options: CoreOptions, dataDir: string, lock: LibraryLock): Promise<Core> {
  const hub = new EventHub();
  // asked before opening: the write-ahead log a crash leaves behind is gone once the library closes cleanly
  const fullCheck = needsFullCheck(dataDir);
  let damage: LibraryDamage | null = null;
  const library = watchLibraryHealth(openLibrary(dataDir), (cause) => {
    // Stop everything that writes, then tell the artist how to get the library back.
    console.error('[atelier] the library file is damaged; Atelier stopped writing to it:', cause);
    damage = { message: `The library file is damaged, so Atelier has stopped writing to it. ${restoreAdvice(dataDir)}`, backup: latestBackup(dataDir) };
    void queue.close();
    hub.emit('library:damaged', damage);
  });
  const db = library.db;
  // Everything that reads the whole library runs on worker threads; start-up waits for none of it.
  const threads = startLibraryThreads({
    db,
    dataDir,
    fullCheck,
    ...(options.backupDelayMs !== undefined ? { backupDelayMs: options.backupDelayMs } : {}),
    // the full check after a crash and the backup's check of its copy are where silent damage shows up first
    onDamage: (cause) => library.reportDamage(cause),
    onHashing: (progress) => hub.emit('library:hashing', progress),
  });

  const settings = await openLiveSettings({
    dataDir,
    apiBaseUrl: options.apiBaseUrl,
    apiKey: options.apiKey,
    keyStore: options.keyStore,
    sandbox: options.sandbox,
    hub,
    queue: () => queue,
  });
  const now = options.now ?? Date.now;
  const keptUploads = openKeptUploads(dataDir, now);
  const queue = new TaskQueue({
    db,
    dataDir,
    api: settings.provider.api,
    hub,
    concurrency: settings.concurrency,
    now,
    // an uploaded reference that ran out while the run waited is uploaded again before it goes
    beforeSend: (generation, body) => readyToSend({ db, dataDir, kept: keptUploads, provider: () => settings.provider, now }, generation, body),
    ...(options.timing ? { timing: options.timing } : {}),
    ...(options.downloadRetry ? { downloadRetry: options.downloadRetry } : {}),
    ...(options.closeGraceMs !== undefined ? { closeGraceMs: options.closeGraceMs } : {}),
    providerKind: () => settings.provider.info.kind,
    onCreditsChanged: () =>
      void threads.totalsCounted.then(() => hub.emit('credits:changed', creditSummary(db, settings.provider.info.kind)), () => undefined),
  });

  const undoLog = createUndoLog({ db, dataDir, hub });
  const imports = createImports({ db, dataDir, hub });
  const exports = createExports({ db, dataDir, hub, shell: options.shell });
  const handlers = createHandlers({
    db,
    imports,
    exports,
    hub,
    queue,
    threads,
    dataDir,
    desktop: options.desktop,
    providerKind: () => settings.provider.info.kind,
    provider: () => settings.provider,
    keptUploads,
    appInfo: () => ({ name: 'Atelier', version: options.version, dataDir, provider: settings.provider.info, shell: options.shell, libraryDamage: damage }),
    settings,
    undoLog,
  });

  // Before the queue writes new temp files: what is there now was left by a crash.
  await sweepTempFiles(dataDir).catch((error: unknown) => console.error('[atelier] could not clear the library temp folder:', error));
  queue.start();
  // after the sweep: an import cut off by a crash or quit goes on, its half-copied file gone
  imports.resume();
  // in short parts after start-up: trash whose undo expired (or was lost by a crash) goes, with its files
  void undoLog.start();
  queueMicrotask(() => hub.emit('app:ready', { at: Date.now() }));
  return {
    dispatch: (channel, input) => dispatch(handlers, channel, input, (name, error) => requestStorageFailure(name, error, dataDir, library.damaged)),
    subscribe: (listener) => hub.subscribe(listener),
    takeDownload: (secret) => exports.takeDownload(secret),
    dataDir,
    unfinishedCount: () => listUnfinished(db).length,
    get provider() {
      return settings.provider;
    },
    close: async () => {
      // Stop the queue first, so nothing new is sent while a provider switch finishes.
      const queueClosed = queue.close();
      // an import stops after the file under way: the rest goes on at the next start
      const importsClosed = imports.close();
      await settings.switched();
      await Promise.all([queueClosed, importsClosed, undoLog.close()]);
      await settings.provider.close();
      // the threads' connections close first (a backup under way finishes), so the core's close folds the log back into the file
      await threads.close();
      try {
        closeLibrary(db);
      } finally {
        lock.release();
      }
    },
  };
}
