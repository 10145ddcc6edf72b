import { cleanup } from 'ink-testing-library';
import { afterEach, describe, expect, it } from 'vitest';
import { ConversationScreen } from '../../../src/ui/screens/ConversationScreen.js';
import { frame, press, renderSized, typeText, waitForFrame, withKeys } from '../helpers.js';
import { header, ScriptedConversation, seekerPersona, supporterPersona } from '../scriptedConversation.js';

afterEach(() => cleanup());

/** The composer as a joining seeker meets it: the conversation screen's one key handler edits it. */
function joined() {
  const conversation = new ScriptedConversation('/tmp/sessions/c.jsonl');
  const r = renderSized(
    withKeys(<ConversationScreen conversation={conversation} mode="join-seeker" personas={{ seeker: seekerPersona, supporter: supporterPersona }} onExit={() => undefined} deltaFlushMs={5} />),
    100,
    30,
  );
  conversation.emit(
    { type: 'session-started', header: header({ mode: 'join-seeker' }), path: conversation.sessionPath },
    { type: 'turn-started', index: 0, speaker: 'seeker', by: 'human' },
    { type: 'awaiting-human', index: 0, speaker: 'seeker' },
  );
  return { conversation, r };
}

describe('Composer', () => {
  it('fixes a typo in the middle: ← moves the cursor, typing inserts there, Enter sends the whole text', async () => {
    const { conversation, r } = joined();
    await waitForFrame(r, 'Your message as');
    await typeText(r, 'I cant sleep');
    await waitForFrame(r, 'I cant sleep');
    for (let i = 0; i < 'nt sleep'.length - 1; i++) await press(r, 'left');
    await typeText(r, "'");
    await waitForFrame(r, "I can'▍t sleep"); // the cursor sits after the inserted apostrophe
    await press(r, 'enter');
    expect(conversation.calls).toEqual([{ call: 'submitHuman', text: "I can't sleep", strategy: undefined }]);
    expect(frame(r)).not.toContain('Your message as');
  });

  it('takes a whole burst in one read: typed text, a move and Enter all land, in order', async () => {
    const { conversation, r } = joined();
    await waitForFrame(r, 'Your message as');
    r.stdin.write('helo\u001b[Dl\r');
    await waitForFrame(r, () => conversation.calls.length > 0);
    expect(conversation.calls).toEqual([{ call: 'submitHuman', text: 'hello', strategy: undefined }]);
  });

  it('keeps the lines of a paste without bracketed-paste mode instead of sending at its first Enter', async () => {
    const { conversation, r } = joined();
    await waitForFrame(r, 'Your message as');
    r.stdin.write('first line\rsecond line');
    await waitForFrame(r, 'second line');
    expect(conversation.calls).toEqual([]);
    await press(r, 'enter');
    expect(conversation.calls).toEqual([{ call: 'submitHuman', text: 'first line\nsecond line', strategy: undefined }]);
  });
});
