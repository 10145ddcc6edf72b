import { render } from 'ink';
import { parseArgs } from 'node:util';
import { sessionsDir } from '../app/paths.js';
import { isPresetId, PRESET_IDS, type PresetId } from '../app/providers.js';
import { App } from './app.js';
import { rawModeFromTheStart } from './terminal.js';
import type { SetupChoice } from './screens/setup/SetupScreen.js';
import { createAppDeps } from './realDeps.js';

const TUI_FLAGS = {
  'base-url': { type: 'string' },
  model: { type: 'string' },
  preset: { type: 'string' },
  sessions: { type: 'string' },
  personas: { type: 'string' },
  // The same choices `run` takes, preselected on the home screen, so one command line
  // works in a terminal (the app) and in a pipe (the headless run).
  seeker: { type: 'string' },
  supporter: { type: 'string' },
  turns: { type: 'string' },
  engine: { type: 'string' },
  condition: { type: 'string' },
} as const;

/** Entry of the interactive app: flags → real dependencies → <App>, until the user quits. */
export async function runTui(argv: string[]): Promise<number> {
  let values;
  try {
    ({ values } = parseArgs({ args: argv, strict: true, options: TUI_FLAGS }));
  } catch (error) {
    process.stderr.write(`${(error as Error).message}\n`);
    return 2;
  }
  if (values.preset !== undefined && !isPresetId(values.preset)) {
    process.stderr.write(`--preset must be one of ${PRESET_IDS.join(', ')} (got "${values.preset}")\n`);
    return 2;
  }
  const made = createAppDeps({
    flags: { baseUrl: values['base-url'], model: values.model, preset: values.preset as PresetId | undefined },
    sessionsDir: sessionsDir(values.sessions),
    ...(values.personas ? { userPersonasDir: values.personas } : {}),
  });
  if (!made.ok) {
    process.stderr.write(`${made.message}\n`);
    return 1;
  }
  rawModeFromTheStart();
  // Incremental rendering rewrites only the lines that changed (measured by `npm run bench`).
  // Ctrl+C is the App's: it stops the conversation (already saved turn by turn), then unmounts,
  // and Ink restores the terminal (raw mode, cursor) on the way out.
  const turns = values.turns === undefined ? undefined : Number(values.turns);
  const initialChoice: Partial<SetupChoice> = {
    ...(values.seeker ? { seekerId: values.seeker } : {}),
    ...(values.supporter ? { supporterId: values.supporter } : {}),
    ...(turns !== undefined && Number.isInteger(turns) && turns >= 2 && turns <= 60 ? { turnCap: turns } : {}),
    ...(values.engine === 'agents' || values.engine === 'script' ? { engine: values.engine } : {}),
    ...(values.condition === 'aware' || values.condition === 'blind' ? { condition: values.condition } : {}),
  };
  const instance = render(<App deps={made.deps} initialChoice={initialChoice} />, { exitOnCtrlC: false, incrementalRendering: true });
  await instance.waitUntilExit();
  return 0;
}
