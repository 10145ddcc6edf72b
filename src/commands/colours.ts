import { Chalk, supportsColor, supportsColorStderr, type ChalkInstance, type ColorSupportLevel } from 'chalk';
import type { Speaker } from '../core/domain.js';
import type { Strategy } from '../core/strategies.js';
import { colourOff, PALETTE } from '../ui/palette.js';

/**
 * chalk at the colour level its stream supports: none in a pipe, as much as the
 * terminal takes in one; FORCE_COLOR sets it either way (chalk reads it) and
 * NO_COLOR turns it off unless FORCE_COLOR is set.
 */
export function chalkFor(stream: 'stdout' | 'stderr', env: NodeJS.ProcessEnv = process.env): ChalkInstance {
  const supported = stream === 'stdout' ? supportsColor : supportsColorStderr;
  const level: ColorSupportLevel = colourOff(env) || !supported ? 0 : supported.level;
  return new Chalk({ level });
}

/** The command line's colours, by role, in the palette the terminal app uses. */
export interface Paint {
  speaker(speaker: Speaker, text: string): string;
  strategy(strategy: Strategy, text: string): string;
  warning(text: string): string;
  danger(text: string): string;
  muted(text: string): string;
}

export function paintWith(chalk: ChalkInstance): Paint {
  return {
    speaker: (speaker, text) => chalk.bold[PALETTE[speaker]](text),
    strategy: (strategy, text) => chalk.bold[PALETTE.strategy[strategy]](text),
    warning: (text) => chalk[PALETTE.warning](text),
    danger: (text) => chalk[PALETTE.danger](text),
    muted: (text) => chalk[PALETTE.muted](text),
  };
}
