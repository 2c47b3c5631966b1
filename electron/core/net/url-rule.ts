import { lookup as dnsLookup } from 'node:dns/promises';
import type { LookupFunction } from 'node:net';
import { type AddressKind, addressKind, isIpLiteral } from './address-kind.ts';

/**
 * The one rule for every address Atelier fetches from or sends bytes to, other than the API
 * itself (image downloads, reference checks and reference uploads):
 * - https only; plain http only while the API base is on this computer (the Sandbox, tests);
 * - only public addresses, unless the API base itself is on a loopback, private or link-local
 *   address, in which case that kind is allowed too (the Sandbox serves its images from 127.0.0.1);
 * - checked against every address the name resolves to, and again at connect time through
 *   `lookup`, so a name that changes its answer in between (DNS rebinding) is still refused.
 * An answer from the API (a recordInfo image URL) can therefore never make Atelier reach a
 * service on the artist's machine or network.
 */

export interface ResolvedAddress {
  address: string;
  family: number;
}

/** Every address a host name resolves to; injectable so tests never query a real DNS server. */
export type Resolve = (hostname: string) => Promise<readonly ResolvedAddress[]>;

/** Atelier's own refusal of an address, with the reason in words an artist understands. */
export class RefusedUrlError extends Error {
  /** The technical detail for the log (scheme, address, hop). */
  readonly detail: string;

  constructor(message: string, detail: string) {
    super(message);
    this.name = 'RefusedUrlError';
    this.detail = detail;
  }
}

export interface UrlRule {
  /** Address kinds requests may reach: public, plus the API base's own. */
  readonly reachable: ReadonlySet<AddressKind>;
  readonly allowsPlainHttp: boolean;
  /** Rules with the same key behave the same, so they may share connections. */
  readonly key: string;
  /** Parses and checks a URL (scheme, then every address of its host); throws RefusedUrlError, or the DNS error when the name cannot be resolved. */
  check(url: string | URL): Promise<URL>;
  /** A `net.connect` lookup that resolves and checks again at connect time, and connects only to checked addresses. */
  readonly lookup: LookupFunction;
}

const systemResolve: Resolve = (hostname) => dnsLookup(hostname, { all: true, verbatim: true });
const resolverIds = new WeakMap<Resolve, number>();
let nextResolverId = 1;

/** The URL rule for an API base (its addresses are resolved once here; a DNS failure is thrown as is, to be retried). */
export async function createUrlRule(apiBaseUrl: string, options: { resolve?: Resolve } = {}): Promise<UrlRule> {
  const resolve = options.resolve ?? systemResolve;
  const base = new URL(apiBaseUrl);
  const baseKinds = (await addressesOf(base.hostname, resolve)).map((a) => addressKind(a.address));
  const reachable = new Set<AddressKind>(['public', ...baseKinds]);
  const allowsPlainHttp = reachable.has('loopback');
  const resolverKey = options.resolve ? `#${resolverIdOf(options.resolve)}` : '';
  const key = `${[...reachable].sort().join('+')}${resolverKey}`;

  const checkedAddresses = async (hostname: string): Promise<readonly ResolvedAddress[]> => {
    const addresses = await addressesOf(hostname, resolve);
    const refused = addresses.find((a) => !reachable.has(addressKind(a.address)));
    if (refused) {
      throw new RefusedUrlError(
        'The image address points into this computer or a private network; Atelier never fetches from there.',
        `${hostname} resolves to ${refused.address} (${addressKind(refused.address)})`,
      );
    }
    return addresses;
  };

  const check = async (url: string | URL): Promise<URL> => {
    const parsed = parseUrl(url);
    if (parsed.protocol !== 'https:' && !(parsed.protocol === 'http:' && allowsPlainHttp)) {
      throw new RefusedUrlError(
        parsed.protocol === 'http:' ? 'The image address is not secure (http); Atelier only fetches over https.' : 'The image address is not a web address Atelier can fetch.',
        `scheme ${parsed.protocol}`,
      );
    }
    await checkedAddresses(parsed.hostname);
    return parsed;
  };

  const lookup: LookupFunction = (hostname, lookupOptions, callback) => {
    checkedAddresses(hostname).then(
      (addresses) => {
        const family = lookupOptions.family === 'IPv4' ? 4 : lookupOptions.family === 'IPv6' ? 6 : lookupOptions.family;
        const wanted = family === 4 || family === 6 ? addresses.filter((a) => a.family === family) : addresses;
        const first = wanted[0];
        if (!first) callback(notFound(hostname), '', 0);
        else if (lookupOptions.all) callback(null, wanted.map((a) => ({ address: a.address, family: a.family })));
        else callback(null, first.address, first.family);
      },
      (error: unknown) => callback(error as NodeJS.ErrnoException, '', 0),
    );
  };

  return { reachable, allowsPlainHttp, key, check, lookup };
}

function parseUrl(url: string | URL): URL {
  try {
    return new URL(url);
  } catch {
    throw new RefusedUrlError('The image address is not a valid web address.', `unparsable URL (${String(url).length} characters)`);
  }
}

async function addressesOf(hostname: string, resolve: Resolve): Promise<readonly ResolvedAddress[]> {
  // A literal address is its own answer: net.connect skips the lookup hook for those.
  if (isIpLiteral(hostname)) {
    const bare = hostname.replace(/^\[(.*)\]$/, '$1');
    return [{ address: bare, family: bare.includes(':') ? 6 : 4 }];
  }
  const addresses = await resolve(hostname);
  if (addresses.length === 0) throw notFound(hostname);
  return addresses;
}

function notFound(hostname: string): NodeJS.ErrnoException {
  return Object.assign(new Error(`no address found for ${hostname}`), { code: 'ENOTFOUND' });
}

function resolverIdOf(resolve: Resolve): number {
  let id = resolverIds.get(resolve);
  if (id === undefined) {
    id = nextResolverId++;
    resolverIds.set(resolve, id);
  }
  return id;
}
