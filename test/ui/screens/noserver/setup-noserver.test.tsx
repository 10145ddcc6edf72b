import { afterEach, describe, expect, it } from 'vitest';
import { NoServerScreen } from '../../../../src/ui/screens/noserver/NoServerScreen.js';
import { KEYS, pressKeys, renderAtSize, type Rendered, waitForFrame, widestLine, withKeys } from '../../helpers.js';

const rendered: Rendered[] = [];
afterEach(() => {
  for (const r of rendered.splice(0)) r.unmount();
});

function screen(size: { columns: number; rows: number }, checking = false) {
  const calls: string[] = [];
  const r = renderAtSize(
    withKeys(<NoServerScreen
      message={'Cannot reach http://localhost:11434/v1 (connection refused). Is the server running?\u001b[2J'}
      baseURL="http://localhost:11434/v1"
      checking={checking}
      onRetry={() => calls.push('retry')}
      onSettings={() => calls.push('settings')}
      onBrowse={() => calls.push('browse')}
      onQuit={() => calls.push('quit')}
    />),
    size.columns,
    size.rows,
  );
  rendered.push(r);
  return { r, calls };
}

describe.each([
  { columns: 100, rows: 30 },
  { columns: 60, rows: 20 },
])('NoServerScreen at $columns×$rows', (size) => {
  it('explains how to connect a server and shows the error inert', async () => {
    const { r } = screen(size);
    const frame = await waitForFrame(r, (f) => f.includes('No model server reachable'));
    const flat = frame.replace(/\s+/g, ' ');
    expect(flat).toContain('connection refused');
    expect(flat).toContain('ollama serve');
    expect(flat).toContain('LM Studio');
    expect(flat).toContain('llama-server');
    expect(flat).toContain('PERSONA_TALKS_BASE_URL');
    expect(r.frames.join('')).not.toContain('\u001b[2J');
    expect(widestLine(frame)).toBeLessThanOrEqual(size.columns);
    expect(frame.split('\n').length).toBeLessThanOrEqual(size.rows);
  });

  it('r retries, s opens settings, p browses personas, q quits', async () => {
    const { r, calls } = screen(size);
    await waitForFrame(r, (f) => f.includes('Check the server again'));
    await pressKeys(r, 'r', 's', 'p', 'q', 'x', KEYS.down);
    expect(calls).toEqual(['retry', 'settings', 'browse', 'quit']);
  });
});

describe('NoServerScreen help', () => {
  it('lists only the keys that do something here: no local model, doctor or sessions key when none is offered', async () => {
    const { r } = screen({ columns: 100, rows: 30 });
    await waitForFrame(r, 'Check the server again');
    await pressKeys(r, '?');
    const help = await waitForFrame(r, 'check the server again');
    expect(help).not.toContain('use the model inside the app');
    expect(help).not.toContain('(doctor)');
    expect(help).not.toContain('browse saved sessions');
    expect(help).toContain('go home anyway');
  });
});

describe('NoServerScreen while checking', () => {
  it('ignores keys and says it is checking', async () => {
    const { r, calls } = screen({ columns: 80, rows: 24 }, true);
    await waitForFrame(r, (f) => f.includes('Checking the server again'));
    await pressKeys(r, 'r', 'q');
    expect(calls).toEqual([]);
  });
});
