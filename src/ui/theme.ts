import { createContext, createElement, useContext, type ReactNode } from 'react';
import type { Strategy } from '../core/strategies.js';
import { colourOff, PALETTE } from './palette.js';

/**
 * Colours as named roles (PALETTE), never literals in components. With NO_COLOR set every
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

export const COLOR_THEME: Theme = { ...PALETTE, colored: true };

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

/** The plain theme under NO_COLOR (see colourOff), the colour one otherwise. */
export function themeFor(env: Readonly<Record<string, string | undefined>>): Theme {
  return colourOff(env) ? PLAIN_THEME : COLOR_THEME;
}

const ThemeContext = createContext<Theme>(COLOR_THEME);

/** The theme for everything below: the app's roots pass themeFor(process.env), tests pass the one they check. */
export function ThemeProvider({ theme, children }: { theme: Theme; children: ReactNode }) {
  return createElement(ThemeContext.Provider, { value: theme }, children);
}

export function useTheme(): Theme {
  return useContext(ThemeContext);
}
