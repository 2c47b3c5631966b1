/**
 * The one rule for the address Atelier sends the API key to, used by the Settings form's schema,
 * the settings file and ATELIER_API_BASE_URL alike: https, except for a server on this computer.
 */

export const API_ADDRESS_EXAMPLE = 'https://kinovi.ai/api/v1';

/** Whether a host name is this computer (localhost, 127.0.0.0/8, ::1): traffic to it never leaves the machine. */
export function isLoopbackHost(hostname: string): boolean {
  const host = hostname.toLowerCase().replace(/^\[|\]$/g, '');
  return host === 'localhost' || host.endsWith('.localhost') || host === '::1' || /^127(\.\d{1,3}){3}$/.test(host);
}

/** What is wrong with an API address, in words for the artist; null when it may be used. */
export function apiAddressProblem(text: string): string | null {
  let url: URL;
  try {
    url = new URL(text);
  } catch {
    return `The API address must be a full web address, like ${API_ADDRESS_EXAMPLE}.`;
  }
  if (url.protocol !== 'https:' && url.protocol !== 'http:') return `The API address must start with https://, like ${API_ADDRESS_EXAMPLE}.`;
  if (url.username !== '' || url.password !== '') return 'The API address must not contain a user name or password.';
  if (url.protocol === 'http:' && !isLoopbackHost(url.hostname)) {
    return 'The API address must start with https:// so the API key travels encrypted (plain http:// is only for a server on this computer, such as http://127.0.0.1).';
  }
  return null;
}

/** The origin (scheme, host, port) a key is bound to; the address must have passed `apiAddressProblem`. */
export function apiOrigin(address: string): string {
  return new URL(address).origin;
}
