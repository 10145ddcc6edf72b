import { afterEach, describe, expect, it } from 'vitest';
import type { LocalModelOffer } from '../../../../src/app/local.js';
import { localOfferText } from '../../../../src/ui/screens/noserver/LocalModelChoice.js';
import { LocalSetupView } from '../../../../src/ui/screens/noserver/LocalSetupScreen.js';
import { initialLocalSetupState, localSetupReducer, type LocalSetupAction, type LocalSetupState } from '../../../../src/ui/screens/noserver/localSetupState.js';
import { NoServerScreen } from '../../../../src/ui/screens/noserver/NoServerScreen.js';
import { KEYS, pressKeys, renderAtSize, type Rendered, waitForFrame, widestLine, withKeys } from '../../helpers.js';

const rendered: Rendered[] = [];
afterEach(() => {
  for (const r of rendered.splice(0)) r.unmount();
});

const FRESH: LocalModelOffer = { runtimeReady: false, runtimeMb: 83, download: { name: 'Qwen2.5 1.5B Instruct (Q4_K_M)', sizeBytes: 1_117_320_736, licence: 'Apache-2.0' } };

function noServer(size: { columns: number; rows: number }, offer: LocalModelOffer = FRESH) {
  const calls: string[] = [];
  const r = renderAtSize(
    withKeys(
      <NoServerScreen
        message="Cannot reach http://localhost:11434/v1 (connection refused). Is the server running?"
        baseURL="http://localhost:11434/v1"
        onRetry={() => calls.push('retry')}
        onSettings={() => calls.push('settings')}
        onBrowse={() => calls.push('browse')}
        onQuit={() => calls.push('quit')}
        localOffer={offer}
        onLocal={() => calls.push('local')}
      />,
    ),
    size.columns,
    size.rows,
  );
  rendered.push(r);
  return { r, calls };
}

describe.each([
  { columns: 100, rows: 30 },
  { columns: 60, rows: 20 },
])('the no-server screen offers the local model first, at $columns×$rows', (size) => {
  it('lists it as the first choice, says what it downloads, before the servers to start, and fits', async () => {
    const { r } = noServer(size);
    const frame = await waitForFrame(r, (f) => f.includes('Run a model inside the app'));
    const flat = frame.replace(/\s+/g, ' ');
    expect(flat).toContain('Downloads Qwen2.5 1.5B Instruct (Q4_K_M): 1.12 GB, Apache-2.0 and the llama.cpp runtime (83 MB); then starts a conversation.');
    // Highlighted, with its key, above the other choices.
    expect(frame).toMatch(/› l Run a model inside the app: no server, no key/);
    expect(frame.indexOf('Run a model inside the app')).toBeLessThan(frame.indexOf('Check the server again'));
    // The servers come after it, as the other way.
    expect(frame.indexOf('Run a model inside the app')).toBeLessThan(frame.indexOf('Ollama'));
    expect(flat).toContain('Or connect any OpenAI-compatible server:');
    expect(flat).not.toContain('To talk, connect');
    expect(flat).toContain('↑↓ move · Enter choose');
    expect(widestLine(frame)).toBeLessThanOrEqual(size.columns);
    expect(frame.split('\n').length).toBeLessThanOrEqual(size.rows);
  });

  it('l asks for the local model; the other keys keep their meaning', async () => {
    const { r, calls } = noServer(size);
    await waitForFrame(r, (f) => f.includes('Run a model inside the app'));
    await pressKeys(r, 'l', 'r', 'q', 'x');
    expect(calls).toEqual(['local', 'retry', 'quit']);
  });

  it('Enter does the highlighted choice: the local model first, then ↓ to the next', async () => {
    const { r, calls } = noServer(size);
    await waitForFrame(r, (f) => f.includes('Run a model inside the app'));
    await pressKeys(r, KEYS.enter);
    await pressKeys(r, KEYS.down);
    await waitForFrame(r, (f) => /› r Check the server again/.test(f));
    await pressKeys(r, KEYS.enter, KEYS.up);
    await waitForFrame(r, (f) => /› l Run a model inside the app/.test(f));
    await pressKeys(r, KEYS.enter);
    expect(calls).toEqual(['local', 'retry', 'local']);
  });
});

describe('a small window with every choice and a long message', () => {
  it('at 60×20 the tips give way: the title and the local choice stay on screen and nothing overflows', async () => {
    const r = renderAtSize(
      withKeys(
        <NoServerScreen
          message="Could not reach the model server at http://127.0.0.1:8080/v1 (connection refused: nothing is listening there). Start the server, or point the app at another one with --base-url or PERSONA_TALKS_BASE_URL."
          baseURL="http://127.0.0.1:8080/v1"
          onRetry={() => {}}
          onCheckModel={() => {}}
          onSettings={() => {}}
          onBrowse={() => {}}
          onSessions={() => {}}
          onQuit={() => {}}
          localOffer={FRESH}
          onLocal={() => {}}
        />,
      ),
      60,
      20,
    );
    rendered.push(r);
    const frame = await waitForFrame(r, (f) => f.includes('Run a model inside the app'));
    expect(frame.split('\n').length).toBeLessThanOrEqual(20);
    expect(frame.split('\n')[0]).toContain('No model server reachable');
    expect(frame).toMatch(/› l Run a model inside the app/);
    expect(frame).toContain('q Quit');
    // Offered, the local model's key is in the help too.
    await pressKeys(r, '?');
    const help = await waitForFrame(r, 'use the model inside the app');
    expect(help).toContain('(doctor)');
  });
});

describe('what the local model key says it will do', () => {
  it('uses a model that is there, goes on with a stopped download, or downloads', () => {
    expect(localOfferText({ ...FRESH, runtimeReady: true, model: 'tiny.gguf' })).toBe('tiny.gguf is here. Starts a conversation on it.');
    expect(localOfferText({ ...FRESH, model: 'tiny.gguf' })).toBe('tiny.gguf is here; installs the llama.cpp runtime (83 MB). Starts a conversation on it.');
    expect(localOfferText({ ...FRESH, runtimeReady: true, download: { ...FRESH.download, partialBytes: 503_000_000 } })).toBe(
      'Goes on with Qwen2.5 1.5B Instruct (Q4_K_M): 503 MB of 1.12 GB so far; then starts a conversation.',
    );
  });

  it('without the local offer the screen stays as it was: no l key', async () => {
    const calls: string[] = [];
    const r = renderAtSize(
      withKeys(<NoServerScreen message="down" onRetry={() => calls.push('retry')} onSettings={() => undefined} onBrowse={() => undefined} onQuit={() => undefined} />),
      80,
      24,
    );
    rendered.push(r);
    const frame = await waitForFrame(r, (f) => f.includes('Check the server again'));
    expect(frame).not.toContain('inside the app');
    expect(frame).toContain('To talk, connect any OpenAI-compatible server:');
    expect(frame).toMatch(/› r Check the server again/);
    await pressKeys(r, 'l', 'r');
    expect(calls).toEqual(['retry']);
  });
});

describe('local setup progress', () => {
  const run = (...actions: LocalSetupAction[]) => actions.reduce(localSetupReducer, initialLocalSetupState);

  it('follows the steps: runtime, download with progress, a cut resumed, checksum, loading', () => {
    let s: LocalSetupState = run({ type: 'say', line: 'Installing the llama.cpp runtime …' });
    expect(s.phase).toBe('installing');
    s = localSetupReducer(s, { type: 'download', event: { type: 'start', resumeFrom: 1000, totalBytes: 5000 } });
    expect(s).toMatchObject({ phase: 'downloading', progress: { receivedBytes: 1000, totalBytes: 5000, resumedFrom: 1000 } });
    s = localSetupReducer(s, { type: 'download', event: { type: 'progress', receivedBytes: 3000, totalBytes: 5000, bytesPerSecond: 500, etaSeconds: 4 } });
    expect(s.progress).toEqual({ receivedBytes: 3000, totalBytes: 5000, bytesPerSecond: 500, etaSeconds: 4, resumedFrom: 1000 });
    s = localSetupReducer(s, { type: 'download', event: { type: 'resume', attempt: 1, resumeFrom: 3000, reason: 'reset' } });
    expect(s.lines.at(-1)).toContain('connection lost (reset)');
    s = localSetupReducer(s, { type: 'download', event: { type: 'verifying' } });
    expect(s.phase).toBe('verifying');
    s = localSetupReducer(s, { type: 'loading' });
    expect(s.phase).toBe('loading');
  });

  it('a stop holds against later progress, keeps only the last lines, and a failure says why', () => {
    const lines = Array.from({ length: 10 }, (_, i): LocalSetupAction => ({ type: 'say', line: `line ${i}` }));
    const s = run(...lines, { type: 'stop' }, { type: 'download', event: { type: 'progress', receivedBytes: 1, bytesPerSecond: 1 } });
    expect(s.phase).toBe('stopping');
    expect(s.lines).toEqual(['line 4', 'line 5', 'line 6', 'line 7', 'line 8', 'line 9']);
    expect(run({ type: 'failed', message: 'The SHA-256 did not match' })).toMatchObject({ phase: 'failed', error: 'The SHA-256 did not match' });
  });

  it('shows the bar with bytes, speed and time left, and what a resumed download started from', async () => {
    const state = run(
      { type: 'say', line: 'Runtime: node-llama-cpp 3.21.1 is installed\u001b[2J' },
      { type: 'download', event: { type: 'start', resumeFrom: 100_000_000, totalBytes: 1_117_320_736 } },
      { type: 'download', event: { type: 'progress', receivedBytes: 503_000_000, totalBytes: 1_117_320_736, bytesPerSecond: 8_300_000, etaSeconds: 74 } },
    );
    const r = renderAtSize(<LocalSetupView state={state} modelName="Qwen2.5 1.5B Instruct (Q4_K_M)" sizeBytes={1_117_320_736} licence="Apache-2.0" />, 100, 20);
    rendered.push(r);
    const frame = await waitForFrame(r, (f) => f.includes('MB/s'));
    expect(frame).toContain('Downloading Qwen2.5 1.5B Instruct (Q4_K_M) (1.12 GB, Apache-2.0)');
    expect(frame).toMatch(/\[#+-+\]\s+45%\s+503 MB \/ 1\.12 GB\s+8\.30 MB\/s\s+1 min 14 s left/);
    expect(frame).toContain('going on from 100 MB');
    expect(frame).toContain('Esc stop');
    expect(r.frames.join('')).not.toContain('\u001b[2J');
  });

  it('says it installs the runtime only when it is not installed yet', async () => {
    const view = (runtimeReady: boolean) => renderAtSize(<LocalSetupView state={run()} modelName="m" sizeBytes={1} licence="MIT" runtimeReady={runtimeReady} />, 100, 20);
    const fresh = view(false);
    const ready = view(true);
    rendered.push(fresh, ready);
    expect(await waitForFrame(fresh, (f) => f.includes('llama.cpp runtime'))).toContain('Installing the llama.cpp runtime (once)');
    const checked = await waitForFrame(ready, (f) => f.includes('llama.cpp runtime'));
    expect(checked).toContain('Checking the llama.cpp runtime');
    expect(checked).not.toContain('Installing');
  });
});
