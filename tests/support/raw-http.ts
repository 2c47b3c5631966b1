import { connect } from 'node:net';

/**
 * Sends bytes exactly as given (fetch and http.get would refuse or normalise a malformed
 * request line) and resolves with everything the server answered once it closes the connection.
 */
export function rawRequest(port: number, text: string): Promise<string> {
  return new Promise((resolve, reject) => {
    const socket = connect({ host: '127.0.0.1', port });
    const chunks: Buffer[] = [];
    socket.on('data', (chunk: Buffer) => chunks.push(chunk));
    socket.on('end', () => resolve(Buffer.concat(chunks).toString('latin1')));
    socket.on('error', reject);
    socket.write(text);
  });
}
