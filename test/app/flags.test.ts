import { describe, expect, it } from 'vitest';
import { FLAGS, flagHelp, parseFlags } from '../../src/app/flags.js';
import { TURN_CAP } from '../../src/core/config/settings.js';

describe('parseFlags: one definition per flag', () => {
  it('reads --name value and --name=value, typed as the flag is defined', () => {
    const parsed = parseFlags(['--turns', '8', '--engine=script', '--json', 'extra', '--', '--not-a-flag'], ['turns', 'engine', 'json']);
    expect(parsed).toEqual({ values: { turns: 8, engine: 'script', json: true }, positionals: ['extra', '--not-a-flag'], notes: [] });
  });

  it.each(['0x10', '1e1', ' 5', '5.0', '+5', '-3', '٣'])('refuses %j for a whole-number flag: plain decimal integers only', (raw) => {
    expect(parseFlags(['--turns', raw], ['turns'])).toEqual({ problem: `--turns must be a whole number from ${TURN_CAP.min} to ${TURN_CAP.max} (got "${raw}")` });
  });

  it.each(['not a url', 'ftp://example.com/v1', 'javascript:alert(1)', 'localhost:11434/v1', 'http://'])('refuses --base-url %j: not an http(s) URL', (raw) => {
    expect(parseFlags(['--base-url', raw], ['base-url'])).toEqual({ problem: `--base-url is not an http(s) URL (got "${raw}"); e.g. http://localhost:11434/v1` });
  });

  it('takes http and https base URLs as given, and refuses an empty one rather than falling back to a preset', () => {
    expect(parseFlags(['--base-url', 'https://api.example.com/v1'], ['base-url'])).toMatchObject({ values: { 'base-url': 'https://api.example.com/v1' } });
    expect(parseFlags(['--base-url=http://127.0.0.1:8080/v1'], ['base-url'])).toMatchObject({ values: { 'base-url': 'http://127.0.0.1:8080/v1' } });
    expect(parseFlags(['--base-url', ''], ['base-url'])).toEqual({ problem: '--base-url needs a value' });
    expect(parseFlags(['--base-url='], ['base-url'])).toEqual({ problem: '--base-url needs a value' });
  });

  it('keeps every number flag in its one range', () => {
    expect(parseFlags(['--turns', String(TURN_CAP.max)], ['turns'])).toMatchObject({ values: { turns: TURN_CAP.max } });
    expect(parseFlags(['--turns', String(TURN_CAP.max + 1)], ['turns'])).toHaveProperty('problem');
    expect(parseFlags(['--turns', '1'], ['turns'])).toHaveProperty('problem');
    expect(parseFlags(['--temperature', '0.7'], ['temperature'])).toMatchObject({ values: { temperature: 0.7 } });
    expect(parseFlags(['--temperature', '2.5'], ['temperature'])).toEqual({ problem: '--temperature must be a number from 0 to 2 (got "2.5")' });
    expect(parseFlags(['--seed', '-1'], ['seed'])).toHaveProperty('problem');
  });

  it('names the choices of a choice flag', () => {
    expect(parseFlags(['--condition', 'sideways'], ['condition'])).toEqual({ problem: '--condition needs one of: aware, blind (got "sideways")' });
  });

  it('words unknown flags, missing values and values given to switches', () => {
    expect(parseFlags(['--colour'], ['json'])).toEqual({ problem: 'unknown option "--colour"' });
    expect(parseFlags(['--turns'], ['turns'])).toEqual({ problem: '--turns needs a value' });
    // A forgotten value is not a folder called "--json".
    expect(parseFlags(['--sessions', '--json'], ['sessions', 'json'])).toEqual({ problem: '--sessions needs a value' });
    expect(parseFlags(['--json=yes'], ['json'])).toEqual({ problem: '--json takes no value' });
    expect(parseFlags(['stray'], ['json'], { positionals: false })).toEqual({ problem: 'unexpected argument "stray"' });
    // Control characters typed on a command line are shown inert.
    expect(parseFlags(['--\u001b[2J'], ['json'])).toEqual({ problem: 'unknown option "--␛[2J"' });
  });

  it('takes --dir as the deprecated name of --sessions, with a note', () => {
    expect(parseFlags(['--dir', 'old'], ['sessions'])).toEqual({ values: { sessions: 'old' }, positionals: [], notes: ['--dir is deprecated; use --sessions'] });
    expect(parseFlags(['--sessions', 'new'], ['sessions'])).toEqual({ values: { sessions: 'new' }, positionals: [], notes: [] });
    // Only where --sessions is taken.
    expect(parseFlags(['--dir', 'old'], ['json'])).toEqual({ problem: 'unknown option "--dir"' });
  });

  it('help lines come from the table, aligned', () => {
    const help = flagHelp(['sessions', 'turns', 'json']).split('\n');
    expect(help).toHaveLength(3);
    expect(help[0]).toMatch(new RegExp(`^  --sessions DIR +${escape(FLAGS.sessions.help)}$`));
    expect(help[1]).toMatch(new RegExp(`^  --turns N +${escape(FLAGS.turns.help)}$`));
    expect(new Set(help.map((line) => line.indexOf(line.trim().split(/ {2,}/)[1]!))).size).toBe(1);
  });
});

function escape(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}
