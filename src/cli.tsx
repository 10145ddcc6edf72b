import module from 'node:module';
import { appVersion } from './core/package-info.js';
import { leanInkImports } from './leanImports.js';
import type { CommandIo } from './commands/io.js';

// Node keeps the compiled code of everything imported from here on (the app and its
// libraries) on disk between starts; bin/persona-talks.js does the same, but the app
// is also started as `node dist/cli.js` (npm scripts, the bench, tests).
// NODE_DISABLE_COMPILE_CACHE=1 turns it off.
module.enableCompileCache?.();

// Ink's one function from a utility library, without the rest of it (leanImports.ts).
leanInkImports();

// React and its reconciler pick their development build unless NODE_ENV says
// production; that build checks and records every render and costs the terminal
// app several times the CPU of the text it draws. Set before anything loads React
// (every command and screen is imported below, when used). A NODE_ENV that is
// already set is kept (a developer's NODE_ENV=development brings React's warnings
// back); the UI tests import the components under vitest, which runs React's
// development build with its warnings, and never pass through here.
process.env.NODE_ENV ??= 'production';

// Commands are imported when used: the model client and Ink take ~0.5 s to load,
// which `personas list`, `sessions` or `--help` should not pay for.
const runCommand = () => import('./commands/run.js');

const USAGE = `persona-talks ${appVersion()} — watch or join a persona-driven emotional-support conversation

Usage:
  persona-talks [--seeker ID --supporter ID ...]   the terminal app; in a pipe, the headless run
  persona-talks run --seeker ID --supporter ID [--turns N] [--engine agents|script]
                    [--condition aware|blind] [--seed N] [--json]
  persona-talks personas list|show ID|validate [PATH] | import card FILE | export ID --format card
  persona-talks personas generate --from SEEDS --count N | personas import FILE   personas from descriptions
  persona-talks personas score "DESCRIPTION" [--json] [--hexaco-inventory FILE] [--csi-inventory FILE]
  persona-talks measure SESSION [--speaker seeker|supporter] [--json] [--hexaco-inventory FILE] [--csi-inventory FILE]
  persona-talks sessions [list] [--tree] | sessions delete SESSION --yes
  persona-talks replay SESSION|COMPARISON [--speed 1|2|4|instant] [--step]
  persona-talks resume SESSION [--json] [--base-url URL] [--model NAME]
  persona-talks export SESSION... --format md|esconv|csv|chat-jsonl|sharegpt [--out PATH]
  persona-talks export SESSION... --dataset DIR [--seed N] [--split 80/10/10]
  persona-talks import esconv FILE
  persona-talks stats [PATHS...] [--by condition|supporter|seeker|engine|family] [--json]
  persona-talks doctor [--preset NAME | --base-url URL --model NAME] [--json]
  persona-talks fork SESSION --at K [--supporter ID] [--seeker ID] [--set supporter.hexaco.A=1.5 ...]
                    [--condition aware|blind] [--model [ROLE=]NAME] [--temperature T] [--json]
  persona-talks compare --seeker ID --supporter A --vs-supporter B | --vs-condition C | --vs-engine E
                    | --vs-model [ROLE=]NAME  [--turns N] [--seed N] [--json]
  persona-talks compare --fork SESSION --at K [changes as for fork] [--json]
  persona-talks local setup|status|remove      a model that runs inside the app, no server needed
  persona-talks experiment init|run PLAN.yaml|export-batch|import-batch   many conversations from one plan
  persona-talks experiment report DIR [--out DIR] [--json]      RQ1–RQ3, quality, refusals and costs

Every command that reads or writes sessions takes --sessions DIR; COMMAND --help lists
a command's flags.

Point it at any OpenAI-compatible server:
  PERSONA_TALKS_BASE_URL=http://localhost:11434/v1 PERSONA_TALKS_MODEL=llama3.2 persona-talks run ...
  (or --base-url / --model / --preset; API key from PERSONA_TALKS_API_KEY, or OPENAI_API_KEY for OpenAI)
Or on the model inside the app, after \`persona-talks local setup\`: --preset local (or PERSONA_TALKS_PROVIDER=local)

A simulator for research and practice, not therapy.`;

const io: CommandIo = { stdout: process.stdout, stderr: process.stderr };

// `persona-talks run | head` closes our stdout early: that is the reader's choice, not a crash.
process.stdout.on('error', (error: NodeJS.ErrnoException) => {
  if (error.code === 'EPIPE') process.exit(0);
  throw error;
});

/** SIGINT/SIGTERM end a headless run cleanly (the session gets its 'ended' record); a second one exits at once. */
function stopOnSignals(): (stop: () => void) => void {
  return (stop) => {
    // conf's atomic writer (via when-exit) listens for these too and re-raises the signal
    // after its own cleanup, which arrived here as a "second" signal and exited at once,
    // before the stopped conversation could write its 'ended' record. The headless run owns
    // the signals; when-exit still cleans up on the ordinary 'exit' that follows the stop.
    process.removeAllListeners('SIGINT');
    process.removeAllListeners('SIGTERM');
    let asked = false;
    const handler = (signal: NodeJS.Signals) => {
      if (asked) process.exit(signal === 'SIGINT' ? 130 : 143);
      asked = true;
      stop();
    };
    process.on('SIGINT', handler);
    process.on('SIGTERM', handler);
  };
}

async function main(argv: string[]): Promise<number> {
  const [command, ...rest] = argv;
  switch (command) {
    case '--version':
    case '-v':
      io.stdout.write(`${appVersion()}\n`);
      return 0;
    case '--help':
    case '-h':
    case 'help':
      io.stdout.write(`${USAGE}\n`);
      return 0;
    case 'run':
      return (await runCommand()).runRunCommand(rest, io, { onStart: stopOnSignals() });
    case 'personas':
      if (rest[0] === 'score') return (await import('./commands/score.js')).runScoreCommand(rest.slice(1), io);
      return (await import('./commands/personas.js')).runPersonasCommand(rest, io, { onStart: stopOnSignals() });
    case 'measure':
      return (await import('./commands/measure.js')).runMeasureCommand(rest, io);
    case 'replay':
      return (await import('./commands/replay.js')).runReplayCommand(rest, io);
    case 'resume':
      return (await import('./commands/resume.js')).runResumeCommand(rest, io, { onStart: stopOnSignals() });
    case 'sessions':
      return (await import('./commands/sessions.js')).runSessionsCommand(rest, io);
    case 'export':
      return (await import('./commands/export.js')).runExportCommand(rest, io);
    case 'import':
      return (await import('./commands/import.js')).runImportCommand(rest, io);
    case 'stats':
      return (await import('./commands/stats.js')).runStatsCommand(rest, io);
    case 'fork':
      return (await import('./commands/fork.js')).runForkCommand(rest, io, { onStart: stopOnSignals() });
    case 'compare':
      return (await import('./commands/compare.js')).runCompareCommand(rest, io, { onStart: stopOnSignals() });
    case 'doctor':
      return (await import('./commands/doctor.js')).runDoctorCommand(rest, io);
    case 'local':
      return (await import('./commands/local.js')).runLocalCommand(rest, io);
    case 'experiment':
      return (await import('./commands/experiment.js')).runExperimentCommand(rest, io, { onStart: stopOnSignals() });
    case 'dev':
      if (rest[0] === 'fake-server') {
        const { runFakeServerCommand } = await import('./devtools/fake-server-command.js');
        return runFakeServerCommand(rest.slice(1), io);
      }
      io.stderr.write(`${(await import('./devtools/fake-server-command.js')).FAKE_SERVER_USAGE}\n`);
      return 2;
    case undefined:
    default: {
      if (command === undefined || command.startsWith('--')) {
        // The bare command: the TUI in a terminal, the headless run when piped.
        if (process.stdout.isTTY && process.stdin.isTTY) {
          const { runTui } = await import('./ui/main.js');
          return runTui(argv);
        }
        if (argv.includes('--seeker') || argv.some((a) => a.startsWith('--seeker='))) {
          return (await runCommand()).runRunCommand(argv, io, { onStart: stopOnSignals() });
        }
        io.stderr.write(`Not a terminal: the interactive app needs one. For a headless run:\n\n${(await runCommand()).RUN_USAGE}\n`);
        return 2;
      }
      io.stderr.write(`Unknown command "${command}".\n\n${USAGE}\n`);
      return 2;
    }
  }
}

main(process.argv.slice(2)).then(
  (code) => {
    process.exitCode = code;
  },
  (error: unknown) => {
    process.stderr.write(`persona-talks: ${error instanceof Error ? error.message : String(error)}\n`);
    process.exitCode = 1;
  },
);
