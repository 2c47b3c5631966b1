import { afterAll, beforeAll } from 'vitest';
import { closeHttpAgents } from '../../electron/core/net/http-agent.ts';
import { type ImageServer, startImageServer } from './image-server.ts';

/**
 * A loopback image server for the calling file's tests (vitest only): `use` hands it to the file's
 * own variable before the first test; it is closed after the last, with the pooled connections to it.
 */
export function imageServerPerFile(use: (server: ImageServer) => void): void {
  let server: ImageServer | undefined;
  beforeAll(async () => {
    server = await startImageServer();
    use(server);
  });
  afterAll(async () => {
    await closeHttpAgents();
    await server?.close();
  });
}
