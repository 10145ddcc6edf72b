import { afterEach, describe, expect, it } from 'vitest';
import { cleanup } from 'ink-testing-library';
import { ConversationScreen } from '../../../src/ui/screens/ConversationScreen.js';
import type { ExitTarget } from '../../../src/ui/screens/conversationKeys.js';
import { frame, paste, press, renderSized, setSize, typeText, waitForFrame, widestLine, withKeys } from '../helpers.js';
import { header, ScriptedConversation, seekerPersona, streamedTurn, supporterPersona, turn } from '../scriptedConversation.js';
import type { Mode } from '../../../src/core/domain.js';

const personas = { seeker: seekerPersona, supporter: supporterPersona };

function setup(mode: Mode = 'watch', columns = 100, rows = 40) {
  const conversation = new ScriptedConversation('/tmp/sessions/s-1.jsonl');
  const exits: ExitTarget[] = [];
  const r = renderSized(
    withKeys(<ConversationScreen conversation={conversation} mode={mode} personas={personas} onExit={(to) => exits.push(to)} deltaFlushMs={5} />),
    columns,
    rows,
  );
  conversation.emit({ type: 'session-started', header: header({ mode }), path: conversation.sessionPath });
  return { conversation, r, exits };
}

afterEach(() => cleanup());

describe('ConversationScreen — failures', () => {
  it('an engine error shows its message, and space asks the engine to try again', async () => {
    const { conversation, r } = setup();
    conversation.emit(...streamedTurn(turn(0, 'seeker', 'I cannot sleep.')));
    conversation.emit({ type: 'error', message: 'supporter turn failed: The model server at http://127.0.0.1:1/v1 did not answer in time.', recoverable: true }, { type: 'paused' });
    const f = await waitForFrame(r, /press\s+space to retry/);
    expect(f).toContain('did not answer in time');
    expect(f).toContain('I cannot sleep.'); // the finished turn is still there
    await press(r, ' ');
    expect(conversation.calls).toContainEqual({ call: 'resume' });
    conversation.emit({ type: 'resumed' });
    await waitForFrame(r, (frameText) => !/press\s+space to retry/.test(frameText));
  });
});

describe('ConversationScreen — watch', () => {
  it('streams turns and labels every supporter turn with its strategy', async () => {
    const { conversation, r } = setup();
    conversation.emit(
      ...streamedTurn(turn(0, 'seeker', 'Finals are close and I cannot sleep at all.')),
      ...streamedTurn(turn(1, 'supporter', 'How many nights has it been like this?', { strategy: 'Question' })),
      ...streamedTurn(turn(2, 'seeker', 'About a week now.')),
      ...streamedTurn(turn(3, 'supporter', 'A week without rest would wear anyone down.', { strategy: 'Affirmation and Reassurance' })),
    );
    const f = await waitForFrame(r, 'wear anyone down');
    expect(f).toContain('Mara');
    expect(f).toContain('Jonas');
    expect(f).toMatch(/Jonas.*supporter \[(QUE|Question)\]/);
    expect(f).toMatch(/Jonas.*supporter \[(AFF|Affirmation and Reassurance)\]/);
    expect(f).toContain('turn 4/10');
    expect(f).toContain('seeker-model ↔ supporter-model');
  });

  it('shows the live turn while it streams, with its strategy badge already known', async () => {
    const { conversation, r } = setup();
    conversation.emit(
      { type: 'turn-started', index: 1, speaker: 'supporter', by: 'ai' },
      { type: 'strategy', index: 1, strategy: 'Providing Suggestions', labelSource: 'declared' },
      { type: 'text-delta', index: 1, speaker: 'supporter', text: 'Maybe try ' },
      { type: 'text-delta', index: 1, speaker: 'supporter', text: 'a wind-down routine' },
    );
    const f = await waitForFrame(r, 'Maybe try a wind-down routine');
    expect(f).toContain('[Providing Suggestions]'); // full names at 100 columns
    expect(f).toContain('▍');
  });

  it('pause, step, resume and steer keys call the controls', async () => {
    const { conversation, r } = setup();
    await waitForFrame(r, 'running');
    await press(r, ' ');
    expect(conversation.calls).toEqual([{ call: 'pause' }]);
    await waitForFrame(r, 'pausing after this turn');
    conversation.emit({ type: 'paused' });
    await waitForFrame(r, '‖ paused');
    await press(r, 'n');
    await press(r, 's');
    await waitForFrame(r, "Steer the supporter's next turn");
    await press(r, '6');
    await waitForFrame(r, 'steer → Providing Suggestions');
    await press(r, 'p');
    expect(conversation.calls).toEqual([{ call: 'pause' }, { call: 'step' }, { call: 'steer', strategy: 'Providing Suggestions' }, { call: 'resume' }]);
    // The steered turn declares its strategy and the steer is consumed.
    conversation.emit({ type: 'resumed' }, { type: 'turn-started', index: 1, speaker: 'supporter', by: 'ai' }, { type: 'strategy', index: 1, strategy: 'Providing Suggestions', labelSource: 'steered' });
    await waitForFrame(r, (f) => f.includes('[Providing Suggestions]*') && !f.includes('steer →'));
  });

  it('steer picker works with arrows and Enter, and Esc cancels without steering', async () => {
    const { conversation, r } = setup();
    await waitForFrame(r, 'running');
    await press(r, 's');
    await waitForFrame(r, 'Steer');
    await press(r, 'escape');
    await waitForFrame(r, (f) => !f.includes("Steer the supporter's"));
    await press(r, 's');
    await waitForFrame(r, 'Steer');
    await press(r, 'down', 2);
    await press(r, 'enter');
    await waitForFrame(r, 'steer → Reflection of Feelings');
    expect(conversation.calls).toEqual([{ call: 'steer', strategy: 'Reflection of Feelings' }]);
  });

  it('q asks before stopping; n keeps going, y stops; the summary offers home or quit', async () => {
    const { conversation, r, exits } = setup();
    conversation.emit(...streamedTurn(turn(0, 'seeker', 'hello')), ...streamedTurn(turn(1, 'supporter', 'hi there', { strategy: 'Question' })));
    await waitForFrame(r, 'hi there');
    await press(r, 'q');
    await waitForFrame(r, 'Stop the conversation?');
    await press(r, 'n');
    await waitForFrame(r, (f) => !f.includes('Stop the conversation?'));
    expect(conversation.calls).toEqual([]);
    await press(r, 'escape');
    await waitForFrame(r, 'Stop the conversation?');
    await press(r, 'y');
    expect(conversation.calls).toEqual([{ call: 'stop' }]);
    conversation.emit({ type: 'ended', reason: 'stopped', turns: 2 });
    const f = await waitForFrame(r, 'Conversation ended');
    expect(f).toContain('Conversation ended — it was stopped');
    expect(f).toContain('2 turns (1 seeker, 1 supporter)');
    expect(f).toMatch(/QUE\s+1 ■/);
    expect(f).toContain('/tmp/sessions/s-1.jsonl');
    await press(r, 'enter');
    expect(exits).toEqual(['home']);
  });

  it('toggles the trait panel between HEXACO and CSI, shows measured values with differences when they arrive', async () => {
    const { conversation, r } = setup();
    let f = await waitForFrame(r, 'HEXACO');
    expect(f).toMatch(/E\s+█*░*┃░*\s5\.0/); // Mara's Emotionality target, nothing measured yet
    expect(f).toContain('measuring…');
    await press(r, 't');
    f = await waitForFrame(r, 'CSI');
    expect(f).toContain('Emo');
    await press(r, 'm');
    await waitForFrame(r, (fr) => !fr.includes('· CSI'));
    await press(r, 'm');
    await waitForFrame(r, '· CSI');
    await press(r, 't');
    conversation.emit({ type: 'meter', speaker: 'seeker', afterTurn: 1, hexaco: { E: { score: 3.2, confidence: 0.9 } }, csi: {} });
    f = await waitForFrame(r, 'after turn 2');
    // Mara's E: target 5.0, measured 3.2, difference −1.8 (a large drift, marked); dimensions not judged yet show the target only.
    expect(f).toMatch(/E\s+█+░*┃\s5\.0→3\.2\s+−1\.8!/);
    expect(f).toMatch(/H\s+░*┃░*\s4\.0\s/);
  });

  it('help overlay opens with ? and lists keys and the strategy legend', async () => {
    const { r } = setup();
    await waitForFrame(r, 'running');
    await press(r, '?');
    const f = await waitForFrame(r, 'Conversation keys');
    expect(f).toContain('step one turn');
    expect(f).toContain('REF Reflection of Feelings');
    await press(r, '?');
    await waitForFrame(r, (fr) => !fr.includes('Conversation keys'));
  });

  it('shows escape sequences in model text inert: no ESC byte reaches the frame, ␛ is shown', async () => {
    const { conversation, r } = setup();
    const evil = 'Sure.\u001b[2J\u001b]0;pwned\u0007\u001b]52;c;ZXZpbA==\u0007 Done.';
    conversation.emit(...streamedTurn(turn(1, 'supporter', evil, { strategy: 'Information' })));
    await waitForFrame(r, 'Done.');
    const raw = r.lastFrame() ?? '';
    // Colour codes Ink itself writes are fine; nothing from the model may be an escape.
    // eslint-disable-next-line no-control-regex
    const withoutInkColours = raw.replace(/\u001b\[[0-9;]*m/g, '');
    expect(withoutInkColours).not.toContain('\u001b');
    expect(withoutInkColours).not.toContain('\u0007');
    expect(frame(r)).toContain('␛[2J');
  });
});

describe('ConversationScreen — a silent stream', () => {
  it('says "waiting for the server" once a live turn is silent for 3 s, draws nothing new before that, and the next word clears it', async () => {
    const { conversation, r } = setup();
    conversation.emit({ type: 'turn-started', index: 0, speaker: 'seeker', by: 'ai' }, { type: 'text-delta', index: 0, speaker: 'seeker', text: 'I keep ' });
    await waitForFrame(r, 'I keep');
    const drawn = r.frames.length;
    // Two idle clock ticks (1 s and 2 s of silence) change nothing on screen, so nothing is drawn.
    await new Promise((resolve) => setTimeout(resolve, 2_200));
    expect(r.frames.length).toBe(drawn);
    expect(frame(r)).not.toContain('waiting for the server');
    await waitForFrame(r, /waiting for the server · [34]s/, 3_000);
    conversation.emit({ type: 'text-delta', index: 0, speaker: 'seeker', text: 'waking up at night.' });
    const f = await waitForFrame(r, 'waking up at night.');
    expect(f).not.toContain('waiting for the server');
  }, 10_000);
});

describe('ConversationScreen — the judge after the end', () => {
  it('says the judge is finishing while its last labels arrive, fills them in, and stops saying so when the engine is done', async () => {
    const conversation = new ScriptedConversation('/tmp/sessions/s-2.jsonl', { judgeAfterEnd: true });
    const r = renderSized(withKeys(<ConversationScreen conversation={conversation} mode="watch" personas={personas} onExit={() => {}} deltaFlushMs={5} />), 100, 40);
    conversation.emit(
      { type: 'session-started', header: header({ mode: 'watch' }), path: conversation.sessionPath },
      ...streamedTurn(turn(0, 'seeker', 'I cannot sleep before exams.')),
      ...streamedTurn(turn(1, 'supporter', 'How long has it been like this?', { strategy: 'Question' })),
      { type: 'ended', reason: 'turn-cap', turns: 2 },
    );
    const during = await waitForFrame(r, 'Conversation ended');
    expect(during).toContain('The judge is finishing its last labels');
    expect(during).not.toContain('Classifier agreed');
    conversation.emit({ type: 'perceived', index: 1, strategy: 'Question', declared: 'Question', agrees: true });
    await waitForFrame(r, 'Classifier agreed with the declared strategy on 1 of 1 turns');
    conversation.close();
    const after = await waitForFrame(r, (f) => !f.includes('The judge is finishing'));
    expect(after).toContain('Classifier agreed with the declared strategy on 1 of 1 turns');
  });
});

describe('ConversationScreen — lifecycle', () => {
  it('stops reading events when unmounted, without stopping the conversation itself', async () => {
    const { conversation, r } = setup();
    conversation.emit(...streamedTurn(turn(0, 'seeker', 'first')));
    await waitForFrame(r, 'first');
    r.unmount();
    conversation.emit(...streamedTurn(turn(1, 'supporter', 'second', { strategy: 'Question' })));
    await new Promise((resolve) => setImmediate(resolve));
    expect(conversation.consumerDone).toBe(true);
    expect(frame(r)).not.toContain('second');
    expect(conversation.calls).toEqual([]);
  });
});

describe('ConversationScreen — join modes', () => {
  it('join as seeker: typing fills the composer, Enter submits the text', async () => {
    const { conversation, r } = setup('join-seeker');
    conversation.emit({ type: 'awaiting-human', index: 0, speaker: 'seeker' });
    await waitForFrame(r, 'Your message as Mara');
    await typeText(r, 'I feel stuck');
    await press(r, 'ctrlJ');
    await typeText(r, 'pqs?');
    await waitForFrame(r, 'pqs?');
    expect(conversation.calls).toEqual([]); // screen keys (p, q, s, ?) went into the message
    await press(r, 'enter');
    expect(conversation.calls).toEqual([{ call: 'submitHuman', text: 'I feel stuck\npqs?', strategy: undefined }]);
    conversation.emit({ type: 'turn-finished', turn: turn(0, 'seeker', 'I feel stuck\npqs?', { by: 'human' }) });
    await waitForFrame(r, 'Mara (you)');
    await waitForFrame(r, (f) => !f.includes('Your message as'));
  });

  it('join as seeker: a pasted chunk is capped with a visible notice and control characters stripped', async () => {
    const { conversation, r } = setup('join-seeker');
    conversation.emit({ type: 'awaiting-human', index: 0, speaker: 'seeker' });
    await waitForFrame(r, 'Your message as');
    await paste(r, `start\u001b[31m${'x'.repeat(4100)}`);
    const f = await waitForFrame(r, 'Message capped');
    expect(f).toContain('4000/4000');
    await press(r, 'enter');
    const call = conversation.calls[0];
    expect(call).toMatchObject({ call: 'submitHuman' });
    const text = call && 'text' in call ? call.text : '';
    expect(text).toHaveLength(4000);
    expect(text.startsWith('startxxx')).toBe(true);
  });

  it('crisis language typed as the seeker raises the help banner', async () => {
    const { conversation, r } = setup('join-seeker');
    conversation.emit({ type: 'awaiting-human', index: 0, speaker: 'seeker' });
    await waitForFrame(r, 'Your message as');
    await typeText(r, 'some days I want to end my life');
    await press(r, 'enter');
    const f = await waitForFrame(r, 'If you are in crisis');
    expect(f).toContain('988');
  });

  it('join as supporter: Enter asks for a strategy and submits only after one is picked', async () => {
    const { conversation, r } = setup('join-supporter');
    conversation.emit(...streamedTurn(turn(0, 'seeker', 'I failed my driving test again.')), { type: 'awaiting-human', index: 1, speaker: 'supporter' });
    await waitForFrame(r, 'Your reply as Jonas');
    await typeText(r, 'That must sting.');
    await press(r, 'enter');
    await waitForFrame(r, 'Which strategy is your reply?');
    expect(conversation.calls).toEqual([]);
    await press(r, 'escape');
    await waitForFrame(r, (f) => !f.includes('Which strategy'));
    expect(conversation.calls).toEqual([]);
    await waitForFrame(r, 'That must sting.'); // text kept after cancelling
    await press(r, 'enter');
    await waitForFrame(r, 'Which strategy is your reply?');
    await press(r, '3');
    expect(conversation.calls).toEqual([{ call: 'submitHuman', text: 'That must sting.', strategy: 'Reflection of Feelings' }]);
  });

  it('join as supporter: option 9 submits without a strategy (left to the engine)', async () => {
    const { conversation, r } = setup('join-supporter');
    conversation.emit({ type: 'awaiting-human', index: 1, speaker: 'supporter' });
    await waitForFrame(r, 'Your reply as');
    await typeText(r, 'ok');
    await press(r, 'enter');
    await waitForFrame(r, 'Let the classifier name it');
    await press(r, '9');
    expect(conversation.calls).toEqual([{ call: 'submitHuman', text: 'ok', strategy: undefined }]);
  });
});

describe('ConversationScreen — terminal size', () => {
  it('fits 60 columns and re-lays out on resize', async () => {
    const { conversation, r } = setup('watch', 60, 20);
    conversation.emit(
      ...streamedTurn(turn(0, 'seeker', 'A long message that certainly needs to wrap at sixty columns because it keeps going and going.')),
      ...streamedTurn(turn(1, 'supporter', 'Tell me more.', { strategy: 'Restatement or Paraphrasing' })),
    );
    let f = await waitForFrame(r, 'Tell me more.');
    expect(widestLine(f)).toBeLessThanOrEqual(60);
    expect(f).toContain('[RES]');
    expect(f).toMatch(/Mara · HEXACO.*Jonas · HEXACO/); // both speakers fit side by side

    setSize(r, 40, 20);
    f = await waitForFrame(r, (fr) => !/Mara · HEXACO.*Jonas · HEXACO/.test(fr.split('Tell me more.').at(-1) ?? ''));
    const below = f.split('Tell me more.').at(-1) ?? '';
    expect(below).toContain('Mara · HEXACO');
    expect(widestLine(below)).toBeLessThanOrEqual(40);
    await press(r, 'w');
    await waitForFrame(r, (fr) => (fr.split('Tell me more.').at(-1) ?? '').includes('Jonas · HEXACO'));

    setSize(r, 120, 30);
    f = await waitForFrame(r, (fr) => /Mara · HEXACO.*Jonas · HEXACO/.test(fr.split('Tell me more.').at(-1) ?? ''));
    conversation.emit(...streamedTurn(turn(3, 'supporter', 'Wide now.', { strategy: 'Restatement or Paraphrasing' })));
    await waitForFrame(r, '[Restatement or Paraphrasing]');
  });

  it('keeps a long live turn to its last lines so the live region fits the screen', async () => {
    const { conversation, r } = setup('watch', 60, 20);
    const lines = Array.from({ length: 40 }, (_, i) => `line ${i}`).join('\n');
    conversation.emit({ type: 'turn-started', index: 0, speaker: 'seeker', by: 'ai' }, { type: 'text-delta', index: 0, speaker: 'seeker', text: lines });
    const f = await waitForFrame(r, 'line 39');
    expect(f).not.toContain('line 0\n');
    expect(f).toMatch(/… \d+ more lines above/);
    expect(f.split('\n').length).toBeLessThanOrEqual(20);
  });
});
