/**
 * `protocol`: privileged schemes must be registered before ready, handlers only after (they belong
 * to the default session, which does not exist before ready). The harness fetches through the
 * registered handler the way Chromium would, checking the answer as Electron does.
 */
import { strict } from './strict.ts';
import type { World } from './world.ts';

export interface SchemeRegistration {
  scheme: string;
  privileges?: Record<string, boolean>;
}

type Handler = (request: Request) => Response | Promise<Response>;

export interface ProtocolRecord {
  privileged: SchemeRegistration[];
  handlers: Map<string, Handler>;
}

/** What a page would get for `url`: Electron answers a handler that throws or returns a non-Response with a network error. */
export async function fetchThroughScheme(record: ProtocolRecord, url: string): Promise<{ status: number; type: string | null; body: Buffer } | { error: string }> {
  const scheme = new URL(url).protocol.slice(0, -1);
  const handler = record.handlers.get(scheme);
  if (!handler) return { error: 'net::ERR_UNKNOWN_URL_SCHEME' };
  try {
    const response = await handler(new Request(url));
    if (!(response instanceof Response)) return { error: 'net::ERR_UNEXPECTED' };
    if (response.type === 'error') return { error: 'net::ERR_FAILED' };
    return { status: response.status, type: response.headers.get('content-type'), body: Buffer.from(await response.arrayBuffer()) };
  } catch (error) {
    console.error(error);
    return { error: 'net::ERR_UNEXPECTED' };
  }
}

export function createProtocol(world: World, record: ProtocolRecord): object {
  const session = () => {
    if (!world.ready) throw new TypeError('Session can only be received when app is ready');
  };
  return strict(
    {
      registerSchemesAsPrivileged(schemes: SchemeRegistration[]) {
        if (world.ready) throw new Error('protocol.registerSchemesAsPrivileged should be called before app is ready');
        if (!Array.isArray(schemes)) throw new TypeError('Expected an array of custom schemes');
        record.privileged.push(...structuredClone(schemes));
        world.record(`protocol.registerSchemesAsPrivileged ${schemes.map((entry) => entry.scheme).join(',')}`);
      },
      handle(scheme: string, handler: Handler) {
        session();
        if (record.handlers.has(scheme)) throw new Error(`Failed to register protocol: ${scheme}`);
        record.handlers.set(scheme, handler);
        world.record(`protocol.handle ${scheme}`);
      },
      unhandle(scheme: string) {
        session();
        if (!record.handlers.delete(scheme)) throw new Error(`Failed to unhandle protocol: ${scheme}`);
      },
      isProtocolHandled(scheme: string) {
        session();
        return record.handlers.has(scheme);
      },
    },
    'protocol',
  );
}
