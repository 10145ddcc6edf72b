import { render } from 'ink';
import { parseFlags } from '../app/flags.js';
import { cleanForDisplay } from '../core/sanitize.js';
import { sessionsDir } from '../app/paths.js';
import type { ExitReport } from './app.js';
import { rawModeFromTheStart } from './terminal.js';
import { compactingStdout } from './compactOutput.js';
import { themeFor, ThemeProvider } from './theme.js';
import type { SetupChoice } from './screens/setup/SetupScreen.js';
import { createAppDeps } from './realDeps.js';
import { installInkOutputCache } from './inkOutputCache.js';

/**
 * The flags the terminal app takes: where the models and files are, and the
 * choices `run` takes, preselected on the home screen, so one command line works
 * in a terminal (the app) and in a pipe (the headless run).
 */
const TUI_FLAGS = ['base-url', 'model', 'preset', 'sessions', 'personas', 'seeker', 'supporter', 'turns', 'engine', 'condition', 'model-file', 'request-timeout', 'inline'] as const;

/** Entry of the interactive app: flags → real dependencies → <App>, until the user quits. */
export async function runTui(argv: string[]): Promise<number> {
  const parsed = parseFlags(argv, TUI_FLAGS, { positionals: false });
  if ('problem' in parsed) {
    process.stderr.write(`persona-talks: ${parsed.problem}\n`);
    return 2;
  }
  for (const note of parsed.notes) process.stderr.write(`note: ${note}\n`);
  const { values } = parsed;
  const made = createAppDeps({
    flags: { baseUrl: values['base-url'], model: values.model, preset: values.preset, ...(values['model-file'] ? { modelFile: values['model-file'] } : {}) },
    sessionsDir: sessionsDir(values.sessions),
    requestTimeoutSeconds: values['request-timeout'],
    ...(values.personas ? { userPersonasDir: values.personas } : {}),
  });
  if (!made.ok) {
    process.stderr.write(`${made.message}\n`);
    return 1;
  }
  rawModeFromTheStart();
  // Frames reuse the text Ink measured for the frames before (see inkOutputCache.ts).
  await installInkOutputCache();
  // Incremental rendering rewrites only the lines that changed (measured by `npm run bench`).
  // Ctrl+C is the App's: it stops the conversation (already saved turn by turn), then unmounts,
  // and Ink restores the terminal (raw mode, cursor) on the way out.
  const initialChoice: Partial<SetupChoice> = {
    ...(values.seeker ? { seekerId: values.seeker } : {}),
    ...(values.supporter ? { supporterId: values.supporter } : {}),
    ...(values.turns !== undefined ? { turnCap: values.turns } : {}),
    ...(values.engine ? { engine: values.engine } : {}),
    ...(values.condition ? { condition: values.condition } : {}),
  };
  // Read once: the environment does not change under a running app.
  const theme = themeFor(process.env);
  // Full screen by default: the alternate screen, so no line of one screen is left above the next.
  const fullScreen = !values.inline && made.deps.app.settings.get().display !== 'inline';
  const exitReport: ExitReport = {};
  // Home is the first frame: Ink draws at most one frame per 34 ms, and a placeholder drawn first
  // made home wait out that interval. The app shows its own "Loading personas…" if they are slow.
  const { App } = await import('./app.js');
  const stdout = compactingStdout(process.stdout);
  const instance = render(
    <ThemeProvider theme={theme}>
      <App deps={made.deps} initialChoice={initialChoice} fullScreen={fullScreen} exitReport={exitReport} />
    </ThemeProvider>,
    // Ink's cursor moves past unchanged rows are written compactly (compactOutput.ts): the same screen in fewer bytes.
    { stdout, exitOnCtrlC: false, incrementalRendering: true, alternateScreen: fullScreen },
  );
  await instance.waitUntilExit();
  // Inline, Ink may leave the cursor after its last line's text: the shell's prompt would follow on it.
  if (!fullScreen && stdout.lineOpen()) process.stdout.write('\n');
  // The alternate screen is gone with the app: say on the normal one where the conversation was saved.
  for (const line of exitLines(exitReport, fullScreen)) process.stdout.write(`${line}\n`);
  // The local model, if one was loaded, is let go (after Ink gave the terminal back).
  await made.deps.app.close();
  return 0;
}

/**
 * What is printed once the app has closed: after full screen, the last session's
 * path and a one-line summary; inline (where the summary is already in the
 * scrollback), only when Ctrl+C left a conversation that was still going.
 */
export function exitLines(report: ExitReport, fullScreen: boolean): string[] {
  const { session } = report;
  if (!session || (!fullScreen && !report.interrupted)) return [];
  return [`Session saved to ${cleanForDisplay(session.path)}`, `  ${session.summary}`];
}
