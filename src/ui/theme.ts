import { createContext, createElement, useContext, type ReactNode } from 'react';
import type { Strategy } from '../core/strategies.js';

/**
 * Colours as named roles, never literals in components. With NO_COLOR set every
 * role is undefined, so Ink's `color` props fall back to the terminal's default;
 * badges and bars stay readable because they also differ by text and glyph.
 */
export interface Theme {
  readonly seeker: string | undefined;
  readonly supporter: string | undefined;
  readonly human: string | undefined;
  readonly strategy: Readonly<Record<Strategy, string | undefined>>;
  readonly muted: string | undefined;
  readonly warning: string | undefined;
  readonly danger: string | undefined;
  readonly accent: string | undefined;
  readonly success: string | undefined;
  readonly meterTarget: string | undefined;
  readonly meterMeasured: string | undefined;
  /** False under NO_COLOR: components may then mark emphasis with glyphs instead. */
  readonly colored: boolean;
}

export const COLOR_THEME: Theme = {
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
  colored: true,
};

export const PLAIN_THEME: Theme = {
  seeker: undefined,
  supporter: undefined,
  human: undefined,
  strategy: {
    Question: undefined,
    'Restatement or Paraphrasing': undefined,
    'Reflection of Feelings': undefined,
    'Self-disclosure': undefined,
    'Affirmation and Reassurance': undefined,
    'Providing Suggestions': undefined,
    Information: undefined,
    Others: undefined,
  },
  muted: undefined,
  warning: undefined,
  danger: undefined,
  accent: undefined,
  success: undefined,
  meterTarget: undefined,
  meterMeasured: undefined,
  colored: false,
};

/** no-color.org: NO_COLOR present and not empty disables colour. */
export function themeFor(env: Readonly<Record<string, string | undefined>>): Theme {
  const noColor = env['NO_COLOR'];
  return noColor !== undefined && noColor !== '' ? PLAIN_THEME : COLOR_THEME;
}

// Read once at startup: the environment does not change under a running app.
const STARTUP_THEME = themeFor(process.env);

const ThemeContext = createContext<Theme>(STARTUP_THEME);

/** Tests (and the app) can inject a theme instead of relying on the process environment. */
export function ThemeProvider({ theme, children }: { theme: Theme; children: ReactNode }) {
  return createElement(ThemeContext.Provider, { value: theme }, children);
}

export function useTheme(): Theme {
  return useContext(ThemeContext);
}
