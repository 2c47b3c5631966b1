/**
 * Keeps API keys out of the log file. The shell knows the key it stores, but a key can also reach a
 * log line it never saw (pasted into a prompt, echoed in a server error, a header dumped by a
 * library), so lines are also scrubbed by shape: bearer tokens, `key=value` pairs named like a
 * secret, and long key-like tokens.
 */

const HIDDEN = '[hidden]';
const BEARER = /\bBearer\s+[^\s"',;]+/gi;
const NAMED_SECRET = /\b(api[-_ ]?key|x-api-key|authorization|access[-_]?token|secret|token|password)(["']?\s*[:=]\s*["']?)(?!Bearer\b)([^\s"',;}]+)/gi;
// 32+ characters of letters AND digits (dashes/underscores allowed): API keys, tokens, hashes.
// Hashes and task ids get hidden too; a log that loses them is better than one that leaks a key.
const KEY_LIKE = /\b(?=[\w-]*\d)(?=[\w-]*[A-Za-z])[\w-]{32,}/g;

/** The text with every known secret and every key-looking string replaced by `[hidden]`. */
export function scrubSecrets(text: string, secrets: Iterable<string | undefined> = []): string {
  let clean = text;
  for (const secret of secrets) {
    // Very short "keys" would blank out ordinary words; real keys are long.
    if (secret && secret.length >= 8) clean = clean.split(secret).join(HIDDEN);
  }
  return clean
    .replace(BEARER, `Bearer ${HIDDEN}`)
    .replace(NAMED_SECRET, (_match, name: string, separator: string) => `${name}${separator}${HIDDEN}`)
    .replace(KEY_LIKE, HIDDEN);
}
