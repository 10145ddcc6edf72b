/**
 * An OpenAI-compatible API answers in JSON (a model list, an error) or as a stream
 * of server-sent events. A server that answers anything else — a proxy's HTML
 * page, a web server on the wrong port, a login page — is not one, and no retry
 * will make it one: say so at once, with the content type it sent, rather than
 * reading its page as an empty stream and retrying until the attempts run out.
 */
import { ServerError } from './errors.js';
import { safeServerText } from './translate-error.js';

const API_MEDIA_TYPES = ['text/event-stream', 'application/json', 'application/x-ndjson'];

/** The error for a response that is not an API's; undefined when it is (or says nothing about its type). */
export function notApiResponse(response: Response, where: string): ServerError | undefined {
  const contentType = response.headers.get('content-type');
  if (contentType === null || contentType.trim() === '') return undefined;
  const media = contentType.split(';')[0]!.trim().toLowerCase();
  if (API_MEDIA_TYPES.includes(media) || media.endsWith('+json')) return undefined;
  return new ServerError(
    `The server at ${where} answered, but its reply is not an OpenAI-compatible API response ` +
      `(content type ${safeServerText(contentType, [])}, status ${response.status}). ` +
      'Check the base URL and port: it should point at the API itself, which usually ends in /v1.',
    { status: response.status, retryable: false },
  );
}
