import { Chalk } from 'chalk';
import { describe, expect, it } from 'vitest';
import { chalkFor, paintWith } from '../../src/commands/colours.js';
import { createTextPrinter } from '../../src/commands/run-printers.js';
import { PALETTE } from '../../src/ui/palette.js';
import { runCli } from '../support/cli.js';
import { tempDir, writeSession } from '../core/sessions/fixtures.js';

// eslint-disable-next-line no-control-regex
const SGR = /\u001b\[[0-9;]*m/;

describe('the command line colours its text output with chalk', () => {
  it('gives strategy badges and names the palette colours, and plain text at level 0', () => {
    const print = (level: 0 | 1) => {
      let out = '';
      const paint = paintWith(new Chalk({ level }));
      const printer = createTextPrinter((t) => (out += t), () => {}, { seeker: 'Odile', supporter: 'Tobias' }, { out: paint, err: paint });
      printer({ type: 'turn-started', index: 1, speaker: 'supporter', by: 'ai' });
      printer({ type: 'strategy', index: 1, strategy: 'Question', labelSource: 'declared' });
      return out;
    };
    const blue = new Chalk({ level: 1 }).bold[PALETTE.strategy.Question]('[Question]');
    expect(print(1)).toContain(blue);
    expect(print(1)).toContain(new Chalk({ level: 1 }).bold[PALETTE.supporter]('Tobias'));
    expect(print(0)).toBe('\n[2] Tobias (supporter) [Question]');
  });

  it('NO_COLOR turns colour off unless FORCE_COLOR asks for it', () => {
    expect(chalkFor('stdout', { NO_COLOR: '1' }).level).toBe(0);
    expect(chalkFor('stderr', { NO_COLOR: '1' }).level).toBe(0);
  });

  it('a piped replay is plain, in colour with FORCE_COLOR, and plain again with NO_COLOR', async () => {
    const path = writeSession(tempDir(), { turns: [['seeker', 'hello'], ['supporter', 'What is on your mind?', 'Question']] });
    const plain = await runCli(['replay', path], {});
    expect(plain.code).toBe(0);
    expect(plain.stdout).toContain('[Question]');
    expect(plain.stdout).not.toMatch(SGR);
    const forced = await runCli(['replay', path], { FORCE_COLOR: '1' });
    expect(forced.stdout).toContain(new Chalk({ level: 1 }).bold[PALETTE.strategy.Question]('[Question]'));
    const off = await runCli(['replay', path], { NO_COLOR: '1' });
    expect(off.stdout).not.toMatch(SGR);
    // FORCE_COLOR is the explicit request: it wins over NO_COLOR.
    const both = await runCli(['replay', path], { NO_COLOR: '1', FORCE_COLOR: '1' });
    expect(both.stdout).toMatch(SGR);
  });
});
