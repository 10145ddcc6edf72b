import { afterEach, describe, expect, it } from 'vitest';
import type { Persona } from '../../../../src/core/personas/schema.js';
import { ForkableConversation, type ForkOrder } from '../../../../src/ui/screens/fork/ForkableConversation.js';
import { ForkScreen } from '../../../../src/ui/screens/fork/ForkScreen.js';
import { press, renderAtSize, waitForFrame, widestLine, withKeys, type Rendered } from '../../helpers.js';
import { header, ScriptedConversation, seekerPersona, streamedTurn, supporterPersona, turn } from '../../scriptedConversation.js';

const other: Persona = { ...supporterPersona, id: 'other-supporter', name: 'Ines' };
const library = [seekerPersona, supporterPersona, other];
let r: Rendered | undefined;
afterEach(() => r?.unmount());

function open(onFork: (order: ForkOrder) => Promise<string | undefined>, columns = 100, rows = 30) {
  const conversation = new ScriptedConversation('/tmp/sess-1.jsonl');
  r = renderAtSize(
    withKeys(<ForkableConversation conversation={conversation} mode="watch" turnCap={10} library={library} onFork={onFork} onExit={() => {}} />, { fullScreen: true }),
    columns,
    rows,
  );
  conversation.emit({ type: 'session-started', header: header(), path: '/tmp/sess-1.jsonl' });
  for (const t of [turn(0, 'seeker', 'I cannot sleep before exams.'), turn(1, 'supporter', 'What keeps you awake?')]) conversation.emit(...streamedTurn(t));
  return { conversation, r: r! };
}

describe('the fork form on the conversation screen', () => {
  it('asks to pause first while the conversation runs', async () => {
    const { r } = open(async () => undefined);
    await waitForFrame(r, 'What keeps you awake?');
    await press(r, 'f');
    await waitForFrame(r, /Pause first .* f forks/);
    expect(r.lastFrame()).not.toContain('Fork: keep turns');
  });

  it('opens pre-filled when paused, shows the change, and starts the fork with exactly it', async () => {
    const orders: ForkOrder[] = [];
    const { conversation, r } = open(async (order) => {
      orders.push(order);
      return undefined;
    });
    conversation.emit({ type: 'paused' });
    await waitForFrame(r, 'What keeps you awake?');
    await press(r, 'f');
    const form = await waitForFrame(r, 'Fork: keep turns 1..2 of 2');
    expect(form).toContain('sess-1');
    expect(form).toMatch(/Supporter\s+‹Jonas›/);
    expect(form).toMatch(/Seeker\s+‹Mara›/);
    expect(form).toMatch(/Condition\s+‹aware›/);
    expect(form).toMatch(/supporter's Agreeableness \(supporter\.hexaco\.A\)/);
    expect(form).toMatch(/value\s+‹.* 5\.0›/);
    expect(form).toContain('Nothing changed yet');
    // Down to the slider, seven halves down: 5 → 1.5.
    for (let i = 0; i < 5; i++) await press(r, 'down');
    for (let i = 0; i < 7; i++) await press(r, 'left');
    await waitForFrame(r, 'changes: supporter.hexaco.A 5 → 1.5');
    await press(r, 'down');
    await press(r, 'enter');
    await waitForFrame(r, 'Starting…');
    expect(orders).toHaveLength(1);
    expect(orders[0]).toMatchObject({ how: 'fork', at: 2, changes: [{ kind: 'trait', role: 'supporter', scale: 'hexaco', key: 'A', value: 1.5 }], turnCap: 10 });
    expect(orders[0]!.personas.supporter.hexaco?.A).toBe(1.5);
    expect(orders[0]!.source.path).toBe('/tmp/sess-1.jsonl');
  });

  it('keeps the form open with the reason when the start is refused, and Esc closes it', async () => {
    const { conversation, r } = open(async () => 'No model server answers at http://127.0.0.1:1/v1.');
    conversation.emit({ type: 'ended', reason: 'turn-cap', turns: 2 });
    await waitForFrame(r, /ended/);
    await press(r, 'f');
    await waitForFrame(r, 'Fork: keep turns');
    await press(r, 'right'); // the other supporter
    await waitForFrame(r, 'changes: supporter test-supporter → other-supporter');
    await press(r, 'down', 7); // to "Compare with the parent continuing"
    await press(r, 'enter');
    await waitForFrame(r, 'No model server answers');
    await press(r, 'escape');
    const back = await waitForFrame(r, (f) => !f.includes('Fork: keep turns'));
    expect(back).toContain('What keeps you awake?');
  });

  it('fits 60 columns: the buttons wrap, the trait keeps its name', async () => {
    const { conversation, r } = open(async () => undefined, 60, 20);
    conversation.emit({ type: 'paused' });
    await waitForFrame(r, 'What keeps you awake?');
    await press(r, 'f');
    const form = await waitForFrame(r, 'Fork: keep turns 1..2 of 2');
    expect(widestLine(form)).toBeLessThanOrEqual(60);
    expect(form).toMatch(/Trait\s+‹supporter's Agreeableness›/);
    expect(form).toContain('[ Fork ]');
    expect(form).toContain('[ Compare with the parent ]');
    expect(form).toContain('[ Cancel ]');
  });
});

describe('the fork form for a saved session (from the session browser)', () => {
  it('forks at a chosen turn: ←→ on the first field picks it', async () => {
    const orders: ForkOrder[] = [];
    let cancelled = 0;
    const source = { header: header(), turns: [turn(0, 'seeker', 'One.'), turn(1, 'supporter', 'Two?'), turn(2, 'seeker', 'Three.'), turn(3, 'supporter', 'Four.')] };
    r = renderAtSize(
      withKeys(<ForkScreen source={source} library={library} onFork={async (order) => (orders.push(order), undefined)} onCancel={() => (cancelled += 1)} />),
      80,
      24,
    );
    await waitForFrame(r, 'Fork: keep turns 1..4 of 4');
    await press(r, 'up'); // to "Fork at turn"
    await press(r, 'left', 2);
    await waitForFrame(r, 'Fork: keep turns 1..2 of 4');
    await press(r, 'down', 3); // condition
    await press(r, 'right');
    await waitForFrame(r, 'changes: condition aware → blind');
    await press(r, 'down', 4); // Fork
    await press(r, 'enter');
    await waitForFrame(r, 'Starting…');
    expect(orders).toEqual([expect.objectContaining({ how: 'fork', at: 2, changes: [{ kind: 'condition', value: 'blind' }] })]);
    expect(cancelled).toBe(0);
  });

  it('Esc goes back without starting anything', async () => {
    let cancelled = 0;
    const source = { header: header(), turns: [turn(0, 'seeker', 'One.'), turn(1, 'supporter', 'Two?')] };
    r = renderAtSize(withKeys(<ForkScreen source={source} library={library} onFork={async () => 'never'} onCancel={() => (cancelled += 1)} />), 80, 24);
    await waitForFrame(r, 'Fork: keep turns');
    await press(r, 'escape');
    expect(cancelled).toBe(1);
  });
});
