import type { ForegroundColorName } from 'chalk';
import type { Strategy } from '../core/strategies.js';

/**
 * The app's colours as named roles, for the terminal app (through its theme) and
 * the command line's text output alike, so a strategy has one colour wherever it
 * is shown. Pure data: the headless commands read it without loading React.
 */
export const PALETTE = {
  seeker: 'cyan',
  supporter: 'magenta',
  human: 'yellowBright',
  strategy: {
    Question: 'blue',
    'Restatement or Paraphrasing': 'cyan',
    'Reflection of Feelings': 'magenta',
    'Self-disclosure': 'yellow',
    'Affirmation and Reassurance': 'green',
    'Providing Suggestions': 'redBright',
    Information: 'blueBright',
    Others: 'gray',
  },
  muted: 'gray',
  warning: 'yellow',
  danger: 'red',
  accent: 'cyan',
  success: 'green',
  meterTarget: 'blue',
  meterMeasured: 'yellow',
} as const satisfies Record<string, ForegroundColorName | Readonly<Record<Strategy, ForegroundColorName>>>;

/**
 * no-color.org: NO_COLOR present and not empty turns colour off — unless
 * FORCE_COLOR asks for it explicitly, which chalk reads for itself.
 */
export function colourOff(env: Readonly<Record<string, string | undefined>>): boolean {
  const noColor = env['NO_COLOR'];
  return noColor !== undefined && noColor !== '' && env['FORCE_COLOR'] === undefined;
}
