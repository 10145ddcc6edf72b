import chalk from 'chalk';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { cleanup } from 'ink-testing-library';
import { ConversationScreen } from '../../src/ui/screens/ConversationScreen.js';
import { COLOR_THEME, PLAIN_THEME, ThemeProvider, type Theme } from '../../src/ui/theme.js';
import { renderSized, waitForFrame, withKeys } from './helpers.js';
import { header, ScriptedConversation, seekerPersona, streamedTurn, supporterPersona, turn } from './scriptedConversation.js';

// Vitest's stdout is not a terminal, so chalk would print no colour at all and the
// check below could not fail; force a colour level for these renders.
let savedLevel: typeof chalk.level;
beforeAll(() => {
  savedLevel = chalk.level;
  chalk.level = 3;
});
afterAll(() => {
  chalk.level = savedLevel;
  cleanup();
});

// Foreground/background colour SGR codes (30–37, 38;…, 39 reset excluded, 40–47, 90–97, 100–107).
// eslint-disable-next-line no-control-regex
const COLOUR_CODE = /\u001b\[(?:3[0-8]|4[0-8]|9[0-7]|10[0-7])[;m]/;

async function renderWith(theme: Theme): Promise<string> {
  const conversation = new ScriptedConversation();
  const r = renderSized(
    withKeys(
      <ThemeProvider theme={theme}>
        <ConversationScreen conversation={conversation} mode="watch" onExit={() => {}} deltaFlushMs={5} />
      </ThemeProvider>,
    ),
    80,
    30,
  );
  conversation.emit(
    { type: 'session-started', header: header({ personas: { seeker: seekerPersona, supporter: supporterPersona } }) },
    ...streamedTurn(turn(0, 'seeker', 'hello')),
    ...streamedTurn(turn(1, 'supporter', 'hi, what is on your mind?', { strategy: 'Question' })),
  );
  await waitForFrame(r, 'what is on your mind');
  return r.lastFrame() ?? '';
}

describe('NO_COLOR', () => {
  it('the plain theme renders badges, names and bars without any colour code', async () => {
    const plain = await renderWith(PLAIN_THEME);
    expect(plain).toContain('[Question]');
    expect(plain).not.toMatch(COLOUR_CODE);
  });

  it('the colour theme does colour them (so the check above can fail)', async () => {
    expect(await renderWith(COLOR_THEME)).toMatch(COLOUR_CODE);
  });
});
