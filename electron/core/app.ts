import { mkdirSync } from 'node:fs';
import path from 'node:path';
import type { AppInfo } from '../../shared/contract.ts';
import type { Result } from '../../shared/result.ts';
import type { Handlers } from './dispatch.ts';
import { dispatch } from './dispatch.ts';
import type { EventListener } from './events.ts';
import { EventHub } from './events.ts';

export interface CoreOptions {
  /** The library folder; created if missing. */
  dataDir: string;
  version: string;
  shell: AppInfo['shell'];
  /** A Kinovi-compatible base URL; with no API key the built-in Sandbox is used instead. */
  apiBaseUrl?: string | undefined;
  apiKey?: string | undefined;
}

export interface Core {
  /** Answers one request from a transport; never throws. */
  dispatch(channel: unknown, input: unknown): Promise<Result<unknown>>;
  /** Receives every push event; the returned function unsubscribes. */
  subscribe(listener: EventListener): () => void;
  close(): Promise<void>;
}

export const DEFAULT_API_BASE_URL = 'https://kinovi.ai/api/v1';

/** The composition root: builds every service of the core and the handlers that expose them. */
export async function startCore(options: CoreOptions): Promise<Core> {
  const dataDir = path.resolve(options.dataDir);
  mkdirSync(dataDir, { recursive: true });
  const hub = new EventHub();
  const provider: AppInfo['provider'] = options.apiKey
    ? { kind: 'kinovi', baseUrl: options.apiBaseUrl ?? DEFAULT_API_BASE_URL, label: 'Kinovi' }
    : { kind: 'sandbox', baseUrl: 'built-in', label: 'Sandbox — images are simulated, no credits used' };

  const handlers: Handlers = {
    'app:info': () => ({ name: 'Atelier', version: options.version, dataDir, provider, shell: options.shell }),
  };

  queueMicrotask(() => hub.emit('app:ready', { at: Date.now() }));
  return {
    dispatch: (channel, input) => dispatch(handlers, channel, input),
    subscribe: (listener) => hub.subscribe(listener),
    close: async () => {},
  };
}
