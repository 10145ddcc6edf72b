import { Box, Text } from 'ink';
import { formatBytes, type LocalModelOffer } from '../../../app/local.js';
import { cleanForDisplay } from '../../../core/sanitize.js';
import { keysOf } from '../../keys.js';
import { useTheme } from '../../theme.js';

/** What the local model's key does, in one line: use it, download it, or go on with a download. */
export function localOfferText(offer: LocalModelOffer): string {
  const runtime = offer.runtimeReady ? '' : `the llama.cpp runtime (${offer.runtimeMb ?? '?'} MB)`;
  if (offer.model) return `${cleanForDisplay(offer.model)} is here${runtime ? `; installs ${runtime}` : ''}. Starts a conversation on it.`;
  const { name, sizeBytes, licence, partialBytes } = offer.download;
  const size = formatBytes(sizeBytes);
  const plus = runtime ? ` and ${runtime}` : '';
  if (partialBytes) return `Goes on with ${cleanForDisplay(name)}: ${formatBytes(partialBytes)} of ${size} so far${plus}; then starts a conversation.`;
  return `Downloads ${cleanForDisplay(name)}: ${size}, ${cleanForDisplay(licence)}${plus}; then starts a conversation.`;
}

/** The no-server screen's first offer: a model that runs inside the app, one key away. */
export function LocalModelChoice({ offer }: { offer: LocalModelOffer }) {
  const theme = useTheme();
  return (
    <Box flexDirection="column">
      <Text wrap="truncate-end">
        <Text color={theme.accent} bold>
          {keysOf('noServer', 'local')}
        </Text>
        <Text bold> Run a model inside the app: no server, no key</Text>
      </Text>
      <Box paddingLeft={2}>
        <Text dimColor wrap="wrap">
          {localOfferText(offer)}
        </Text>
      </Box>
    </Box>
  );
}
