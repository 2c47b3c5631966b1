import { isIPv4, isIPv6 } from 'node:net';

/**
 * What kind of network an IP address belongs to, for the URL rule: Atelier fetches from
 * `public` addresses, and from another kind only when the API base itself is on that kind
 * (the Sandbox on 127.0.0.1). Everything that is not a routable unicast address somewhere on
 * the internet — documentation ranges, multicast, "this network" — is `reserved`.
 */
export type AddressKind = 'public' | 'loopback' | 'private' | 'link-local' | 'reserved';

type Range = readonly [prefix: readonly number[], bits: number, kind: AddressKind];

// IPv4 ranges as [first octets, prefix length, kind] (RFC 6890 and its successors).
const V4_RANGES: readonly Range[] = [
  [[0], 8, 'reserved'], // "this network"; 0.0.0.0 reaches the local host on Linux
  [[10], 8, 'private'],
  [[100, 64], 10, 'private'], // carrier-grade NAT: someone's private network
  [[127], 8, 'loopback'],
  [[169, 254], 16, 'link-local'], // includes cloud metadata services at 169.254.169.254
  [[172, 16], 12, 'private'],
  [[192, 0, 0], 24, 'reserved'],
  [[192, 0, 2], 24, 'reserved'],
  [[192, 88, 99], 24, 'reserved'],
  [[192, 168], 16, 'private'],
  [[198, 18], 15, 'reserved'],
  [[198, 51, 100], 24, 'reserved'],
  [[203, 0, 113], 24, 'reserved'],
  [[224], 4, 'reserved'], // multicast
  [[240], 4, 'reserved'], // future use and broadcast
];

// IPv6 ranges as [first bytes, prefix length, kind]; those that carry an IPv4 address are handled first.
const V6_RANGES: readonly Range[] = [
  [[0x00, 0x64, 0xff, 0x9b, 0x00, 0x01], 48, 'private'], // local-use NAT64
  [[0x01, 0x00], 64, 'reserved'], // discard-only
  [[0x20, 0x01, 0x0d, 0xb8], 32, 'reserved'], // documentation
  [[0x20, 0x01], 23, 'reserved'], // IETF protocol assignments (Teredo, ORCHID, …)
  [[0xfc], 7, 'private'], // unique-local: IPv6's private networks
  [[0xfe, 0x80], 10, 'link-local'],
  [[0xfe, 0xc0], 10, 'private'], // site-local (deprecated, still routable inside a site)
  [[0xff], 8, 'reserved'], // multicast
];

/** The kind of a textual IPv4 or IPv6 address (brackets and zone allowed); throws on anything else. */
export function addressKind(address: string): AddressKind {
  const bare = address.replace(/^\[(.*)\]$/, '$1');
  if (isIPv4(bare)) return v4Kind(bare.split('.').map(Number));
  if (isIPv6(bare)) return v6Kind(ipv6Bytes(bare));
  throw new TypeError(`not an IP address: ${JSON.stringify(address)}`);
}

/** True when the text is an IPv4 or IPv6 literal (with or without URL brackets). */
export function isIpLiteral(host: string): boolean {
  const bare = host.replace(/^\[(.*)\]$/, '$1');
  return isIPv4(bare) || isIPv6(bare);
}

function v4Kind(octets: readonly number[]): AddressKind {
  return kindIn(V4_RANGES, octets) ?? 'public';
}

function v6Kind(bytes: readonly number[]): AddressKind {
  const first80Zero = bytes.slice(0, 10).every((b) => b === 0);
  // ::ffff:a.b.c.d (v4-mapped) connects to the IPv4 address itself.
  if (first80Zero && bytes[10] === 0xff && bytes[11] === 0xff) return v4Kind(bytes.slice(12));
  if (first80Zero && bytes[10] === 0 && bytes[11] === 0) {
    if (bytes.slice(12, 15).every((b) => b === 0) && bytes[15] === 1) return 'loopback'; // ::1
    return 'reserved'; // :: and the deprecated v4-compatible ::a.b.c.d
  }
  // NAT64 (64:ff9b::/96) and 6to4 (2002::/16) reach the IPv4 address they embed.
  if (startsWith(bytes, [0x00, 0x64, 0xff, 0x9b, 0, 0, 0, 0, 0, 0, 0, 0], 96)) return v4Kind(bytes.slice(12));
  if (bytes[0] === 0x20 && bytes[1] === 0x02) return v4Kind(bytes.slice(2, 6));
  return kindIn(V6_RANGES, bytes) ?? 'public';
}

function kindIn(ranges: readonly Range[], bytes: readonly number[]): AddressKind | null {
  for (const [prefix, bits, kind] of ranges) if (startsWith(bytes, prefix, bits)) return kind;
  return null;
}

function startsWith(bytes: readonly number[], prefix: readonly number[], bits: number): boolean {
  for (let bit = 0; bit < bits; bit += 8) {
    const index = bit / 8;
    const mask = bits - bit >= 8 ? 0xff : (0xff << (8 - (bits - bit))) & 0xff;
    if (((bytes[index] ?? 0) & mask) !== ((prefix[index] ?? 0) & mask)) return false;
  }
  return true;
}

/** The 16 bytes of a valid IPv6 address (zone dropped, embedded dotted IPv4 allowed). */
function ipv6Bytes(text: string): number[] {
  const address = text.split('%')[0] ?? '';
  const groupsOf = (part: string): number[] => {
    if (part === '') return [];
    return part.split(':').flatMap((group) => {
      if (!group.includes('.')) return [Number.parseInt(group, 16)];
      const [a = 0, b = 0, c = 0, d = 0] = group.split('.').map(Number);
      return [(a << 8) | b, (c << 8) | d];
    });
  };
  const [head = '', tail] = address.split('::');
  const left = groupsOf(head);
  const right = tail === undefined ? [] : groupsOf(tail);
  const groups = [...left, ...Array<number>(8 - left.length - right.length).fill(0), ...right];
  return groups.flatMap((group) => [group >> 8, group & 0xff]);
}
