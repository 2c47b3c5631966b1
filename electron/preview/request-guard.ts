import type { IncomingMessage } from 'node:http';

/** Why a request is refused before anything is served, in words for whoever reads the answer. */
export interface Refusal {
  status: 400 | 403;
  reason: string;
}

/**
 * Checks what every request and upgrade must pass: a Host header naming this host (a page on a
 * rebound DNS name reaches 127.0.0.1 but says its own name, so it cannot read the library's
 * images), and a target that reads as a URL (`GET //x:99999/` must be an answer, not a crash).
 */
export function checkRequest(req: IncomingMessage, origin: string): { url: URL } | { refusal: Refusal } {
  const expected = new URL(origin).host;
  if (req.headers.host?.toLowerCase() !== expected) {
    return { refusal: { status: 403, reason: `This is the Atelier preview: open it as http://${expected}/` } };
  }
  const url = URL.parse(req.url ?? '/', origin);
  if (!url) return { refusal: { status: 400, reason: 'That address cannot be read.' } };
  return { url };
}
