import { Box, Text } from 'ink';
import { CRISIS_HELP, CRISIS_HELP_SHORT, TRAINEE_CRISIS_GUIDANCE, TRAINEE_CRISIS_SHORT, TRAINEE_CRISIS_TITLE, type CrisisBannerKind } from '../../core/safety.js';
import { wrapForScreen } from '../layout/transcriptLines.js';
import { useTheme } from '../theme.js';

const TITLE: Record<CrisisBannerKind, string> = {
  'seeker-help': '! If you are in crisis, please get help now',
  'trainee-guidance': `! ${TRAINEE_CRISIS_TITLE}`,
};
const TEXT: Record<CrisisBannerKind, string> = { 'seeker-help': CRISIS_HELP, 'trainee-guidance': TRAINEE_CRISIS_GUIDANCE };
const SHORT: Record<CrisisBannerKind, string> = { 'seeker-help': CRISIS_HELP_SHORT, 'trainee-guidance': TRAINEE_CRISIS_SHORT };

/** The banner's rows at `width`: the whole text in a box, or (compact) its short form in a line or two. */
export function crisisBannerRows(kind: CrisisBannerKind, width: number, compact: boolean): number {
  if (compact) return wrapForScreen(`! ${SHORT[kind]}`, width).length;
  return 2 + wrapForScreen(TITLE[kind], width - 4).length + wrapForScreen(TEXT[kind], width - 4).length;
}

/**
 * Shown once crisis language is seen, and it stays; it never blocks. For a person
 * typing as the seeker: where to find help. For a person practising as the
 * supporter, when the AI seeker's words read like a crisis: what to practise.
 */
export function CrisisBanner({ kind, width, compact = false }: { kind: CrisisBannerKind; width: number; compact?: boolean }) {
  const theme = useTheme();
  if (compact) {
    return (
      <Box width={width} flexShrink={0}>
        <Text color={theme.danger} bold wrap="wrap">
          ! {SHORT[kind]}
        </Text>
      </Box>
    );
  }
  return (
    <Box borderStyle="double" borderColor={theme.danger} paddingX={1} width={width} flexDirection="column" flexShrink={0}>
      <Text color={theme.danger} bold wrap="wrap">
        {TITLE[kind]}
      </Text>
      <Text wrap="wrap">{TEXT[kind]}</Text>
    </Box>
  );
}
