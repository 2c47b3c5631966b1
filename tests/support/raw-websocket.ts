import { randomBytes } from 'node:crypto';
import { connect, type Socket } from 'node:net';

/**
 * A WebSocket client by hand, for frames no well-behaved client would send (oversized, invalid
 * UTF-8, reserved opcodes) and for a page that sends without ever reading its answers.
 */
export interface RawBridge {
  socket: Socket;
  /** Resolves with the close code of the server's close frame, or null if it hung up without one. */
  closeCode(): Promise<number | null>;
}

/** Opens the preview's bridge with a hand-made upgrade request; resolves once the host said 101. */
export function openRawBridge(port: number, token: string, origin: string): Promise<RawBridge> {
  return new Promise((resolve, reject) => {
    const socket = connect({ host: '127.0.0.1', port });
    let received = Buffer.alloc(0);
    const onHandshake = (chunk: Buffer) => {
      received = Buffer.concat([received, chunk]);
      const end = received.indexOf('\r\n\r\n');
      if (end < 0) return;
      socket.off('data', onHandshake);
      const head = received.subarray(0, end).toString('latin1');
      if (!head.startsWith('HTTP/1.1 101')) return reject(new Error(`upgrade refused: ${head.split('\r\n')[0] ?? ''}`));
      let frames = received.subarray(end + 4);
      const closed = new Promise<number | null>((settle) => {
        const read = (more: Buffer) => {
          frames = Buffer.concat([frames, more]);
          const code = closeCodeIn(frames);
          if (code !== undefined) settle(code);
        };
        socket.on('data', read);
        socket.on('close', () => settle(closeCodeIn(frames) ?? null));
      });
      resolve({ socket, closeCode: () => closed });
    };
    socket.on('data', onHandshake);
    socket.on('error', reject);
    socket.write(
      [
        `GET /bridge?token=${encodeURIComponent(token)} HTTP/1.1`,
        `Host: 127.0.0.1:${port}`,
        `Origin: ${origin}`,
        'Upgrade: websocket',
        'Connection: Upgrade',
        `Sec-WebSocket-Key: ${randomBytes(16).toString('base64')}`,
        'Sec-WebSocket-Version: 13',
        '',
        '',
      ].join('\r\n'),
    );
  });
}

/**
 * One client frame, masked as clients must. `declaredLength` writes a length in the header other
 * than the payload's (an oversized frame is refused from its header alone).
 */
export function clientFrame(opcode: number, payload: Buffer, declaredLength = payload.length): Buffer {
  const mask = randomBytes(4);
  let header: Buffer;
  if (declaredLength < 126) {
    header = Buffer.from([0x80 | opcode, 0x80 | declaredLength]);
  } else if (declaredLength < 65536) {
    header = Buffer.alloc(4);
    header.writeUInt16BE(declaredLength, 2);
    header[1] = 0x80 | 126;
  } else {
    header = Buffer.alloc(10);
    header.writeBigUInt64BE(BigInt(declaredLength), 2);
    header[1] = 0x80 | 127;
  }
  header[0] = 0x80 | opcode;
  const masked = Buffer.from(payload.map((byte, i) => byte ^ (mask[i % 4] ?? 0)));
  return Buffer.concat([header, mask, masked]);
}

/** A text frame holding this request, as the studio page sends it. */
export function requestFrame(id: number, channel: string, input?: unknown): Buffer {
  return clientFrame(0x1, Buffer.from(JSON.stringify({ kind: 'request', id, channel, input })));
}

/** The close code of the first close frame in what the server sent (frames from the server are never masked). */
function closeCodeIn(data: Buffer): number | undefined {
  let at = 0;
  while (at + 2 <= data.length) {
    const opcode = (data[at] ?? 0) & 0x0f;
    let length = (data[at + 1] ?? 0) & 0x7f;
    let start = at + 2;
    if (length === 126) {
      if (start + 2 > data.length) return undefined;
      length = data.readUInt16BE(start);
      start += 2;
    } else if (length === 127) {
      if (start + 8 > data.length) return undefined;
      length = Number(data.readBigUInt64BE(start));
      start += 8;
    }
    if (start + length > data.length) return undefined;
    if (opcode === 0x8) return length >= 2 ? data.readUInt16BE(start) : 1005;
    at = start + length;
  }
  return undefined;
}
