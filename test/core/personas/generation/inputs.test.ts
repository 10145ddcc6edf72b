import { chmod, mkdir, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { formatInputError, readDescriptionFile, readSeeds, type InputRead } from '../../../../src/core/personas/generation/inputs.js';
import { loadLibrary } from '../../../../src/core/personas/library.js';
import { seekerYaml, tempDir, writeFiles } from '../helpers.js';

async function file(name: string, text: string | Buffer): Promise<string> {
  const path = join(await tempDir('pt-inputs-'), name);
  await writeFile(path, text);
  return path;
}

const texts = (read: InputRead) => (read.ok ? read.texts.map((t) => [t.line, t.text]) : read.errors.map(formatInputError));
const errors = (read: InputRead) => (read.ok ? [] : read.errors.map((e) => `${e.line ?? '-'}: ${e.message}`));

describe('a file of descriptions', () => {
  it('JSONL: PersonaHub\'s {"persona"}, {"description"} or a JSON string a line, blank lines skipped, text cleaned', async () => {
    const path = await file('hub.jsonl', [
      '{"persona": "A retired nurse who volunteers at a hospice."}',
      '',
      '{"description": "  A bike courier\\u001b[31m who   argues with everyone. ", "id": 7}',
      '"A beekeeper who talks to her bees."',
      '{"input persona": "A night-shift baker."}',
    ].join('\n'));
    expect(texts(await readDescriptionFile(path))).toEqual([
      [1, 'A retired nurse who volunteers at a hospice.'],
      [3, 'A bike courier who argues with everyone.'],
      [4, 'A beekeeper who talks to her bees.'],
      [5, 'A night-shift baker.'],
    ]);
  });

  it('text: one description a line, "#" lines and blank lines skipped; sniffed when the name says nothing', async () => {
    const path = await file('people', '# seeds for a study\nA retired nurse who volunteers.\r\n\n  A courier who argues.  \n');
    expect(texts(await readDescriptionFile(path))).toEqual([
      [2, 'A retired nurse who volunteers.'],
      [4, 'A courier who argues.'],
    ]);
    const sniffed = await file('people.data', '{"persona": "A courier who argues."}\n');
    expect(texts(await readDescriptionFile(sniffed))).toEqual([[1, 'A courier who argues.']]);
  });

  it('YAML: a list of descriptions or of {persona}/{description} mappings, or a seeds: list', async () => {
    const list = await file('seeds.yaml', '- A retired nurse who volunteers.\n- description: A courier who argues.\n');
    expect(texts(await readDescriptionFile(list))).toEqual([
      [1, 'A retired nurse who volunteers.'],
      [2, 'A courier who argues.'],
    ]);
    const keyed = await file('seeds.yml', 'seeds:\n  - A beekeeper.\n');
    expect(texts(await readDescriptionFile(keyed))).toEqual([[2, 'A beekeeper.']]);
  });

  it('names the file and line of every line that is not JSON or holds no description, and reads nothing', async () => {
    const path = await file('bad.jsonl', ['{"persona": "A nurse."}', '  {"persona": "A baker.", ', '{"name": "Ann", "age": 3}', '{"persona": 42}', '[1, 2]', '{"persona": "A cook."} x'].join('\n'));
    const read = await readDescriptionFile(path, 'bad.jsonl');
    expect(read.ok).toBe(false);
    expect(errors(read)).toEqual([
      // The place is a column of the file's line (JSON.parse counts from the trimmed text and calls it line 1).
      '2: not JSON (Expected double-quoted property name at column 26)',
      '3: expected a "persona" or "description" field (found "name", "age")',
      '4: "persona" must be text',
      '5: expected {"persona": "..."} or {"description": "..."}, not a list',
      '6: not JSON (Unexpected non-whitespace character after JSON at column 24)',
    ]);
    expect(!read.ok && formatInputError(read.errors[0]!)).toMatch(/^bad\.jsonl:2: not JSON/);
  });

  it('a file of many bad lines: the first ten, and where reading stopped', async () => {
    const read = await readDescriptionFile(await file('many.jsonl', Array.from({ length: 30 }, (_, i) => `{"name": "n${i}"}`).join('\n')), 'many.jsonl');
    expect(errors(read)).toHaveLength(11);
    expect(errors(read).at(-1)).toBe('-: stopped reading after 10 problems; lines 11 onwards were not checked');
    // Exactly ten bad lines and nothing after them: no such line.
    expect(errors(await readDescriptionFile(await file('ten.jsonl', Array.from({ length: 10 }, () => '{}').join('\n') + '\n')))).toHaveLength(10);
  });

  it('a missing file, a folder, an empty file, a binary file and a YAML error are clear errors', async () => {
    expect(errors(await readDescriptionFile('/no/such/file.jsonl'))).toEqual(['-: not found']);
    expect(errors(await readDescriptionFile(await tempDir()))).toEqual(['-: is a folder; give a file of descriptions']);
    expect(errors(await readDescriptionFile(await file('empty.jsonl', '')))).toEqual(['-: has no descriptions (expected {"persona": "..."} or {"description": "..."} lines)']);
    expect(errors(await readDescriptionFile(await file('blank.txt', '\n# only a comment\n\n')))).toEqual(['-: has no descriptions (expected one a line)']);
    expect(errors(await readDescriptionFile(await file('x.bin', Buffer.from([0x41, 0x00, 0x42]))))).toEqual(['-: is not a text file']);
    expect(errors(await readDescriptionFile(await file('x.yaml', '- a\n- [b\n')))[0]).toMatch(/^\d: YAML syntax error/);
  });

  it('an unreadable file says so', async () => {
    if (process.getuid?.() === 0) return; // root reads anything: nothing to check here
    const path = await file('locked.txt', 'A nurse.\n');
    await chmod(path, 0o000);
    expect(errors(await readDescriptionFile(path))).toEqual(['-: permission denied']);
  });
});

describe('seeds', () => {
  const library = (userDir: string) => () => loadLibrary({ userDir });

  it('persona ids from the library, by comma; unknown ids and the baseline are errors', async () => {
    const userDir = await tempDir();
    const read = await readSeeds('night-shift-nurse,anxious-phd-student', library(userDir));
    expect(read.ok && read.texts.map((t) => t.text.slice(0, 45))).toEqual(['intensive-care nurse, aged 35-44, male: Compe', expect.stringMatching(/^doctoral student/)]);
    expect(errors(await readSeeds('night-shift-nurse,nobody-here', library(userDir)))).toEqual(['-: no such file, folder or persona id (run "persona-talks personas list" to see ids)']);
    expect(errors(await readSeeds('no-persona', library(userDir)))).toEqual(['-: is the baseline with no persona: it cannot seed new personas']);
  });

  it('a persona folder (broken files are noted, not fatal) and a persona file', async () => {
    const dir = await tempDir();
    await writeFiles(dir, { 'a.yaml': seekerYaml('seed-a'), 'broken.yaml': 'id: [\n' });
    const read = await readSeeds(dir, library(await tempDir()));
    expect(read.ok && read.texts.map((t) => t.text)).toEqual(['A person used in tests.']);
    expect(read.ok && read.notes).toEqual([expect.stringMatching(/broken\.yaml:\d+: YAML syntax error.*\(left out of the seeds\)/)]);
    expect(texts(await readSeeds(join(dir, 'a.yaml'), library(await tempDir())))).toEqual([[1, 'A person used in tests.']]);
    const empty = join(dir, 'nothing');
    await mkdir(empty);
    expect(errors(await readSeeds(empty, library(await tempDir())))).toEqual(['-: has no persona files to use as seeds']);
    expect(errors(await readSeeds('./missing-seeds.txt', library(await tempDir())))).toEqual(['-: not found']);
  });
});
