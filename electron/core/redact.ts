/**
 * Keeps API keys out of everything Atelier stores, logs or pushes. The app knows the key it sends,
 * but a key can also reach text it never saw (pasted into a prompt, echoed by a careless server or
 * proxy, a header dumped by a library), so text is also scrubbed by shape: bearer tokens,
 * `key=value` pairs named like a secret, and long key-like tokens.
 */

const HIDDEN = '[hidden]';
const BEARER = /\bBearer\s+[^\s"',;]+/gi;
const NAMED_SECRET = /\b(api[-_ ]?key|x-api-key|authorization|access[-_]?token|secret|token|password)(["']?\s*[:=]\s*["']?)(?!Bearer\b)([^\s"',;}]+)/gi;
// 32+ characters of letters AND digits (dashes/underscores allowed): API keys, tokens, hashes.
// Hashes and task ids get hidden too; text that loses them is better than text that leaks a key.
const KEY_LIKE = /\b(?=[\w-]*\d)(?=[\w-]*[A-Za-z])[\w-]{32,}/g;
/** Server text is shown to the artist and stored per generation: a few lines, never a page. */
const SERVER_TEXT_MAX = 300;

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

/**
 * The one gate for text a server sent (an error message, a field name, a failure code): the key
 * and anything key-shaped removed, and the length bounded, before it is stored, logged or pushed.
 */
export function redactServerText(text: string, key: string | undefined): string {
  const clean = scrubSecrets(text, [key]);
  return clean.length > SERVER_TEXT_MAX ? `${clean.slice(0, SERVER_TEXT_MAX)}…` : clean;
}
