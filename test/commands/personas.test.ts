import { writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { runPersonasCommand } from '../../src/commands/personas.js';
import { captureIo, seekerYaml, tempDir, writeFiles } from '../core/personas/helpers.js';

/** Runs the command against the real bundled library and an isolated user folder. */
async function run(args: string[], userDir?: string) {
  const cap = captureIo();
  const code = await runPersonasCommand(args, cap.io, { userDir: userDir ?? join(await tempDir(), 'none') });
  return { code, out: cap.stdout(), err: cap.stderr() };
}

describe('personas list', () => {
  it('prints a table with id, role, name, E, X and description', async () => {
    const { code, out, err } = await run(['list']);
    expect(code).toBe(0);
    expect(err).toBe('');
    const lines = out.trimEnd().split('\n');
    expect(lines[0]).toMatch(/^ID\s+ROLE\s+NAME\s+E\s+X\s+DESCRIPTION$/);
    expect(out).toMatch(/^anxious-phd-student\s+seeker\s+Mina Haddad\s+4\.6\s+2\.1\s+Conscientious/m);
    expect(out).toMatch(/^no-persona\s+supporter\s+No persona\s+–\s+–\s+A supporter/m);
    expect(Math.max(...lines.map((l) => l.length))).toBeLessThanOrEqual(120);
  });

  it('filters by role', async () => {
    const { out } = await run(['list', '--role', 'supporter']);
    expect(out).toContain('warm-listener');
    expect(out).not.toContain('anxious-phd-student');
  });

  it('prints JSON with --json', async () => {
    const { code, out } = await run(['list', '--role=seeker', '--json']);
    expect(code).toBe(0);
    const rows = JSON.parse(out) as { id: string; role: string; source: string; persona: { hexaco: { E: number } } }[];
    expect(rows.length).toBeGreaterThanOrEqual(8);
    expect(rows.every((r) => r.role === 'seeker' && r.source === 'bundled')).toBe(true);
    expect(rows.find((r) => r.id === 'anxious-phd-student')?.persona.hexaco.E).toBe(4.6);
  });

  it('marks user personas and warns (on stderr) about broken user files', async () => {
    const userDir = await tempDir();
    await writeFiles(userDir, { 'mine.yaml': seekerYaml('my-seeker'), 'bad.yaml': 'id: [\n' });
    const { code, out, err } = await run(['list'], userDir);
    expect(code).toBe(0);
    expect(out).toMatch(/^my-seeker\*\s+seeker/m);
    expect(err).toMatch(/1 persona file could not be loaded; run "persona-talks personas validate"/);
  });
});

describe('personas show', () => {
  it('prints the full card with trait bars', async () => {
    const { code, out } = await run(['show', 'anxious-phd-student']);
    expect(code).toBe(0);
    expect(out).toContain('Mina Haddad  (anxious-phd-student)');
    expect(out).toContain('problem type:      academic pressure');
    expect(out).toContain('initial intensity: 4 / 5');
    expect(out).toMatch(/E {2}Emotionality\s+4\.6 {2}█{18}░{2}/);
    expect(out).toMatch(/Impression Manipulativeness\s+2\.0 {2}█{5}░{15}/);
  });

  it('shows a baseline as having no traits', async () => {
    const { out } = await run(['show', 'no-persona']);
    expect(out).toContain('Traits: none');
    expect(out).not.toContain('HEXACO');
  });

  it('prints JSON with --json', async () => {
    const { out } = await run(['show', 'blunt-coach', '--json']);
    expect(JSON.parse(out)).toMatchObject({ id: 'blunt-coach', source: 'bundled', persona: { role: 'supporter', hexaco: { A: 1.6 } } });
  });

  it('fails with a one-line hint for an unknown id', async () => {
    const { code, out, err } = await run(['show', 'nobody']);
    expect(code).toBe(1);
    expect(out).toBe('');
    expect(err).toBe('persona-talks personas: no persona with id "nobody" (run "persona-talks personas list" to see ids)\n');
  });
});

describe('personas validate', () => {
  it('passes the bundled library', async () => {
    const { code, out } = await run(['validate']);
    expect(code).toBe(0);
    expect(out).toMatch(/^\d+ personas OK\n$/);
  });

  it('prints file:line field: message for each error and exits 1', async () => {
    const dir = await tempDir();
    await writeFiles(dir, { 'good.yaml': seekerYaml('good'), 'bad.yaml': seekerYaml('bad', { E: '7' }) });
    const { code, out } = await run(['validate', dir]);
    expect(code).toBe(1);
    expect(out).toContain(`${join(dir, 'bad.yaml')}:8 hexaco.E: must be at most 5\n`);
    expect(out).toContain('1 error in 1 file; 1 persona OK');
  });

  it('validates a single file', async () => {
    const file = join(await tempDir(), 'one.yaml');
    await writeFile(file, seekerYaml('one'));
    expect(await run(['validate', file])).toMatchObject({ code: 0, out: '1 persona OK\n' });
  });

  it('reports a missing path as an error', async () => {
    const { code, out } = await run(['validate', '/definitely/not/here.yaml']);
    expect(code).toBe(1);
    expect(out).toContain('/definitely/not/here.yaml not found');
  });
});

describe('usage', () => {
  it('prints usage for help and exits 2 for unknown subcommands or options', async () => {
    expect((await run(['help'])).out).toContain('persona-talks personas list');
    expect(await run(['frobnicate'])).toMatchObject({ code: 2, err: expect.stringContaining('unknown personas subcommand "frobnicate"') });
    expect(await run(['list', '--colour'])).toMatchObject({ code: 2, err: expect.stringContaining('unknown option "--colour"') });
    expect(await run(['list', '--role', 'therapist'])).toMatchObject({ code: 2 });
    expect(await run(['show'])).toMatchObject({ code: 2 });
  });
});
