import { describe, expect, it } from 'vitest';
import { bandProbes, bandsOf, hashDistance, SIMILAR_DISTANCE } from '../../electron/core/library/similar.ts';
import { perceptualBits } from '../../electron/core/media/fingerprint.ts';

/** A hash with the given bits (0 = most significant) flipped. */
function flip(hash: string, bits: number[]): string {
  let value = BigInt(`0x${hash}`);
  for (const bit of bits) value ^= 1n << BigInt(63 - bit);
  return value.toString(16).padStart(16, '0');
}

describe('perceptual hash distance', () => {
  it('counts the differing bits across both halves', () => {
    const a = '0123456789abcdef';
    expect(hashDistance(a, a)).toBe(0);
    expect(hashDistance(a, flip(a, [0]))).toBe(1);
    expect(hashDistance(a, flip(a, [0, 31, 32, 63]))).toBe(4);
    expect(hashDistance('0000000000000000', 'ffffffffffffffff')).toBe(64);
  });
});

describe('bands (multi-index hashing)', () => {
  it('cuts a hash into four 16-bit bands, most significant first', () => {
    expect(bandsOf('0001ffff8000abcd')).toEqual([0x0001, 0xffff, 0x8000, 0xabcd]);
    expect(() => bandsOf('xyz')).toThrow();
  });

  it('probes a band value and its 16 one-bit neighbours', () => {
    const probes = bandProbes(0);
    expect(probes).toHaveLength(17);
    expect(new Set(probes).size).toBe(17);
    expect(probes.every((p) => p === 0 || (p & (p - 1)) === 0)).toBe(true);
  });

  it('finds every hash within the threshold: some band of it is one of the probes (pigeonhole)', () => {
    const base = 'c3a5965a0ff01e2d';
    // the worst spreads: 7 differing bits as evenly as possible over the four bands, and all in one band
    const spreads = [[0, 1, 16, 17, 32, 33, 48], [0, 1, 2, 3, 4, 5, 6], [15, 16, 31, 47, 48, 62, 63]];
    for (const bits of spreads) {
      const near = flip(base, bits);
      expect(hashDistance(base, near)).toBe(SIMILAR_DISTANCE);
      const found = bandsOf(near).some((value, band) => bandProbes(bandsOf(base)[band] as number).includes(value));
      expect(found).toBe(true);
    }
    // two bits in every band (8 in all) is past what a lookup promises, and indeed no probe matches
    const far = flip(base, [0, 1, 16, 17, 32, 33, 48, 49]);
    expect(bandsOf(far).some((value, band) => bandProbes(bandsOf(base)[band] as number).includes(value))).toBe(false);
  });
});

describe('perceptualBits', () => {
  it('is each low frequency against their median: a picture and its negative differ in every bit but two', () => {
    let state = 12345;
    const texture = Uint8Array.from({ length: 1024 }, () => (state = (state * 1103515245 + 12345) % 2 ** 31) % 256);
    const negative = texture.map((v) => 255 - v);
    const a = perceptualBits(texture);
    expect(a).toMatch(/^[0-9a-f]{16}$/);
    expect(perceptualBits(texture)).toBe(a);
    // a negative flips the sign of every frequency but the mean, and so of their median: only the
    // mean's bit and the median's own (never above itself) can stay
    expect(hashDistance(a, perceptualBits(negative))).toBeGreaterThanOrEqual(62);
    expect(() => perceptualBits(new Uint8Array(10))).toThrow();
  });
});
