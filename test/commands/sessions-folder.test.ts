import { basename } from 'node:path';
import { describe, expect, it } from 'vitest';
import { FLAGS } from '../../src/app/flags.js';
import { runExportCommand } from '../../src/commands/export.js';
import { runImportCommand } from '../../src/commands/import.js';
import { runMeasureCommand } from '../../src/commands/measure.js';
import { runReplayCommand } from '../../src/commands/replay.js';
import { runResumeCommand } from '../../src/commands/resume.js';
import { runRunCommand } from '../../src/commands/run.js';
import { runSessionsCommand } from '../../src/commands/sessions.js';
import { runStatsCommand } from '../../src/commands/stats.js';
import { createChatClient } from '../../src/core/llm/client.js';
import { captureIo, tempDir, writeSession } from '../core/sessions/fixtures.js';

type Command = (args: string[], io: ReturnType<typeof captureIo>['io']) => Promise<number>;

const COMMANDS: Record<string, Command> = {
  run: (args, io) => runRunCommand(args, io),
  resume: (args, io) => runResumeCommand(args, io),
  replay: (args, io) => runReplayCommand(args, io, { interactive: false }),
  sessions: (args, io) => runSessionsCommand(args, io),
  import: (args, io) => runImportCommand(args, io),
  stats: (args, io) => runStatsCommand(args, io),
  measure: (args, io) => runMeasureCommand(args, io, { judge: createChatClient({ baseURL: 'http://127.0.0.1:9/v1', model: 'judge' }, { maxRetries: 0 }) }),
};

describe('the sessions folder has one name in every command', () => {
  it.each(Object.keys(COMMANDS))('%s --help explains --sessions in the same words', async (name) => {
    const cap = captureIo();
    expect(await COMMANDS[name]!(['--help'], cap.io)).toBe(0);
    const line = cap.stdout().split('\n').find((l) => l.trimStart().startsWith('--sessions'));
    expect(line).toMatch(new RegExp(`^  --sessions DIR +${FLAGS.sessions.help.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}$`));
    expect(cap.stdout()).not.toContain('--dir');
  });

  it('every command that looks a session up by id looks in --sessions', async () => {
    const dir = tempDir();
    const path = writeSession(dir, { turns: [['seeker', 'The ferry line closes in spring.'], ['supporter', 'How long have you known?', 'Question']] });
    const id = basename(path, '.jsonl');
    const found = async (name: string, args: string[]) => {
      const cap = captureIo();
      const code = await COMMANDS[name]!(args, cap.io);
      return { code, text: cap.stdout() + cap.stderr() };
    };
    expect((await found('replay', [id, '--sessions', dir])).text).toContain('How long have you known?');
    expect((await found('sessions', ['--sessions', dir])).text).toContain(id);
    expect((await found('stats', ['--sessions', dir])).text).toMatch(/Question/);
    // Finished: resume says so, which it can only say about a session it found.
    expect((await found('resume', [id, '--sessions', dir])).text).toMatch(/is finished/);
    // Found, then the (unreachable) judge fails: the failure is the model's, not the lookup's.
    const measured = await found('measure', [id, '--sessions', dir, '--speaker', 'seeker']);
    expect(measured.code).toBe(1);
    expect(measured.text).not.toMatch(/no session/);
    const exported = captureIo();
    expect(await runExportCommand([id, '--format', 'md', '--sessions', dir], exported.io)).toBe(0);
    expect(exported.stdout()).toContain('The ferry line closes in spring.');
  });

  it('--dir still works where it did, with a note that it is going away', async () => {
    const dir = tempDir();
    writeSession(dir, { turns: [['seeker', 'hello']] });
    const cap = captureIo();
    expect(await runSessionsCommand(['list', '--dir', dir], cap.io)).toBe(0);
    expect(cap.stderr()).toContain('--dir is deprecated; use --sessions');
    expect(cap.stdout()).toContain('tide-seeker');
  });
});
