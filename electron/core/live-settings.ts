import type { SettingsView } from '../../shared/contract.ts';
import { apiOrigin } from '../../shared/api-address.ts';
import { bindUnboundKey, fileKeyStore, keyFor, memoryKeyStore, type KeyStore } from './api-key.ts';
import type { EventHub } from './events.ts';
import { connectProvider, type Provider } from './provider.ts';
import type { SandboxOptions } from './sandbox/index.ts';
import { readSettings, writeSettings, type Settings } from './settings.ts';
import { storageFailure } from './storage-errors.ts';
import type { TaskApi } from './tasks/api.ts';

/** A change from the Settings dialog: null forgets the key. */
export interface SettingsChange {
  apiKey?: string | null;
  apiBaseUrl?: string;
  concurrency?: number;
  confirmRunsAbove?: number;
}

/** What a settings change does to the queue: a new API under it, a new limit, a pause lifted. */
export interface QueueControls {
  setApi(api: TaskApi): void;
  setConcurrency(concurrency: number): void;
  resume(): void;
}

/** The settings in effect, the key store and the provider they point at. */
export interface LiveSettings {
  /** Kinovi with the key for the current address, else the Sandbox; replaced when either changes. */
  readonly provider: Provider;
  readonly concurrency: number;
  view(): SettingsView;
  /** Saves what changed, swaps the API under the queue when the address or key did, announces the result. */
  update(change: SettingsChange): Promise<SettingsView>;
  /** Settles once a provider swap under way has finished. */
  switched(): Promise<void>;
}

export interface LiveSettingsOptions {
  dataDir: string;
  /** Overrides the saved API address for this run. */
  apiBaseUrl?: string | undefined;
  /** A key for this run only; never written anywhere. */
  apiKey?: string | undefined;
  keyStore?: KeyStore | undefined;
  sandbox?: SandboxOptions | undefined;
  hub: EventHub;
  /** The queue the provider serves; asked for only when a change is applied (it is built after the first provider). */
  queue: () => QueueControls;
}

/** Reads settings.json and the key, connects the provider they point at and keeps both in step with changes. */
export async function openLiveSettings(options: LiveSettingsOptions): Promise<LiveSettings> {
  const { dataDir, hub } = options;
  let settings: Settings = readSettings(dataDir);
  const apiBaseUrl = () => options.apiBaseUrl ?? settings.apiBaseUrl;
  const keys: KeyStore = options.apiKey
    ? memoryKeyStore({ key: options.apiKey, origin: apiOrigin(apiBaseUrl()) })
    : (options.keyStore ?? fileKeyStore(dataDir));
  bindUnboundKey(keys, apiBaseUrl());
  /** The key for the current address: a key saved for another origin is never sent here. */
  const currentKey = () => keyFor(keys.read(), apiBaseUrl());
  const connect = () => connectProvider({ getApiKey: currentKey, apiBaseUrl: apiBaseUrl(), ...(options.sandbox ? { sandbox: options.sandbox } : {}) });

  let provider = await connect();
  let switching = Promise.resolve();

  const view = (): SettingsView => ({
    hasApiKey: currentKey() !== undefined,
    keyOrigin: keys.read()?.origin ?? null,
    apiBaseUrl: apiBaseUrl(),
    concurrency: settings.concurrency,
    confirmRunsAbove: settings.confirmRunsAbove,
    dataDir,
  });
  /** Runs one write of a settings change; a storage problem says what was not saved and why. */
  const persist = (write: () => void, notDone: string) => {
    try {
      write();
    } catch (error) {
      throw storageFailure(error, notDone, dataDir) ?? error;
    }
  };
  /** What the provider depends on: when this changes, the API under the queue is swapped. */
  const providerInput = () => `${apiBaseUrl()}\n${currentKey() ?? ''}`;

  return {
    get provider() {
      return provider;
    },
    get concurrency() {
      return settings.concurrency;
    },
    view,
    switched: () => switching,
    async update(change) {
      const queue = options.queue();
      const before = providerInput();
      const next: Settings = {
        apiBaseUrl: change.apiBaseUrl ?? settings.apiBaseUrl,
        concurrency: change.concurrency ?? settings.concurrency,
        confirmRunsAbove: change.confirmRunsAbove ?? settings.confirmRunsAbove,
      };
      try {
        if (change.apiKey !== undefined) {
          // bound to the address it is given for: the one in this same change, if any
          const saved = change.apiKey === null ? undefined : { key: change.apiKey, origin: apiOrigin(options.apiBaseUrl ?? next.apiBaseUrl) };
          persist(() => keys.write(saved), saved ? 'The API key was not saved' : 'The API key was not removed');
        }
        if (next.apiBaseUrl !== settings.apiBaseUrl || next.concurrency !== settings.concurrency || next.confirmRunsAbove !== settings.confirmRunsAbove) {
          persist(() => writeSettings(dataDir, next), 'The settings were not saved');
          settings = next;
        }
        if (change.concurrency !== undefined) queue.setConcurrency(settings.concurrency);
      } finally {
        // Whatever was saved takes effect, even when a later part of the change failed.
        if (providerInput() !== before || change.apiKey !== undefined) {
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
        hub.emit('settings:changed', view());
      }
      return view();
    },
  };
}
