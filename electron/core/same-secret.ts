import { timingSafeEqual } from 'node:crypto';

/** Whether a secret a request presented is the expected one, in time that does not reveal how much of it matched. */
export function sameSecret(given: unknown, expected: string): boolean {
  if (typeof given !== 'string') return false;
  const a = Buffer.from(given);
  const b = Buffer.from(expected);
  return a.length === b.length && timingSafeEqual(a, b);
}
