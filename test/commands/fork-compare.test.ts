import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { readSession } from '../../src/core/sessions/reader.js';
import { demoHandler } from '../../src/devtools/demo-handler.js';
import { runCli } from '../support/cli.js';
import { tempDir } from '../support/engine-fixtures.js';
import { startFakeOpenAI, type FakeServer } from '../support/fake-openai-server.js';

let server: FakeServer;
let closedUrl: string;
beforeAll(async () => {
  server = await startFakeOpenAI({ handler: demoHandler() });
  const closed = await startFakeOpenAI();
  closedUrl = closed.url;
  await closed.close();
});
afterAll(async () => {
  await server.close();
});

function envFor(sessions: string, extra: NodeJS.ProcessEnv = {}): NodeJS.ProcessEnv {
  return {
    PERSONA_TALKS_BASE_URL: server.url,
    PERSONA_TALKS_MODEL: 'fake-model',
    PERSONA_TALKS_CONFIG_DIR: tempDir('pt-config-'),
    PERSONA_TALKS_PERSONAS: tempDir('pt-personas-'),
    PERSONA_TALKS_SESSIONS: sessions,
    PERSONA_TALKS_API_KEY: 'sk-cli-SECRET-abcdef',
    ...extra,
  };
}

const files = (dir: string, ending: string) =>
  readdirSync(dir)
    .filter((f) => f.endsWith(ending))
    .sort()
    .map((f) => join(dir, f));
const turnLines = (path: string) => readFileSync(path, 'utf8').split('\n').filter((l) => l.includes('"type":"turn"'));

/** A finished 8-turn session to fork from, in a folder of its own. */
async function parent(): Promise<{ dir: string; path: string; id: string }> {
  const dir = tempDir();
  const r = await runCli(['run', '--seeker', 'anxious-phd-student', '--supporter', 'warm-listener', '--turns', '8', '--seed', '3'], envFor(dir));
  expect(r.code).toBe(0);
  const [path] = files(dir, '.jsonl');
  return { dir, path: path!, id: readSession(path!).header.id };
}

describe('persona-talks fork (built CLI)', () => {
  it('keeps turns 1..K byte for byte, prints them, then the new part, and records what changed', async () => {
    const p = await parent();
    const r = await runCli(['fork', p.id.slice(0, 20), '--at', '4', '--set', 'supporter.hexaco.A=1.5'], envFor(p.dir));
    expect(r.stderr).toBe('');
    expect(r.code).toBe(0);
    expect(r.stdout).toContain(`Forking ${p.id} at turn 4: supporter.hexaco.A 4.6 → 1.5.`);
    expect(r.stdout).toContain('(turns 1–4 kept from the parent; the fork goes on from here)');
    expect(r.stdout.indexOf('[4] ')).toBeLessThan(r.stdout.indexOf('(turns 1–4 kept'));
    expect(r.stdout.indexOf('(turns 1–4 kept')).toBeLessThan(r.stdout.indexOf('[5] '));
    const fork = files(p.dir, '.jsonl').find((f) => f !== p.path)!;
    expect(turnLines(fork).slice(0, 4)).toEqual(turnLines(p.path).slice(0, 4));
    const saved = readSession(fork);
    expect(saved.turns.length).toBe(8);
    expect(saved.header.fork).toMatchObject({ parent: { id: p.id }, atTurn: 4, changes: [{ kind: 'trait', role: 'supporter', scale: 'hexaco', key: 'A', from: 4.6, to: 1.5 }] });
    expect(readFileSync(fork, 'utf8')).not.toContain('SECRET');

    // The family shows as a tree, and stats groups it by what the fork changed.
    const tree = await runCli(['sessions', '--tree'], envFor(p.dir));
    expect(tree.code).toBe(0);
    expect(tree.stdout).toMatch(new RegExp(`anxious-phd-student → warm-listener .* ${p.id}\\n└─ fork at turn 4: supporter\\.hexaco\\.A 4\\.6 → 1\\.5 · 8 turns`));
    const stats = await runCli(['stats', '--by', 'family', '--json'], envFor(p.dir));
    expect(stats.code).toBe(0);
    const groups = (JSON.parse(stats.stdout) as { groups: Array<{ key: string; sessions: number }> }).groups;
    expect(groups.map((g) => [g.key, g.sessions]).sort()).toEqual([
      ['original', 1],
      ['supporter.hexaco.A=1.5', 1],
    ]);
  });

  it('bad input: an unknown session, --at beyond the end, a bad --set, a closed port — a clear message and nothing written', async () => {
    const p = await parent();
    const cases: Array<{ args: string[]; code: number; says: RegExp; env?: NodeJS.ProcessEnv }> = [
      { args: ['fork', 'no-such-session', '--at', '2', '--condition', 'blind'], code: 1, says: /no session "no-such-session"/ },
      { args: ['fork', p.id, '--at', '12', '--condition', 'blind'], code: 1, says: /turn 12 is not in .*: it has 8 turns, so --at is 0 to 8\./ },
      { args: ['fork', p.id, '--at', '3', '--set', 'supporter.hexaco.A=9'], code: 2, says: /supporter\.hexaco\.A must be a number from 1 to 5 \(got "9"\)/ },
      { args: ['fork', p.id, '--at', '3', '--set', 'supporter.hexaco'], code: 2, says: /--set needs PATH=VALUE/ },
      { args: ['fork', p.id, '--at', '3', '--set', 'mood=sunny'], code: 2, says: /cannot change "mood"/ },
      { args: ['fork', p.id, '--at', '3'], code: 1, says: /nothing to change/ },
      { args: ['fork', p.id, '--condition', 'blind'], code: 2, says: /--at K/ },
      { args: ['fork', p.id, '--at', '3', '--condition', 'blind'], code: 1, says: /Could not reach the model server at .*No fork was started\./, env: { PERSONA_TALKS_BASE_URL: closedUrl } },
    ];
    for (const c of cases) {
      const r = await runCli(c.args, envFor(p.dir, c.env));
      expect({ args: c.args, code: r.code }).toEqual({ args: c.args, code: c.code });
      expect(r.stderr).toMatch(c.says);
      expect(r.stdout).toBe('');
    }
    expect(files(p.dir, '.jsonl')).toEqual([p.path]);
  });
});

describe('persona-talks compare (built CLI)', () => {
  it('runs two conversations from one opening, prints A/B/AB lines and where they diverged, and saves a link that replay plays back', async () => {
    const dir = tempDir();
    const r = await runCli(['compare', '--seeker', 'anxious-phd-student', '--supporter', 'warm-listener', '--vs-condition', 'blind', '--turns', '6', '--seed', '5'], envFor(dir));
    expect(r.stderr).toBe('');
    expect(r.code).toBe(0);
    expect(r.stdout).toContain('Side B: condition aware → blind.');
    expect(r.stdout).toMatch(/^AB \[1\] Mina Haddad \(seeker\): /m);
    expect(r.stdout).toMatch(/^A {2}\[2\] Ana Sousa \(supporter\) \[[^\]]+\]: /m);
    expect(r.stdout).toMatch(/^B {2}\[6\] Ana Sousa \(supporter\) \[[^\]]+\]: /m);
    expect(r.stdout).toContain('Where they diverged');
    expect(r.stdout).toMatch(/Jensen–Shannon divergence \d\.\d{3} bits/);
    const sessions = files(dir, '.jsonl').map((path) => readSession(path));
    expect(sessions.map((s) => s.header.condition).sort()).toEqual(['aware', 'blind']);
    expect(sessions.every((s) => s.turns.length === 6 && s.header.seed === 5)).toBe(true);
    const [link] = files(dir, '.comparison.json');
    expect(link).toBeDefined();
    expect(readFileSync(link!, 'utf8')).not.toContain('SECRET');

    const replay = await runCli(['replay', link!, '--speed', 'instant'], envFor(dir));
    expect(replay.code).toBe(0);
    expect(replay.stdout).toMatch(/^Replay of comparison /);
    expect(replay.stdout).toContain('  A  condition aware\n  B  condition blind');
    // The same turns as the live run, in the same order, and the same verdict.
    const turnsOf = (text: string) => text.split('\n').filter((l) => /^(A |B |AB) ?\[\d+\]/.test(l));
    expect(turnsOf(r.stdout).length).toBe(1 + 5 + 5);
    expect(turnsOf(replay.stdout)).toEqual(turnsOf(r.stdout));
    expect(replay.stdout.slice(replay.stdout.indexOf('Where they diverged'))).toBe(r.stdout.slice(r.stdout.indexOf('Where they diverged')));
    // Each side is an ordinary session: replay by its id works as ever.
    const single = await runCli(['replay', sessions[0]!.header.id, '--speed', 'instant'], envFor(dir));
    expect(single.code).toBe(0);
    expect(single.stdout).toContain(`Replay of ${files(dir, '.jsonl')[0]}`);
  });

  it('--json tags every event with its side; --fork continues a session twice, both keeping its turns', async () => {
    const p = await parent();
    const r = await runCli(['compare', '--fork', p.id, '--at', '2', '--supporter', 'blunt-coach', '--turns', '6', '--json'], envFor(p.dir));
    expect(r.code).toBe(0);
    const events = r.stdout.trim().split('\n').map((l) => JSON.parse(l) as { type: string; side?: string });
    const sideEvents = events.filter((e) => e.side !== undefined);
    expect(new Set(sideEvents.map((e) => e.side))).toEqual(new Set(['A', 'B']));
    expect(events.filter((e) => e.type === 'turn-finished' && e.side === 'A').length).toBe(6);
    expect(events.filter((e) => e.type === 'turn-finished' && e.side === 'B').length).toBe(6);
    expect(events.at(-1)!.type).toBe('divergence');
    const sides = files(p.dir, '.jsonl').filter((f) => f !== p.path);
    expect(sides.length).toBe(2);
    for (const side of sides) expect(turnLines(side).slice(0, 2)).toEqual(turnLines(p.path).slice(0, 2));
    const supporters = sides.map((f) => readSession(f).header.personas.supporter.id).sort();
    expect(supporters).toEqual(['blunt-coach', 'warm-listener']);
  });

  it('bad input: an unknown persona or session, --at beyond the end, a bad --set, nothing for side B, a closed port', async () => {
    const p = await parent();
    const base = ['compare', '--seeker', 'anxious-phd-student', '--supporter', 'warm-listener'];
    const cases: Array<{ args: string[]; code: number; says: RegExp; env?: NodeJS.ProcessEnv }> = [
      { args: [...base, '--vs-supporter', 'nobody'], code: 1, says: /^persona-talks compare: no persona with id "nobody"\. Supporters available: / },
      { args: base, code: 2, says: /say what side B changes/ },
      { args: [...base, '--vs-supporter', 'warm-listener'], code: 1, says: /two sides would be the same/ },
      { args: ['compare', '--fork', 'no-such-session', '--at', '2', '--condition', 'blind'], code: 1, says: /no session "no-such-session"/ },
      { args: ['compare', '--fork', p.id, '--at', '30', '--condition', 'blind'], code: 1, says: /turn 30 is not in/ },
      { args: ['compare', '--fork', p.id, '--at', '3', '--set', 'supporter.csi.nope=2'], code: 2, says: /no trait "nope"/ },
      { args: ['compare', '--fork', p.id, '--at', '3', '--vs-condition', 'blind'], code: 2, says: /--vs-condition does not go with --fork/ },
      { args: [...base, '--vs-condition', 'blind'], code: 1, says: /Could not reach the model server at .*No comparison was started\./, env: { PERSONA_TALKS_BASE_URL: closedUrl } },
    ];
    for (const c of cases) {
      const r = await runCli(c.args, envFor(p.dir, c.env));
      expect({ args: c.args, code: r.code }).toEqual({ args: c.args, code: c.code });
      expect(r.stderr).toMatch(c.says);
      expect(r.stdout).toBe('');
    }
    expect(readdirSync(p.dir)).toEqual([p.path.slice(p.dir.length + 1)]);
    const missing = await runCli(['replay', join(p.dir, 'gone.comparison.json')], envFor(p.dir));
    expect(missing.code).toBe(1);
    expect(missing.stderr).toMatch(/persona-talks replay: /);
  });
});
