import { afterEach, describe, expect, it } from 'vitest';
import { cleanup } from 'ink-testing-library';
import type { Mode } from '../../../src/core/domain.js';
import { ConversationScreen } from '../../../src/ui/screens/ConversationScreen.js';
import { press, renderSized, setSize, waitForFrame, widestLine, withKeys } from '../helpers.js';
import { header, ScriptedConversation, seekerPersona, streamedTurn, supporterPersona, turn } from '../scriptedConversation.js';

/** The conversation screen as the default display draws it: exactly the terminal's size, the transcript a viewport. */
const personas = { seeker: seekerPersona, supporter: supporterPersona };
const PAGE_UP = '\u001b[5~';
const END = '\u001b[4~';

function setup(mode: Mode = 'watch', columns = 80, rows = 24) {
  const conversation = new ScriptedConversation('/tmp/sessions/s-1.jsonl');
  const r = renderSized(
    withKeys(<ConversationScreen conversation={conversation} mode={mode} personas={personas} onExit={() => {}} deltaFlushMs={5} />, { fullScreen: true }),
    columns,
    rows,
  );
  conversation.emit({ type: 'session-started', header: header({ mode }), path: conversation.sessionPath });
  return { conversation, r };
}

const rowsOf = (f: string) => f.split('\n').length;

afterEach(() => cleanup());

describe('ConversationScreen full screen', () => {
  it('is exactly the terminal size, follows the newest turn, and PgUp scrolls back with a marker until End', async () => {
    const { conversation, r } = setup();
    for (let i = 0; i < 12; i++) {
      const speaker = i % 2 === 0 ? 'seeker' : 'supporter';
      conversation.emit(...streamedTurn(turn(i, speaker, `message number ${i} from the ${speaker}`)));
    }
    let f = await waitForFrame(r, 'message number 11');
    expect(rowsOf(f)).toBe(24);
    expect(f).not.toContain('message number 0 ');
    expect(f).not.toMatch(/more turns? below/);
    await press(r, PAGE_UP);
    f = await waitForFrame(r, (fr) => /↓ \d+ more turns? below/.test(fr));
    expect(f).not.toContain('message number 11');
    expect(rowsOf(f)).toBe(24);
    // A new turn arriving while scrolled back does not move the view.
    const before = f.split('\n').slice(0, 3).join('\n');
    conversation.emit(...streamedTurn(turn(12, 'seeker', 'message number 12 from the seeker')));
    f = await waitForFrame(r, (fr) => /↓ \d+ more turns? below/.test(fr) && fr.startsWith(before));
    expect(f).not.toContain('message number 12');
    await press(r, END);
    f = await waitForFrame(r, 'message number 12');
    expect(f).not.toMatch(/more turns? below/);
  });

  it('re-lays out from state on resize: every row within the width, the frame the terminal height', async () => {
    const { conversation, r } = setup('watch', 100, 30);
    conversation.emit(
      ...streamedTurn(turn(0, 'seeker', 'I keep rewriting the same chapter and it never feels good enough for my advisor.')),
      ...streamedTurn(turn(1, 'supporter', 'What would good enough look like to you?', { strategy: 'Question' })),
    );
    await waitForFrame(r, '[Question]');
    for (const [columns, rows] of [[60, 20], [40, 20], [100, 30]] as const) {
      setSize(r, columns, rows);
      r.stdout.emit('resize');
      const f = await waitForFrame(r, (fr) => rowsOf(fr) === rows && widestLine(fr) <= columns && fr.includes(columns >= 80 ? '[Question]' : '[QUE]'));
      expect(f.replace(/\s+/g, ' ')).toContain('good enough');
    }
  });

  it('shows "thinking… Ns" in place of the turn until its words come, then the words; a refusal is a notice', async () => {
    const { conversation, r } = setup();
    conversation.emit({ type: 'turn-started', index: 0, speaker: 'seeker', by: 'ai' }, { type: 'thinking', index: 0, speaker: 'seeker', elapsedMs: 3200 });
    await waitForFrame(r, 'thinking… 3s');
    conversation.emit({ type: 'thinking', index: 0, speaker: 'seeker', elapsedMs: 4000, done: true }, { type: 'text-delta', index: 0, speaker: 'seeker', text: 'Hello there' });
    const f = await waitForFrame(r, 'Hello there');
    expect(f).not.toContain('thinking…');
    conversation.emit({ type: 'refusal', index: 1, role: 'supporter', model: 'tiny', text: "I'm sorry, but I can't role-play that.", kind: 'refusal', reason: 'declined the role', attempt: 1, outcome: 'asked-again' });
    await waitForFrame(r, 'refused to play its persona');
  });

  it('a human supporter sees the trainee guidance when the AI seeker writes crisis language; watching AI with AI shows none', async () => {
    const joined = setup('join-supporter', 100, 30);
    joined.conversation.emit(...streamedTurn(turn(0, 'seeker', "honestly I've been saying goodbye to people, I won't be around much longer")));
    const f = await waitForFrame(joined.r, 'practise a safety check');
    expect(f).toContain('988');
    expect(f).not.toContain('If you are in crisis');
    cleanup();
    const watched = setup('watch');
    watched.conversation.emit(...streamedTurn(turn(0, 'seeker', "honestly I've been saying goodbye to people, I won't be around much longer")));
    const w = await waitForFrame(watched.r, 'much longer');
    expect(w).not.toContain('safety check');
  });
});
