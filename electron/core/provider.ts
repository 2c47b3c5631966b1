import type { AppInfo } from '../../shared/contract.ts';
import { createKinoviClient, type KinoviClient } from './kinovi/index.ts';
import { startSandbox, type Sandbox, type SandboxOptions } from './sandbox/index.ts';

/** Where generations are sent: Kinovi itself with the artist's key, or the built-in Sandbox. */
export interface Provider {
  info: AppInfo['provider'];
  api: KinoviClient;
  /** Present in Sandbox mode; tests use it to inject faults and count submissions. */
  sandbox: Sandbox | undefined;
  close(): Promise<void>;
}

/** API calls share 4 keep-alive connections; image downloads have 4 more: 8 in all, however many tasks run. */
const API_CONNECTIONS = 4;

export const SANDBOX_LABEL = 'Sandbox — images are simulated, no credits used';

/** Connects to Kinovi when a key is set, otherwise starts the Sandbox on 127.0.0.1. */
export async function connectProvider(options: {
  getApiKey: () => string | undefined;
  apiBaseUrl: string;
  sandbox?: SandboxOptions;
}): Promise<Provider> {
  if (options.getApiKey()) {
    const api = createKinoviClient({ baseUrl: options.apiBaseUrl, getApiKey: options.getApiKey, connections: API_CONNECTIONS });
    return { info: { kind: 'kinovi', baseUrl: options.apiBaseUrl, label: 'Kinovi' }, api, sandbox: undefined, close: () => api.close() };
  }
  const sandbox = await startSandbox(options.sandbox);
  const api = createKinoviClient({ baseUrl: sandbox.baseUrl, getApiKey: () => sandbox.apiKey, connections: API_CONNECTIONS });
  return {
    info: { kind: 'sandbox', baseUrl: sandbox.baseUrl, label: SANDBOX_LABEL },
    api,
    sandbox,
    close: async () => {
      await api.close();
      await sandbox.close();
    },
  };
}
