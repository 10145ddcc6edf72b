import { createContext, createElement, useContext, type ReactNode } from 'react';

/**
 * How the app draws: full screen (the terminal's alternate screen, every screen
 * exactly the terminal's size, the transcript a scrollable viewport), or inline
 * (`--inline`: the conversation goes into the terminal's scrollback).
 */
export interface Display {
  fullScreen: boolean;
}

const DisplayContext = createContext<Display>({ fullScreen: false });

export function DisplayProvider({ display, children }: { display: Display; children: ReactNode }) {
  return createElement(DisplayContext.Provider, { value: display }, children);
}

export function useDisplay(): Display {
  return useContext(DisplayContext);
}
