import { afterEach } from 'vitest';
import { createKinoviClient, type KinoviClient, type KinoviClientOptions } from '../../electron/core/kinovi/index.ts';
import { startSandbox, type Sandbox, type SandboxOptions } from '../../electron/core/sandbox/index.ts';

/**
 * The Kinovi client against a Sandbox of its own, for the client tests (vitest only): the
 * returned function starts one pair with `defaults` under the test's options; both are closed
 * after each test.
 */
export function sandboxClientPerTest(defaults: SandboxOptions) {
  let running: { sandbox: Sandbox; client: KinoviClient } | undefined;
  afterEach(async () => {
    await running?.client.close();
    await running?.sandbox.close();
    running = undefined;
  });
  return async (sandboxOptions: SandboxOptions = {}, clientOptions: Partial<KinoviClientOptions> = {}) => {
    const sandbox = await startSandbox({ ...defaults, ...sandboxOptions });
    const client = createKinoviClient({ baseUrl: sandbox.baseUrl, getApiKey: () => sandbox.apiKey, ...clientOptions });
    running = { sandbox, client };
    return running;
  };
}
