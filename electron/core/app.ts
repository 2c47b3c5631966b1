import { mkdirSync } from 'node:fs';
import path from 'node:path';
import type { AppInfo, SettingsView } from '../../shared/contract.ts';
import type { Result } from '../../shared/result.ts';
import { dispatch } from './dispatch.ts';
import type { EventListener } from './events.ts';
import { EventHub } from './events.ts';
import { createHandlers, creditSummary } from './handlers.ts';
import { closeLibrary, needsFullCheck, openLibrary } from './library/database.ts';
import { startLibraryThreads } from './library/threads.ts';
import type { RetryPolicy } from './media/retry.ts';
import { connectProvider, type Provider } from './provider.ts';
import type { SandboxOptions } from './sandbox/index.ts';
import { fileKeyStore, memoryKeyStore, readSettings, writeSettings, type KeyStore, type Settings } from './settings.ts';
import { TaskQueue } from './tasks/queue.ts';
import { emptyTrash, TRASH_DAYS } from './trash.ts';
import { listUnfinished } from './library/generations.ts';
import type { PollTiming } from './tasks/timing.ts';
import type { DesktopActions } from './shell/desktop.ts';

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
  /** Drag, copy and show-in-folder for saved images; the Electron shell passes them, the preview does not. */
  desktop?: DesktopActions;
  /** How long after start-up the daily backup runs (default 2 minutes). */
  backupDelayMs?: number;
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
  /** How many generations are still on their way (the desktop app asks before quitting on them). */
  unfinishedCount(): number;
  close(): Promise<void>;
}

/** The composition root: opens the library, connects the provider, starts the queue, exposes the handlers. */
export async function startCore(options: CoreOptions): Promise<Core> {
  const dataDir = path.resolve(options.dataDir);
  mkdirSync(dataDir, { recursive: true });
  const hub = new EventHub();
  // asked before opening: the write-ahead log a crash leaves behind is gone once the library closes cleanly
  const fullCheck = needsFullCheck(dataDir);
  const db = openLibrary(dataDir);
  // Everything that reads the whole library runs on worker threads; start-up waits for none of it.
  let libraryProblem: string | null = null;
  const threads = startLibraryThreads({
    db,
    dataDir,
    fullCheck,
    ...(options.backupDelayMs !== undefined ? { backupDelayMs: options.backupDelayMs } : {}),
    onDamage(message, problems) {
      console.error('[atelier] library damage found:', problems.join('; '));
      libraryProblem = message;
      hub.emit('library:damaged', { message });
    },
  });

  const keys: KeyStore = options.apiKey ? memoryKeyStore(options.apiKey) : (options.keyStore ?? fileKeyStore(dataDir));
  let settings: Settings = readSettings(dataDir);
  const apiBaseUrl = () => options.apiBaseUrl ?? settings.apiBaseUrl;
  const connect = () => connectProvider({ getApiKey: () => keys.read(), apiBaseUrl: apiBaseUrl(), ...(options.sandbox ? { sandbox: options.sandbox } : {}) });

  let provider = await connect();
  const queue = new TaskQueue({
    db,
    dataDir,
    api: provider.api,
    hub,
    concurrency: settings.concurrency,
    ...(options.timing ? { timing: options.timing } : {}),
    ...(options.downloadRetry ? { downloadRetry: options.downloadRetry } : {}),
    chargesCredits: () => provider.info.kind === 'kinovi',
    onCreditsChanged: () => void threads.totalsCounted.then(() => hub.emit('credits:changed', creditSummary(db)), () => undefined),
  });

  const view = (): SettingsView => ({ hasApiKey: Boolean(keys.read()), apiBaseUrl: apiBaseUrl(), concurrency: settings.concurrency, dataDir });
  let switching = Promise.resolve();

  const handlers = createHandlers({
    db,
    hub,
    queue,
    threads,
    dataDir,
    desktop: options.desktop,
    appInfo: () => ({ name: 'Atelier', version: options.version, dataDir, provider: provider.info, shell: options.shell, libraryProblem }),
    settings: {
      view,
      async update(change) {
        const providerChanges = change.apiKey !== undefined || (change.apiBaseUrl !== undefined && change.apiBaseUrl !== settings.apiBaseUrl);
        if (change.apiKey !== undefined) keys.write(change.apiKey ?? undefined);
        settings = { apiBaseUrl: change.apiBaseUrl ?? settings.apiBaseUrl, concurrency: change.concurrency ?? settings.concurrency };
        writeSettings(dataDir, settings);
        if (change.concurrency !== undefined) queue.setConcurrency(change.concurrency);
        if (providerChanges) {
          // Swap the API under the queue, then close the old one; a key fix also lifts a pause.
          switching = switching.then(async () => {
            const previous = provider;
            provider = await connect();
            queue.setApi(provider.api);
            await previous.close();
            queue.resume();
          });
          await switching;
        }
        const next = view();
        hub.emit('settings:changed', next);
        return next;
      },
    },
  });

  queue.start();
  emptyTrash(db, dataDir, hub, Date.now() - TRASH_DAYS * 86_400_000);
  queueMicrotask(() => hub.emit('app:ready', { at: Date.now() }));
  return {
    dispatch: (channel, input) => dispatch(handlers, channel, input),
    subscribe: (listener) => hub.subscribe(listener),
    dataDir,
    unfinishedCount: () => listUnfinished(db).length,
    get provider() {
      return provider;
    },
    close: async () => {
      await switching;
      await queue.close();
      await provider.close();
      // the threads' connections close first, so the core's close folds the log back into the file
      await threads.close();
      closeLibrary(db);
    },
  };
}
