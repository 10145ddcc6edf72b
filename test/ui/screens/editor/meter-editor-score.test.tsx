import { readFileSync } from 'node:fs';
import { afterEach, describe, expect, it } from 'vitest';
import { cleanup } from 'ink-testing-library';
import { parse } from 'yaml';
import { App } from '../../../../src/ui/app.js';
import { createAppDeps } from '../../../../src/ui/realDeps.js';
import type { AppDeps } from '../../../../src/ui/appDeps.js';
import { bundledInventories } from '../../../../src/core/traits/pipeline.js';
import { tempDir } from '../../../support/engine-fixtures.js';
import { defaultPersonaHandler, startFakeOpenAI, type FakeServer, type RecordedRequest, type Reply } from '../../../support/fake-openai-server.js';
import { FORM_KEYS, KEYS, pressKeys, renderAtSize, waitForFrame, widestLine } from '../../helpers.js';
import { seekerPersona } from '../../setup-helpers.js';

let server: FakeServer | undefined;
afterEach(async () => {
  cleanup();
  await server?.close();
  server = undefined;
});

function deps(baseURL: string, root: string): AppDeps {
  const made = createAppDeps({
    env: { PERSONA_TALKS_BASE_URL: baseURL, PERSONA_TALKS_MODEL: 'fake-model' },
    configDir: `${root}/config`,
    userPersonasDir: `${root}/personas`,
    sessionsDir: null,
    clientOptions: { retryBaseMs: 5, maxRetries: 0 },
  });
  if (!made.ok) throw new Error(made.message);
  made.deps.app.settings.update({ seenSafetyNotice: true });
  return made.deps;
}

/**
 * The model's inventory answers: every Emotionality (HEXACO E, CSI emotionality)
 * statement describes the person fully, everything else a little. With reverse
 * keys that is E = emotionality = 5 and every other dimension 2, worked by hand.
 */
async function ratingsHandler(): Promise<(r: RecordedRequest) => Reply> {
  const { hexaco, csi } = await bundledInventories();
  const items = new Map([...hexaco.items, ...csi.items].map((item) => [item.id, item as { dimension: string; reverse: boolean }]));
  return (r) => {
    if (r.body.response_format?.json_schema?.name !== 'inventory_ratings') return defaultPersonaHandler(r);
    const ids = Object.keys((r.body.response_format.json_schema.schema as { properties: object }).properties);
    const answer = Object.fromEntries(
      ids.map((id) => {
        const item = items.get(id)!;
        const keyed = item.dimension === 'E' || item.dimension === 'emotionality' ? 5 : 2;
        return [id, item.reverse ? 6 - keyed : keyed];
      }),
    );
    return { kind: 'text', content: JSON.stringify(answer) };
  };
}

async function openScorer(d: AppDeps, columns: number, rows: number) {
  const r = renderAtSize(<App deps={d} initialRoute={{ name: 'editor', persona: seekerPersona(), source: 'user' }} />, columns, rows);
  await waitForFrame(r, (f) => f.includes('Edit persona'));
  for (let i = 0; i < 40; i++) await pressKeys(r, KEYS.down);
  await pressKeys(r, KEYS.up); // the last row is Cancel, the one above it the scorer
  await waitForFrame(r, (f) => /▸.*Score traits from the description/.test(f));
  await pressKeys(r, KEYS.enter);
  return r;
}

describe('persona editor: score traits from the description (App wiring, loopback server)', () => {
  it.each([
    { columns: 100, rows: 40 },
    { columns: 60, rows: 20 },
  ])('runs the paper pipeline on the judge endpoint and the sliders take the scores ($columns×$rows)', async ({ columns, rows }) => {
    server = await startFakeOpenAI({ handler: await ratingsHandler() });
    const root = tempDir('pt-score-');
    const r = await openScorer(deps(server.url, root), columns, rows);
    const scored = await waitForFrame(r, (f) => f.includes('Traits scored'), 15_000);
    expect(widestLine(scored)).toBeLessThanOrEqual(columns);
    // The description went to the model (behaviours step), then the inventory statements.
    const names = server.chatRequests().map((q) => q.body.response_format?.json_schema?.name);
    expect(names[0]).toBe('behaviour_descriptions');
    expect(server.chatRequests()[0]!.rawBody).toContain('keeps worries to herself');
    expect(names.slice(1).every((n) => n === 'inventory_ratings')).toBe(true);

    await pressKeys(r, FORM_KEYS.ctrlS);
    await waitForFrame(r, (f) => f.includes('Saved to'));
    const saved = parse(readFileSync(`${root}/personas/night-shift-nurse.yaml`, 'utf8')) as { hexaco: object; csi: object };
    expect(saved.hexaco).toEqual({ H: 2, E: 5, X: 2, A: 2, C: 2, O: 2 });
    expect(saved.csi).toEqual({ expressiveness: 2, preciseness: 2, verbal_aggressiveness: 2, questioningness: 2, emotionality: 5, impression_manipulativeness: 2 });
  });

  it('with no server reachable, says why in the status line and keeps the editor usable', async () => {
    const root = tempDir('pt-score-');
    const r = await openScorer(deps('http://127.0.0.1:9/v1', root), 100, 40);
    const failed = await waitForFrame(r, (f) => f.includes('Could not score'), 15_000);
    expect(failed).toMatch(/127\.0\.0\.1:9/);
    // Still the editor, sliders untouched: Escape leaves it as usual.
    expect(failed).toContain('Edit persona');
    await pressKeys(r, KEYS.escape);
    await waitForFrame(r, (f) => !f.includes('Edit persona'));
  });
});
