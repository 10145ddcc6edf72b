import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { runExportCommand } from '../../../src/commands/export.js';
import { csvField, formatCsv } from '../../../src/core/sessions/export-csv.js';
import { formatEsconv } from '../../../src/core/sessions/export-esconv.js';
import { formatMarkdown } from '../../../src/core/sessions/export-markdown.js';
import { readSession } from '../../../src/core/sessions/reader.js';
import { captureIo, CONTROL_BYTES, makeTurns, tempDir, truncateWithPartialLine, writeSession } from './fixtures.js';

const HOSTILE = 'Fine.\u001b]52;c;ZXZpbA==\u0007 \u001b[2J\u009b31m<script>x</script>\r\nnext line\u0000';

describe('Markdown export', () => {
  it('has a title, personas, settings, a labelled transcript and a strategy table', () => {
    const dir = tempDir();
    const path = writeSession(dir, {
      turns: [
        ['seeker', 'The ferry closes in spring.'],
        ['supporter', 'How long have you known?', 'Question'],
        ['seeker', '# not a heading\nsecond line'],
        ['supporter', 'You could tell your sister first.', 'Providing Suggestions'],
      ],
    });
    const md = formatMarkdown([readSession(path)]);
    expect(md).toMatch(/^# persona-talks conversation\n\n## Odile Marsh and Tobias Wren\n/);
    expect(md).toContain('**Seeker:** Odile Marsh (`tide-seeker`) — 35-44, woman, ferry ticket clerk');
    expect(md).toContain('- Situation: The ferry line she works for is closing in spring');
    expect(md).toContain('**Condition:** aware');
    expect(md).toContain('seeker `seeker-model`, supporter `supporter-model`');
    expect(md).toContain('**Seeker**: The ferry closes in spring.');
    expect(md).toContain('**Supporter** *(Question)*: How long have you known?');
    // A turn cannot turn itself into a heading; its line break is kept as a hard break.
    expect(md).toContain('**Seeker**: \\# not a heading  \nsecond line');
    expect(md).toContain('| Question | 1 | 50.0% | 20.7% |');
    expect(md).toContain('| Providing Suggestions | 1 | 50.0% | 16.1% |');
    expect(md).toContain('| **Total** | 2 | 100.0% | 100.0% |');
    expect(md).not.toContain('### Traits');
  });

  it('adds a trait summary when the log holds measurements or meter readings', () => {
    const dir = tempDir();
    const path = writeSession(dir, {
      turns: [['seeker', 'hello'], ['supporter', 'hi', 'Question']],
      extra: [
        { type: 'meter', speaker: 'seeker', afterTurn: 1, hexaco: { E: { score: 4.1, confidence: 0.8 } }, csi: { emotionality: { score: 3.9, confidence: 0.6 } } },
      ],
    });
    const md = formatMarkdown([readSession(path)]);
    expect(md).toContain('**Seeker** — live trait meter after turn 1');
    expect(md).toContain('| E Emotionality | 4.60 | 4.10 | -0.50 |');
    expect(md).toContain('| Emotionality (CSI) | 4.40 | 3.90 | -0.50 |');
  });

  it('puts several sessions in one document, each in its own section', () => {
    const dir = tempDir();
    const a = readSession(writeSession(dir, { turns: [['seeker', 'first']] }));
    const b = readSession(writeSession(dir, { turns: [['seeker', 'second']] }));
    const md = formatMarkdown([a, b]);
    expect(md.match(/^## /gm)).toHaveLength(2);
    expect(md).toMatch(/^# persona-talks conversations \(2\)/);
    expect(md).toContain('\n---\n');
  });
});

describe('CSV export', () => {
  it('writes one row per turn with RFC 4180 quoting', () => {
    const dir = tempDir();
    const path = writeSession(dir, {
      header: { id: 'csv-session' },
      turns: [
        ['seeker', 'plain'],
        ['supporter', 'She said "hi", then\nleft.', 'Question'],
      ],
    });
    const csv = formatCsv([readSession(path)]);
    const lines = csv.split('\r\n');
    expect(lines[0]).toBe('session_id,index,speaker,by,strategy,label_source,text,started_at,finished_at,latency_ms,prompt_tokens,completion_tokens');
    expect(lines[1]).toBe('csv-session,0,seeker,ai,,,plain,2025-03-01T10:00:00.000Z,2025-03-01T10:00:00.500Z,500,100,20');
    expect(lines[2]).toBe('csv-session,1,supporter,ai,Question,declared,"She said ""hi"", then\nleft.",2025-03-01T10:00:01.000Z,2025-03-01T10:00:01.500Z,500,101,21');
    expect(lines[3]).toBe('');
    expect(lines).toHaveLength(4);
  });

  it('leaves fields without special characters bare and quotes commas', () => {
    expect(csvField('a,b')).toBe('"a,b"');
    expect(csvField('ab')).toBe('ab');
    expect(csvField(undefined)).toBe('');
    expect(csvField(0)).toBe('0');
  });
});

describe('exports of untrusted text', () => {
  it('contain no escape sequences or control bytes in any format', () => {
    const dir = tempDir();
    const turns = makeTurns([
      ['seeker', HOSTILE],
      ['supporter', HOSTILE, 'Others'],
    ]);
    const path = writeSession(dir, { turns });
    const session = readSession(path);
    expect(session.turns[0]?.text).toContain('\u001b'); // the log itself holds the raw bytes

    const md = formatMarkdown([session]);
    const esconv = formatEsconv([session]);
    const csv = formatCsv([session]);
    for (const text of [md, esconv, csv]) {
      expect(text).not.toMatch(CONTROL_BYTES);
      expect(text).not.toContain('\u001b');
      expect(text).not.toContain('\\u001b'); // not even JSON-escaped in the ESConv file
      expect(text).toContain('␛]52;c;ZXZpbA==');
    }
    // CR appears only in CSV record separators, never inside a field.
    expect(md).not.toContain('\r');
    expect(csv.replace(/\r\n/g, '')).not.toContain('\r');
    expect(md).toContain('&lt;script>');
  });
});

describe('CSV formula guard', () => {
  it('text a spreadsheet would run as a formula gets a leading apostrophe, unless raw', () => {
    const dir = tempDir();
    const turns = makeTurns([
      ['seeker', '=HYPERLINK("http://evil.example","click")'],
      ['supporter', '@SUM(A1:A9) and more', 'Others'],
      ['seeker', 'plain words - with a dash inside'],
    ]);
    const session = readSession(writeSession(dir, { turns }));
    const guarded = formatCsv([session]);
    expect(guarded).toContain(`"'=HYPERLINK(""http://evil.example"",""click"")"`);
    expect(guarded).toContain(`'@SUM(A1:A9) and more`);
    expect(guarded).toContain(',plain words - with a dash inside,');
    const raw = formatCsv([session], { formulaGuard: false });
    expect(raw).toContain(`"=HYPERLINK(""http://evil.example"",""click"")"`);
    expect(raw).not.toContain(`'@SUM`);
  });
});

describe('export command', () => {
  it('exports a session with a truncated last line, by id prefix, to a file', async () => {
    const dir = tempDir();
    const path = writeSession(dir, { header: { id: 'crashy-session-1' }, turns: [['seeker', 'still here'], ['supporter', 'so am I', 'Self-disclosure']], ended: false });
    truncateWithPartialLine(path);
    const out = join(tempDir(), 'out.csv');
    const cap = captureIo();
    const code = await runExportCommand(['crashy', '--format', 'csv', '--out', out], cap.io, { sessionsDir: dir });
    expect(code).toBe(0);
    expect(cap.stdout()).toBe('');
    expect(cap.stderr()).toMatch(/line 4 left out: not valid JSON/);
    const csv = readFileSync(out, 'utf8');
    expect(csv.split('\r\n').filter(Boolean)).toHaveLength(3);
    expect(csv).toContain('so am I');
  });

  it('writes several sessions as one ESConv array to stdout, and a folder counts as its sessions', async () => {
    const dir = tempDir();
    writeSession(dir, { turns: [['seeker', 'one']] });
    writeSession(dir, { turns: [['seeker', 'two']] });
    const cap = captureIo();
    expect(await runExportCommand([dir, '--format=esconv'], cap.io)).toBe(0);
    const parsed = JSON.parse(cap.stdout()) as Array<{ dialog: Array<{ content: string }> }>;
    expect(parsed.map((c) => c.dialog[0]?.content).sort()).toEqual(['one', 'two']);
  });

  it('fails clearly on a bad format, an unknown session or a file that is not a session', async () => {
    const dir = tempDir();
    writeSession(dir, { header: { id: 'real' }, turns: [['seeker', 'x']] });
    let cap = captureIo();
    expect(await runExportCommand(['real', '--format', 'pdf'], cap.io, { sessionsDir: dir })).toBe(2);
    expect(cap.stderr()).toMatch(/--format needs one of: md, esconv, csv, chat-jsonl, sharegpt \(got "pdf"\)/);
    cap = captureIo();
    expect(await runExportCommand(['ghost', '--format', 'md'], cap.io, { sessionsDir: dir })).toBe(1);
    expect(cap.stderr()).toMatch(/no session "ghost"/);
    expect(cap.stdout()).toBe('');
    cap = captureIo();
    expect(await runExportCommand([join(dir, '..'), '--format', 'md', '--nope'], cap.io)).toBe(2);
  });
});
