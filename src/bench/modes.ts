/**
 * The ways the terminal app can draw a conversation. The bench measures each one
 * against the same headless run, so a new mode (say a full-screen default with
 * an `--inline` switch) is one more entry here: a name for the table and the
 * extra CLI arguments that select it.
 */
export interface TuiMode {
  name: string;
  args: string[];
}

export const TUI_MODES: readonly TuiMode[] = [
  // The default: the alternate screen, the transcript a viewport that scrolls.
  { name: 'full-screen', args: [] },
  // `--inline`: finished turns go into the terminal's scrollback through <Static>.
  { name: 'inline', args: ['--inline'] },
];
