import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { Writable } from 'node:stream';
import { describe, expect, it } from 'vitest';
import { runExportCommand } from '../../../src/commands/export.js';
import { chatMessages } from '../../../src/core/sessions/export-chat.js';
import { readSession } from '../../../src/core/sessions/reader.js';
import { captureIo, CONTROL_BYTES, tempDir, writeSession } from './fixtures.js';

const TALK = [
  ['seeker', 'The ferry line closes in spring.'],
  ['seeker', 'I have not told anyone.'],
  ['supporter', 'How long have you known?', 'Question'],
  ['seeker', 'Two weeks. \u001b[31mred\u001b[0m'],
  ['supporter', 'That is a lot to carry alone.', 'Reflection of Feelings'],
  ['supporter', 'Could you tell your sister first?', 'Providing Suggestions'],
] as const;

async function exportLines(args: string[]): Promise<{ code: number; lines: unknown[]; err: string }> {
  const cap = captureIo();
  const code = await runExportCommand(args, cap.io);
  return { code, err: cap.stderr(), lines: cap.stdout().split('\n').filter(Boolean).map((l) => JSON.parse(l) as unknown) };
}

describe('export --format chat-jsonl', () => {
  it('one OpenAI chat object a line: system, then the seeker as user and the supporter as assistant, runs merged', async () => {
    const dir = tempDir();
    writeSession(dir, { turns: TALK });
    writeSession(dir, { turns: [['seeker', 'second conversation'], ['supporter', 'I am here.', 'Others']] });
    const { code, lines } = await exportLines([dir, '--format', 'chat-jsonl']);
    expect(code).toBe(0);
    expect(lines).toHaveLength(2);
    const first = lines.find((l) => JSON.stringify(l).includes('ferry')) as { messages: Array<{ role: string; content: string }> };
    expect(Object.keys(first)).toEqual(['messages']);
    expect(first.messages.map((m) => m.role)).toEqual(['system', 'user', 'assistant', 'user', 'assistant']);
    expect(first.messages[0]!.content).toMatch(/^You are the supporter/);
    expect(first.messages[0]!.content).not.toContain('Tobias Wren'); // no persona unless asked
    expect(first.messages[1]!.content).toBe('The ferry line closes in spring.\nI have not told anyone.');
    expect(first.messages[3]!.content).toBe('Two weeks. ␛[31mred␛[0m');
    expect(first.messages[4]!.content).toBe('That is a lot to carry alone.\nCould you tell your sister first?');
    expect(JSON.stringify(lines)).not.toMatch(CONTROL_BYTES);
  });

  it('--strategy-tags prefixes each supporter message with its ESConv token; --persona describes the persona', async () => {
    const dir = tempDir();
    const path = writeSession(dir, { turns: TALK });
    const { lines } = await exportLines([path, '--format', 'chat-jsonl', '--strategy-tags', '--persona']);
    const { messages } = lines[0] as { messages: Array<{ role: string; content: string }> };
    expect(messages[2]!.content).toBe('[Question] How long have you known?');
    expect(messages[4]!.content).toBe('[Reflection of feelings] That is a lot to carry alone.\n[Providing Suggestions] Could you tell your sister first?');
    expect(messages[0]!.content).toContain('Begin each message with its strategy in square brackets');
    expect(messages[0]!.content).toContain('Tobias Wren');
    expect(messages[0]!.content).toMatch(/Agreeableness: 4\.4 \(very high\)/);
  });

  it('--role seeker swaps the sides and tells the seeker its situation', async () => {
    const dir = tempDir();
    const path = writeSession(dir, { turns: TALK });
    const { lines } = await exportLines([path, '--format', 'chat-jsonl', '--role', 'seeker']);
    const { messages } = lines[0] as { messages: Array<{ role: string; content: string }> };
    expect(messages.map((m) => m.role)).toEqual(['system', 'assistant', 'user', 'assistant', 'user']);
    expect(messages[0]!.content).toMatch(/^You are someone seeking emotional support/);
    expect(messages[0]!.content).toContain('The ferry line she works for is closing in spring');
    expect(messages[0]!.content).not.toContain('Odile Marsh');
  });

  it('leaves out a conversation with nothing to learn from, and says so', async () => {
    const dir = tempDir();
    writeSession(dir, { turns: [['seeker', 'only me here']] });
    writeSession(dir, { turns: TALK });
    const { code, lines, err } = await exportLines([dir, '--format', 'chat-jsonl']);
    expect(code).toBe(0);
    expect(lines).toHaveLength(1);
    expect(err).toContain('1 session left out: no supporter turns to learn from');
  });
});

describe('export --format sharegpt', () => {
  it('writes {id, conversations: [{from, value}]} with system, human and gpt', async () => {
    const dir = tempDir();
    const path = writeSession(dir, { header: { id: 'sharegpt-one' }, turns: TALK });
    const { code, lines } = await exportLines([path, '--format', 'sharegpt', '--strategy-tags']);
    expect(code).toBe(0);
    const row = lines[0] as { id: string; conversations: Array<{ from: string; value: string }> };
    expect(row.id).toBe('sharegpt-one');
    expect(row.conversations.map((c) => c.from)).toEqual(['system', 'human', 'gpt', 'human', 'gpt']);
    expect(row.conversations[2]!.value).toBe('[Question] How long have you known?');
  });
});

describe('export errors and progress', () => {
  it('an empty folder, or sessions with nothing to write, is a clear error and writes nothing', async () => {
    const empty = tempDir();
    let cap = captureIo();
    expect(await runExportCommand([empty, '--format', 'chat-jsonl'], cap.io)).toBe(1);
    expect(cap.stderr()).toMatch(/no sessions to export \(no session files in /);
    const dir = tempDir();
    writeSession(dir, { turns: [['seeker', 'alone']] });
    const out = join(tempDir(), 'out.jsonl');
    cap = captureIo();
    expect(await runExportCommand([dir, '--format', 'sharegpt', '--out', out], cap.io)).toBe(1);
    expect(cap.stderr()).toMatch(/no sessions to export: none of them could be written/);
    expect(() => readFileSync(out)).toThrow();
    cap = captureIo();
    expect(await runExportCommand([dir, '--format', 'sharegpt'], cap.io)).toBe(1);
    expect(cap.stdout()).toBe('');
  });

  it('chat options are refused for formats they do not shape', async () => {
    const dir = tempDir();
    writeSession(dir, { turns: TALK });
    const cap = captureIo();
    expect(await runExportCommand([dir, '--format', 'csv', '--strategy-tags'], cap.io)).toBe(2);
    expect(cap.stderr()).toContain('--strategy-tags only applies to chat-jsonl, sharegpt and --dataset');
    expect(await runExportCommand([dir, '--format', 'chat-jsonl', '--role', 'judge'], captureIo().io)).toBe(2);
  });

  it('shows progress on a terminal, and only there', async () => {
    const dir = tempDir();
    for (let i = 0; i < 3; i++) writeSession(dir, { turns: TALK });
    const out = join(tempDir(), 'out.md');
    const chunks: string[] = [];
    const tty = Object.assign(new Writable({ write: (c: Buffer, _e, cb) => (chunks.push(c.toString()), cb()) }), { isTTY: true, columns: 80 });
    const cap = captureIo();
    expect(await runExportCommand([dir, '--format', 'md', '--out', out], { stdout: cap.io.stdout, stderr: tty })).toBe(0);
    const shown = chunks.join('');
    expect(shown).toContain('\rExporting 3 of 3 sessions (100%)');
    expect(shown).toContain('\r\u001b[2K');
    expect(shown).toContain('Exported 3 sessions as md to');
    // Not a terminal: the summary only.
    expect(await runExportCommand([dir, '--format', 'md', '--out', join(tempDir(), 'b.md')], cap.io)).toBe(0);
    expect(cap.stderr()).not.toContain('Exporting');
    expect(readFileSync(out, 'utf8')).toMatch(/^# persona-talks conversations \(3\)/);
  });

  it('chatMessages is a pure view of one session', () => {
    const session = readSession(writeSession(tempDir(), { turns: TALK }));
    const view = chatMessages(session, { role: 'supporter' });
    expect(Array.isArray(view) && view.length).toBe(5);
  });
});
