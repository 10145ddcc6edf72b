/**
 * Secrets must never reach the screen, a session file or a log. Every message
 * the provider layer surfaces passes through here first.
 */

const MIN_SECRET_LENGTH = 4; // shorter "secrets" would shred ordinary words

/** Replaces every occurrence of each secret (and any bearer token) with a mask. */
export function redact(text: string, secrets: readonly (string | undefined)[] = []): string {
  let out = text;
  for (const secret of secrets) {
    if (!secret || secret.length < MIN_SECRET_LENGTH) continue;
    out = out.split(secret).join('[redacted]');
  }
  // Whatever the caller forgot: an Authorization value echoed back by a server.
  return out.replace(/\b(Bearer|Basic)\s+[A-Za-z0-9._~+/=-]{4,}/gi, '$1 [redacted]');
}

/** The base URL without `user:pass@`, query or fragment: safe to print. */
export function describeEndpoint(baseURL: string): string {
  try {
    const url = new URL(baseURL);
    url.username = '';
    url.password = '';
    url.search = '';
    url.hash = '';
    return url.toString().replace(/\/$/, '');
  } catch {
    // Not a URL at all: still hide anything that looks like credentials.
    return baseURL.replace(/\/\/[^/@]*@/, '//');
  }
}

/** Credentials embedded in a base URL, which fetch refuses to send as part of the URL. */
export function urlCredentials(baseURL: string): { baseURL: string; username?: string; password?: string } {
  try {
    const url = new URL(baseURL);
    if (!url.username && !url.password) return { baseURL };
    const username = decodeURIComponent(url.username);
    const password = decodeURIComponent(url.password);
    url.username = '';
    url.password = '';
    return { baseURL: url.toString().replace(/\/$/, ''), username, password };
  } catch {
    return { baseURL };
  }
}
