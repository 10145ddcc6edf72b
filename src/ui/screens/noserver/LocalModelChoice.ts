import { formatBytes, type LocalModelOffer } from '../../../app/local.js';
import { cleanForDisplay } from '../../../core/sanitize.js';

/**
 * What the no-server screen's first choice, the model inside the app, will do, in
 * one line under it: use a model that is there, download it, or go on with a download.
 */
export function localOfferText(offer: LocalModelOffer): string {
  const runtime = offer.runtimeReady ? '' : `the llama.cpp runtime (${offer.runtimeMb ?? '?'} MB)`;
  if (offer.model) return `${cleanForDisplay(offer.model)} is here${runtime ? `; installs ${runtime}` : ''}. Starts a conversation on it.`;
  const { name, sizeBytes, licence, partialBytes } = offer.download;
  const size = formatBytes(sizeBytes);
  const plus = runtime ? ` and ${runtime}` : '';
  if (partialBytes) return `Goes on with ${cleanForDisplay(name)}: ${formatBytes(partialBytes)} of ${size} so far${plus}; then starts a conversation.`;
  return `Downloads ${cleanForDisplay(name)}: ${size}, ${cleanForDisplay(licence)}${plus}; then starts a conversation.`;
}
