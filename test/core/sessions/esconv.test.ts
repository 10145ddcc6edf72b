import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { PersonaSchema } from '../../../src/core/personas/schema.js';
import { EsconvFormatError, importEsconv, parseEsconv, type EsconvConversation } from '../../../src/core/sessions/esconv.js';
import { formatEsconv, sessionToEsconv } from '../../../src/core/sessions/export-esconv.js';
import { readSession } from '../../../src/core/sessions/reader.js';
import { replayScript } from '../../../src/core/sessions/replay-script.js';
import { STRATEGIES } from '../../../src/core/strategies.js';
import { tempDir, writeSession } from './fixtures.js';

/** A conversation in the shape of a published ESConv variant: speaker/listener, strings for numbers, "\n" endings. */
const PUBLISHED_STYLE = {
  experience_type: 'Current Experience',
  emotion_type: 'anxiety',
  problem_type: 'job crisis',
  situation: 'My workshop is closing and I do not know what comes next.\n',
  survey_score: {
    seeker: { initial_emotion_intensity: '5', final_emotion_intensity: '2', empathy: '4', relevance: '5' },
    supporter: { relevance: '4' },
  },
  seeker_question1: 'The listener was kind.',
  dialog: [
    { speaker: 'speaker', annotation: {}, content: 'Hello?\n' },
    { speaker: 'speaker', annotation: {}, content: 'Is anyone there, I need to talk.\n' },
    { speaker: 'listener', annotation: { strategy: 'Questions' }, content: 'Hi, I am here. What is going on?\n' },
    { speaker: 'speaker', annotation: { feedback: '4' }, content: 'My workshop is closing.\n' },
    { speaker: 'listener', annotation: { strategy: 'Reflection of feelings' }, content: 'That sounds frightening.\n' },
    { speaker: 'listener', annotation: { strategy: 'Other' }, content: 'Take your time.\n' },
    { speaker: 'speaker', annotation: { feedback: '5' }, content: 'Thank you, bye.\n' },
  ],
};

function importText(text: string, dir = tempDir()) {
  const file = join(tempDir('pt-esconv-src-'), 'ESConv.json');
  writeFileSync(file, text);
  return importEsconv(text, { file, dir, appVersion: '9.9.9' });
}

describe('parseEsconv', () => {
  it('normalises speaker names, string numbers, trailing newlines and strategy spellings', () => {
    const { conversations, skipped } = parseEsconv(JSON.stringify([PUBLISHED_STYLE]));
    expect(skipped).toEqual([]);
    const [c] = conversations;
    expect(c?.situation).toBe('My workshop is closing and I do not know what comes next.');
    expect(c?.survey.seeker).toEqual({ initial_emotion_intensity: 5, final_emotion_intensity: 2, empathy: 4, relevance: 5 });
    expect(c?.survey.supporter).toEqual({ relevance: 4 });
    expect(c?.messages.map((m) => [m.speaker, m.content, m.strategy])).toEqual([
      ['seeker', 'Hello?', undefined],
      ['seeker', 'Is anyone there, I need to talk.', undefined],
      ['supporter', 'Hi, I am here. What is going on?', 'Question'],
      ['seeker', 'My workshop is closing.', undefined],
      ['supporter', 'That sounds frightening.', 'Reflection of Feelings'],
      ['supporter', 'Take your time.', 'Others'],
      ['seeker', 'Thank you, bye.', undefined],
    ]);
    expect(c?.messages[3]?.annotation).toEqual({ feedback: '4' });
    expect(c?.other).toEqual({ seeker_question1: 'The listener was kind.' });
  });

  it('accepts usr/sys naming too', () => {
    const { conversations } = parseEsconv(
      JSON.stringify([{ emotion_type: 'sadness', dialog: [{ speaker: 'usr', content: 'hi' }, { speaker: 'sys', annotation: { strategy: 'Self-disclosure' }, content: 'hello' }] }]),
    );
    expect(conversations[0]?.messages.map((m) => m.speaker)).toEqual(['seeker', 'supporter']);
    expect(conversations[0]?.messages[1]?.strategy).toBe('Self-disclosure');
  });

  it('reports each skipped entry with its reason', () => {
    const { conversations, skipped } = parseEsconv(
      JSON.stringify([
        'just a string',
        { emotion_type: 'anger' },
        { dialog: [] },
        { dialog: 'nope' },
        { dialog: [{ speaker: 'narrator', content: 'x' }, { speaker: 'seeker', content: '   ' }] },
        PUBLISHED_STYLE,
        null,
      ]),
    );
    expect(conversations.map((c) => c.index)).toEqual([5]);
    expect(skipped.map((s) => [s.index, s.reason.split(' (')[0]])).toEqual([
      [0, 'not an object'],
      [1, 'no dialog'],
      [2, 'empty dialog'],
      [3, 'dialog is not a list'],
      [4, 'no usable messages'],
      [6, 'not an object'],
    ]);
    expect(skipped[4]?.reason).toMatch(/unknown speaker "narrator".*no text/);
  });

  it('labels a supporter message with an unknown or missing strategy "Others", with a note', () => {
    const { conversations } = parseEsconv(
      JSON.stringify({ dialog: [{ speaker: 'supporter', annotation: { strategy: 'Humming' }, content: 'a' }, { speaker: 'supporter', content: 'b' }] }),
    );
    expect(conversations[0]?.messages.map((m) => m.strategy)).toEqual(['Others', 'Others']);
    expect(conversations[0]?.notes.join('\n')).toMatch(/"Humming" labelled Others[\s\S]*missing labelled Others/);
  });

  it('reads JSON Lines and refuses text that is no conversation list at all', () => {
    const lines = [JSON.stringify(PUBLISHED_STYLE), 'oops{', JSON.stringify(PUBLISHED_STYLE)].join('\n');
    const { conversations, skipped } = parseEsconv(lines);
    expect(conversations).toHaveLength(2);
    expect(skipped).toEqual([{ index: 1, reason: 'line 2 is not valid JSON' }]);
    expect(() => parseEsconv('{"conversations": 3}')).toThrow(EsconvFormatError);
    expect(() => parseEsconv('not json')).toThrow(EsconvFormatError);
  });
});

describe('importEsconv', () => {
  it('writes one readable session per conversation, keeping context, survey scores and feedback', () => {
    const dir = tempDir();
    const report = importText(JSON.stringify([PUBLISHED_STYLE, { dialog: [] }]), dir);
    expect(report.skipped).toEqual([{ index: 1, reason: 'empty dialog' }]);
    expect(report.imported).toHaveLength(1);
    const session = readSession(report.imported[0]!.path);
    const { header } = session;
    expect(header.source).toMatchObject({ kind: 'esconv', file: 'ESConv.json', index: 0 });
    expect(header.appVersion).toBe('9.9.9');
    // The synthesised personas are valid library personas; the seeker's traits are marked as placeholders.
    expect(PersonaSchema.safeParse(header.personas.seeker).success).toBe(true);
    expect(PersonaSchema.safeParse(header.personas.supporter).success).toBe(true);
    expect(header.personas.seeker).toMatchObject({ role: 'seeker', emotion_type: 'anxiety', problem_type: 'job crisis', initial_intensity: 5 });
    expect(header.personas.seeker.notes).toMatch(/^imported: traits unknown/);
    expect(header.personas.supporter.baseline).toBe(true);
    expect(session.ended?.reason).toBe('turn-cap');
    expect(session.turns).toHaveLength(7);
    expect(session.turns.every((t) => t.by === 'human')).toBe(true);
    expect(session.turns.filter((t) => t.speaker === 'supporter').every((t) => t.labelSource === 'imported')).toBe(true);

    const exported = sessionToEsconv(session);
    expect(exported.survey_score).toEqual({
      seeker: { initial_emotion_intensity: 5, final_emotion_intensity: 2, empathy: 4, relevance: 5 },
      supporter: { relevance: 4 },
    });
    expect(exported.experience_type).toBe('Current Experience');
    expect(exported.dialog[3]).toEqual({ speaker: 'seeker', annotation: { feedback: '4' }, content: 'My workshop is closing.' });
    // The file's own spelling comes back; the turn counts as Others.
    expect(exported.dialog[5]).toEqual({ speaker: 'supporter', annotation: { strategy: 'Other' }, content: 'Take your time.' });
  });

  it('a replay of an imported session opens by saying where it came from, once, for new and older logs alike', () => {
    const report = importText(JSON.stringify([PUBLISHED_STYLE]));
    const note = { type: 'notice', level: 'info', message: 'imported from ESConv file ESConv.json, entry 0' };
    expect(replayScript(readSession(report.imported[0]!.path)).before).toEqual([note]);
    // Older imports recorded the same words as a notice record: not shown twice.
    const source = { kind: 'esconv' as const, file: 'ESConv.json', index: 0 };
    const older = writeSession(tempDir(), { header: { source }, turns: [['seeker', 'Hello?']], extra: [] });
    const appended = readSession(older);
    appended.records.splice(1, 0, { type: 'notice', v: 1, at: appended.header.createdAt, level: 'info', message: note.message });
    expect(replayScript(appended).before).toEqual([note]);
  });
});

describe('round trip: export as ESConv, import, export again', () => {
  it('keeps the turns and labels of a written conversation (consecutive messages, every strategy)', () => {
    const sessions = tempDir();
    const path = writeSession(sessions, {
      turns: [
        ['seeker', 'I have not slept properly in weeks.'],
        ['seeker', 'Sorry, that came out of nowhere.'],
        ...STRATEGIES.map((s, i) => ['supporter', `Supporter line ${i}, "quoted", with a comma.`, s] as const),
        ['seeker', 'Thanks.\nReally.'],
      ],
    });
    const original = readSession(path);
    const firstExport = formatEsconv([original]);
    const parsed = JSON.parse(firstExport) as EsconvConversation[];
    // ESConv's conventions: no experience type is better than a null one; survey scores are numbers or absent.
    expect(Object.keys(parsed[0]!)).toEqual(['emotion_type', 'problem_type', 'situation', 'survey_score', 'dialog']);
    expect(parsed[0]?.survey_score).toEqual({ seeker: { initial_emotion_intensity: 4 }, supporter: {} });
    expect(parsed[0]?.dialog[0]).toEqual({ speaker: 'seeker', annotation: {}, content: 'I have not slept properly in weeks.' });

    const report = importText(firstExport);
    const reimported = readSession(report.imported[0]!.path);
    const shape = (t: { speaker: string; text: string; strategy?: string }) => [t.speaker, t.text, t.strategy];
    expect(reimported.turns.map(shape)).toEqual(original.turns.map(shape));
    expect(reimported.header.personas.seeker).toMatchObject({ emotion_type: 'anxiety', problem_type: 'job crisis', situation: original.header.personas.seeker.situation });
    expect(formatEsconv([reimported])).toBe(firstExport);
  });

  it('keeps the turns and labels of a published-style file through two imports', () => {
    const first = readSession(importText(JSON.stringify([PUBLISHED_STYLE])).imported[0]!.path);
    const exported = formatEsconv([first]);
    // Written back exactly as the file spelled them (each turn keeps its source label), canonical inside.
    expect(exported).toContain('"strategy": "Questions"');
    expect(exported).toContain('"strategy": "Reflection of feelings"');
    expect(exported).toContain('"strategy": "Other"');
    expect(first.turns.filter((t) => t.speaker === 'supporter').map((t) => t.strategy)).toContain('Question');
    const second = readSession(importText(exported).imported[0]!.path);
    const shape = (t: { speaker: string; text: string; strategy?: string; labelSource?: string }) => [t.speaker, t.text, t.strategy, t.labelSource];
    expect(second.turns.map(shape)).toEqual(first.turns.map(shape));
    expect(formatEsconv([second])).toBe(exported);
  });

  it('writes one array for several sessions', () => {
    const dir = tempDir();
    const a = writeSession(dir, { turns: [['seeker', 'a']] });
    const b = writeSession(dir, { turns: [['seeker', 'b']] });
    const parsed = JSON.parse(formatEsconv([readSession(a), readSession(b)])) as EsconvConversation[];
    expect(parsed.map((c) => c.dialog[0]?.content)).toEqual(['a', 'b']);
    expect(readFileSync(a, 'utf8')).toContain('"a"');
  });
});
