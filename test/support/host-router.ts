/**
 * Public host names cannot be served on loopback, so tests that need "a request
 * to api.openai.com" route it: a fetch that sends each named host's requests to
 * a loopback server instead, headers and body untouched. Everything else about
 * the request (the SDK, the headers it sends, the server that records them) is real.
 */
export function routeHosts(routes: Record<string, string>, realFetch: typeof globalThis.fetch = globalThis.fetch): typeof globalThis.fetch {
  return (input, init) => {
    const url = new URL(typeof input === 'string' ? input : input instanceof URL ? input.href : input.url);
    const target = routes[url.hostname];
    if (target === undefined) return realFetch(input, init);
    const origin = new URL(target);
    url.protocol = origin.protocol;
    url.host = origin.host;
    if (typeof input === 'string' || input instanceof URL) return realFetch(url.href, init);
    return realFetch(new Request(url.href, input), init);
  };
}
