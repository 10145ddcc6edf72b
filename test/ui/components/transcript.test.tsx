import { describe, expect, it, vi } from 'vitest';
import { useReducer } from 'react';
import { render } from 'ink-testing-library';
import type { TurnViewProps } from '../../../src/ui/components/TurnView.js';
import { Transcript } from '../../../src/ui/components/Transcript.js';
import type { ConversationAction } from '../../../src/ui/conversation/actions.js';
import { conversationReducer } from '../../../src/ui/conversation/reducer.js';
import { initialConversationState } from '../../../src/ui/conversation/state.js';
import { turn } from '../scriptedConversation.js';
import { waitForFrame } from '../helpers.js';

// Count how often <Static> itself renders and how often TurnView renders a finished
// (non-live) turn: memoized, both happen only when a turn finishes, however many
// deltas stream meanwhile. (An unmemoized <Static> re-renders on every delta and
// forces an immediate, unthrottled frame each time.)
const finishedRenders = vi.hoisted(() => ({ count: 0 }));
const staticRenders = vi.hoisted(() => ({ count: 0 }));
vi.mock('ink', async (importOriginal) => {
  const original = await importOriginal<typeof import('ink')>();
  return {
    ...original,
    Static: <T,>(props: import('ink').StaticProps<T>) => {
      staticRenders.count++;
      return original.Static(props);
    },
  };
});
vi.mock('../../../src/ui/components/TurnView.js', async (importOriginal) => {
  const original = await importOriginal<typeof import('../../../src/ui/components/TurnView.js')>();
  return {
    ...original,
    TurnView: (props: TurnViewProps) => {
      if (!props.live) finishedRenders.count++;
      return original.TurnView(props);
    },
  };
});

const names = { seeker: 'Mara', supporter: 'Jonas' };
let dispatchFromTest: (a: ConversationAction) => void = () => {};

function Harness() {
  const [state, dispatch] = useReducer(conversationReducer, undefined, () => initialConversationState());
  dispatchFromTest = dispatch;
  return <Transcript turns={state.turns} live={state.live} names={names} fullBadge={false} width={60} liveMaxLines={10} />;
}

describe('Transcript', () => {
  it('renders finished turns once while the live turn streams below', async () => {
    const r = render(<Harness />);
    dispatchFromTest({ type: 'turn-finished', turn: turn(0, 'seeker', 'I have not slept in days.') });
    dispatchFromTest({ type: 'turn-finished', turn: turn(1, 'supporter', 'What keeps you up?', { strategy: 'Question' }) });
    await waitForFrame(r, 'What keeps you up?');
    const afterFinished = finishedRenders.count;
    const staticBefore = staticRenders.count;
    expect(afterFinished).toBe(2);

    dispatchFromTest({ type: 'turn-started', index: 2, speaker: 'seeker', by: 'ai' });
    for (let i = 0; i < 20; i++) {
      dispatchFromTest({ type: 'deltas', items: [{ index: 2, text: `w${i} ` }] });
      await new Promise((resolve) => setImmediate(resolve));
    }
    await waitForFrame(r, 'w19');
    expect(finishedRenders.count).toBe(afterFinished);
    // Static's own layout effect may settle once after the last finished turn; deltas add nothing.
    expect(staticRenders.count - staticBefore).toBeLessThanOrEqual(1);

    dispatchFromTest({ type: 'turn-finished', turn: turn(2, 'seeker', 'Exams, mostly.') });
    await waitForFrame(r, 'Exams, mostly.');
    expect(finishedRenders.count).toBe(afterFinished + 1);
    r.unmount();
  });

  it('labels supporter turns with their strategy code', async () => {
    const r = render(<Harness />);
    dispatchFromTest({ type: 'turn-finished', turn: turn(1, 'supporter', 'You sound worn out.', { strategy: 'Reflection of Feelings' }) });
    const f = await waitForFrame(r, 'You sound worn out.');
    expect(f).toContain('Jonas');
    expect(f).toContain('[REF]');
    r.unmount();
  });
});
