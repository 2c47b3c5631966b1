import { createServer, type ServerResponse } from 'node:http';

/** One createTask request as it reached the stub; it waits for `answer` before answering. */
export interface HeldCreateTask {
  /** The request body exactly as received. */
  body: string;
  answer(): void;
}

/**
 * A stand-in for Kinovi on 127.0.0.1 that hands every createTask to the test: the test reads
 * the exact bytes sent and decides when the answer goes back. recordInfo always says `waiting`.
 */
export async function stubKinovi(): Promise<{ baseUrl: string; apiKey: string; received(): Promise<HeldCreateTask>; close(): Promise<void> }> {
  const arrived: HeldCreateTask[] = [];
  const waiting: Array<(held: HeldCreateTask) => void> = [];
  let tasks = 0;
  const json = (res: ServerResponse, status: number, body: unknown) => {
    res.writeHead(status, { 'content-type': 'application/json' });
    res.end(JSON.stringify(body));
  };
  const server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (chunk: Buffer) => chunks.push(chunk));
    req.on('end', () => {
      const url = new URL(req.url ?? '/', 'http://stub.invalid');
      if (url.pathname === '/api/v1/jobs/createTask') {
        const taskId = `task_stub${++tasks}`;
        const held = { body: Buffer.concat(chunks).toString('utf8'), answer: () => json(res, 200, { taskId }) };
        const waiter = waiting.shift();
        if (waiter) waiter(held);
        else arrived.push(held);
      } else if (url.pathname === '/api/v1/jobs/recordInfo') {
        json(res, 200, { taskId: url.searchParams.get('taskId'), status: 'waiting', creditsUsed: 0, output: null, error: null });
      } else json(res, 404, { message: 'Not found' });
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as { port: number };
  return {
    baseUrl: `http://127.0.0.1:${port}/api/v1`,
    apiKey: 'stub-key',
    received: () => {
      const held = arrived.shift();
      return held ? Promise.resolve(held) : new Promise((resolve) => waiting.push(resolve));
    },
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}
