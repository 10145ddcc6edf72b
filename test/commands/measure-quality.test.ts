import { afterEach, describe, expect, it } from 'vitest';
import { runMeasureCommand } from '../../src/commands/measure.js';
import { readSession } from '../../src/core/sessions/reader.js';
import { startFakeOpenAI, type FakeServer } from '../support/fake-openai-server.js';
import { captureIo } from '../core/personas/helpers.js';
import { qualityAnswer, qualityHandler, savedConversation } from '../core/quality/quality-fixtures.js';
import { judgeClient } from '../core/traits/judge-fixtures.js';

let server: FakeServer | undefined;
afterEach(async () => {
  await server?.close();
  server = undefined;
});

async function measure(args: string[]) {
  const cap = captureIo();
  const code = await runMeasureCommand(args, cap.io, { judge: judgeClient(server!.url) });
  return { code, out: cap.stdout(), err: cap.stderr() };
}

describe('persona-talks measure SESSION --quality', () => {
  it('prints the rating and records it in the session log', async () => {
    server = await startFakeOpenAI();
    const path = await savedConversation(server);
    server.respond(qualityHandler([qualityAnswer({ empathy: 3, final_intensity: 1 })]));
    const { code, out } = await measure([path, '--quality']);
    expect(code).toBe(0);
    expect(out).toContain("Supporter's empathy              3 / 5");
    expect(out).toContain("Seeker's emotion intensity       4 at the start → 1 at the end");
    expect(out).toMatch(/rated after 4 turns with judge-model \(quality@1\)/);
    expect(out).toContain(`Recorded in ${path}`);
    expect(readSession(path).records.at(-1)).toMatchObject({ type: 'quality', empathy: 3, finalIntensity: 1 });
  });

  it('prints JSON with --json', async () => {
    server = await startFakeOpenAI();
    const path = await savedConversation(server);
    server.respond(qualityHandler([qualityAnswer()]));
    const { code, out } = await measure([path, '--quality', '--json']);
    expect(code).toBe(0);
    expect(JSON.parse(out)).toMatchObject({ session: path, quality: { empathy: 4, relevance: 5, initialIntensity: 4, finalIntensity: 2, prompt: 'quality@1' } });
  });

  it('exits 1 with the reason when the answers are unusable twice, and 2 on misuse', async () => {
    server = await startFakeOpenAI();
    const path = await savedConversation(server);
    server.respond(qualityHandler([qualityAnswer({ relevance: 9 })]));
    const failed = await measure([path, '--quality']);
    expect(failed.code).toBe(1);
    expect(failed.out).toBe('');
    expect(failed.err.replace(/\s+/g, ' ')).toContain('quality rating dropped — relevance: must be at most 5 (asked 2×); the log notes it');
    const misuse = await measure([path, '--quality', '--speaker', 'seeker']);
    expect(misuse.code).toBe(2);
    expect(misuse.err).toContain('--quality rates the whole dialogue');
  });
});
