import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { readSession } from '../../src/core/sessions/reader.js';
import { demoHandler } from '../../src/devtools/demo-handler.js';
import { runCli, spawnCli, waitFor } from '../support/cli.js';
import { tempDir } from '../support/engine-fixtures.js';
import { envFor, planYaml, sessionFiles, writePlan } from '../support/experiments.js';
import { startFakeOpenAI, type FakeServer } from '../support/fake-openai-server.js';

let server: FakeServer;
beforeAll(async () => {
  server = await startFakeOpenAI({ handler: demoHandler() });
});
afterAll(() => server.close());

const env = (extra: NodeJS.ProcessEnv = {}) => envFor(server.url, { PERSONA_TALKS_API_KEY: 'sk-exp-SECRET-123456', ...extra });

describe('persona-talks experiment (built CLI)', () => {
  it('init writes a commented plan that runs; piped, run prints one line per finished conversation', async () => {
    server.respond(demoHandler());
    const work = tempDir('pt-exp-cli-');
    const init = await runCli(['experiment', 'init', join(work, 'study.yaml')], env());
    expect(init.code).toBe(0);
    const text = readFileSync(join(work, 'study.yaml'), 'utf8');
    expect(text).toContain('# The paper');
    // The example, made small: one repetition of four-message conversations, measured after.
    writeFileSync(join(work, 'study.yaml'), text.replace('repetitions: 2', 'repetitions: 1').replace('turnCap: 16', 'turnCap: 4').replace('[anxious-phd-student, night-shift-nurse]', '[night-shift-nurse]'));
    const again = await runCli(['experiment', 'init', join(work, 'study.yaml')], env());
    expect(again.code).toBe(2); // never over an existing file
    const r = await runCli(['experiment', 'run', join(work, 'study.yaml'), '--dir', join(work, 'out')], env());
    expect(r.stderr).toBe('');
    expect(r.code).toBe(0);
    const lines = r.stdout.trim().split('\n');
    expect(lines[0]).toMatch(/^Experiment persona-effects-[0-9a-f]{8} in .*: 3 conversations \(0 finished before, 3 to start/);
    expect(lines.filter((l) => /^\[\d\/3\] finished /.test(l)).length).toBe(3);
    expect(lines.at(-1)).toMatch(/^All 3 conversations finished/);
    expect(sessionFiles(join(work, 'out')).length).toBe(3);
    for (const file of sessionFiles(join(work, 'out'))) expect(readFileSync(join(work, 'out', 'sessions', file), 'utf8')).not.toContain('SECRET');
  }, 60_000);

  it('--json prints NDJSON events', async () => {
    server.respond(demoHandler());
    const dir = join(tempDir('pt-exp-cli-'), 'out');
    const r = await runCli(['experiment', 'run', writePlan(planYaml()), '--dir', dir, '--json'], env());
    expect(r.code).toBe(0);
    const events = r.stdout.trim().split('\n').map((l) => JSON.parse(l) as { type: string });
    expect(events[0]!.type).toBe('experiment-started');
    expect(events.at(-1)!.type).toBe('experiment-ended');
    expect(events.filter((e) => e.type === 'conversation-finished').length).toBe(2);
    expect(events.filter((e) => e.type === 'turn').length).toBe(8);
  }, 60_000);

  it('bad input exits 2 and starts nothing', async () => {
    const dir = join(tempDir('pt-exp-cli-'), 'out');
    const unknown = await runCli(['experiment', 'run', writePlan(planYaml({ seekers: ['no-such-seeker'] })), '--dir', dir], env());
    expect(unknown.code).toBe(2);
    expect(unknown.stderr).toMatch(/plan\.yaml:\d+ seekers\[0\]: unknown persona "no-such-seeker"/);
    expect(existsSync(dir)).toBe(false);
    const negative = await runCli(['experiment', 'run', writePlan(planYaml({ repetitions: -1 })), '--dir', dir], env());
    expect(negative.code).toBe(2);
    expect(negative.stderr).toMatch(/repetitions: must be a whole number/);
    const noModel = await runCli(['experiment', 'run', writePlan(planYaml({ models: [{ name: 'm1', seeker: { model: 'x' } }] })), '--dir', dir], env());
    expect(noModel.code).toBe(2);
    expect(noModel.stderr).toMatch(/names no model for the supporter/);
    expect(existsSync(dir)).toBe(false);
    const flags = await runCli(['experiment', 'run', 'x.yaml', '--concurrency', '999'], env());
    expect(flags.code).toBe(2);
    expect(flags.stderr).toContain('--concurrency must be a whole number from 1 to 256');
  }, 60_000);

  it('kill -9 at any moment loses no finished turn and no finished conversation; running it again completes the rest', async () => {
    // Slow streams so the kill lands with conversations mid-turn and some already done.
    server.respond(demoHandler({ chunkDelayMs: 8, chunkSize: 4 }));
    const dir = join(tempDir('pt-exp-kill-'), 'out');
    const plan = writePlan(planYaml({ supporters: ['warm-listener', 'blunt-coach'], repetitions: 2, turnCap: 6, concurrency: 3 }));
    const child = spawnCli(['experiment', 'run', plan, '--dir', dir, '--json'], env());
    let stdout = '';
    child.stdout!.on('data', (d: Buffer) => (stdout += d.toString()));
    const exited = new Promise((resolve) => child.on('close', resolve));
    type Seen = { type: string; id?: string; index?: number };
    const seen = () => stdout.split('\n').filter((l) => l.endsWith('}')).map((l) => JSON.parse(l) as Seen);
    await waitFor(() => {
      const events = seen();
      const finished = events.filter((e) => e.type === 'conversation-finished').length;
      const midway = events.filter((e) => e.type === 'turn').length - finished * 6;
      return finished >= 1 && midway >= 2 ? true : undefined;
    }, 30_000, 'one conversation finished and others under way');
    child.kill('SIGKILL');
    await exited;
    const before = seen();
    const finishedIds = before.filter((e) => e.type === 'conversation-finished').map((e) => e.id!);
    const finishedBytes = new Map(finishedIds.map((id) => [id, readFileSync(join(dir, 'sessions', `${id}.jsonl`), 'utf8')]));
    for (const e of before.filter((x) => x.type === 'turn')) {
      const session = readSession(join(dir, 'sessions', `${e.id}.jsonl`));
      expect(session.turns.some((t) => t.index === e.index)).toBe(true);
    }
    for (const id of finishedIds) expect(readSession(join(dir, 'sessions', `${id}.jsonl`)).ended?.reason).toBe('turn-cap');

    server.respond(demoHandler());
    const rerun = await runCli(['experiment', 'run', plan, '--dir', dir], env());
    expect(rerun.code).toBe(0);
    // At least those: one can end on disk after its event was last read, before the kill landed.
    const finishedBefore = Number(/\((\d+) finished before/.exec(rerun.stdout)?.[1]);
    expect(finishedBefore).toBeGreaterThanOrEqual(finishedIds.length);
    expect(finishedBefore).toBeLessThan(6);
    expect(rerun.stdout).toContain('All 6 conversations finished');
    for (const file of sessionFiles(dir)) {
      const session = readSession(join(dir, 'sessions', file));
      expect(session.turns.map((t) => t.index)).toEqual([0, 1, 2, 3, 4, 5]);
      expect(session.ended?.reason).toBe('turn-cap');
    }
    // A conversation finished before the kill was not touched again.
    for (const [id, bytes] of finishedBytes) expect(readFileSync(join(dir, 'sessions', `${id}.jsonl`), 'utf8')).toBe(bytes);
  }, 90_000);

  it('export-batch writes the script engine’s requests; import-batch turns the answers into sessions, reporting bad lines', async () => {
    const work = tempDir('pt-exp-batch-');
    const dir = join(work, 'out');
    const plan = writePlan(planYaml({ engines: ['script'], repetitions: 2 }));
    const out = join(work, 'requests.jsonl');
    const exported = await runCli(['experiment', 'export-batch', plan, '--dir', dir, '--out', out], env());
    expect(exported.stderr).toBe('');
    expect(exported.code).toBe(0);
    const requests = readFileSync(out, 'utf8').trim().split('\n').map((l) => JSON.parse(l) as { custom_id: string; method: string; url: string; body: Record<string, unknown> });
    expect(requests.length).toBe(4);
    for (const request of requests) {
      expect(request).toMatchObject({ method: 'POST', url: '/v1/chat/completions' });
      expect(request.body).toMatchObject({ model: 'fake-model', response_format: { type: 'json_schema' }, max_tokens: 1000 });
      expect(request.body.stream).toBeUndefined();
    }
    expect(requests.map((r) => r.custom_id)).toContain('without__night-shift-nurse__no-persona__script__m1__r2');
    expect(readFileSync(out, 'utf8')).not.toContain('SECRET');

    // The same request, sent live by the script engine, has the same body (less streaming).
    server.respond(() => ({ kind: 'text', content: JSON.stringify({ dialog: [{ speaker: 'seeker', strategy: null, content: 'hi' }, { speaker: 'supporter', strategy: 'Question', content: 'what happened?' }] }) }));
    const liveDir = join(work, 'live');
    const before = server.chatRequests().length;
    await runCli(['experiment', 'run', plan, '--dir', liveDir], env());
    const live = server.chatRequests().slice(before).find((r) => r.body.model === 'fake-model' && JSON.stringify(r.body.messages) === JSON.stringify(requests[0]!.body.messages));
    expect(live).toBeDefined();
    const { stream: _s, stream_options: _o, ...liveBody } = live!.body;
    expect(liveBody).toEqual(requests[0]!.body);

    const dialog = (text: string) => JSON.stringify({ dialog: [{ speaker: 'seeker', strategy: null, content: `I cannot sleep. ${text}` }, { speaker: 'supporter', strategy: 'Questions', content: 'How long has it been?' }, { speaker: 'seeker', strategy: null, content: 'Weeks.' }, { speaker: 'supporter', strategy: 'Reflection of feelings', content: 'That sounds draining.\u001b[31m' }] });
    const answer = (id: string, content: string) => JSON.stringify({ id: `batch_req_${id}`, custom_id: id, response: { status_code: 200, request_id: 'r', body: { id: 'c', object: 'chat.completion', model: 'gpt-batch', choices: [{ index: 0, message: { role: 'assistant', content }, finish_reason: 'stop' }], usage: { prompt_tokens: 300, completion_tokens: 90, total_tokens: 390 } } }, error: null });
    const results = join(work, 'results.jsonl');
    writeFileSync(
      results,
      [
        answer(requests[0]!.custom_id, dialog('one')),
        answer(requests[1]!.custom_id, `<think>plan the dialogue</think>${dialog('two')}`),
        JSON.stringify({ custom_id: requests[2]!.custom_id, response: null, error: { code: 'batch_expired', message: 'This request could not be executed before the completion window expired.' } }),
        'not json',
        answer('nobody', dialog('x')),
      ].join('\n'),
    );
    const imported = await runCli(['experiment', 'import-batch', results, '--dir', dir], env());
    expect(imported.code).toBe(1); // some lines had problems
    expect(imported.stdout).toContain('Imported 2 conversations; 3 lines with a problem.');
    expect(imported.stderr).toMatch(/line 3 \(.*\): the batch reported an error: This request could not be executed/);
    expect(imported.stderr).toContain('line 4: not JSON');
    expect(imported.stderr).toMatch(/line 5 \(nobody\): no conversation of this experiment has this id/);
    const session = readSession(join(dir, 'sessions', `${requests[1]!.custom_id}.jsonl`));
    expect(session.header.engine).toBe('script');
    expect(session.header.models.supporter.model).toBe('gpt-batch');
    expect(session.header.arm?.name).toBe(requests[1]!.custom_id.split('__')[0]);
    expect(session.turns.map((t) => t.text.slice(0, 21))).toEqual(['I cannot sleep. two', 'How long has it been?', 'Weeks.', 'That sounds draining.']);
    expect(session.turns[3]!.text).not.toContain('\u001b'); // the escape the answer carried is neutralised
    expect(session.turns[1]!.strategy).toBe('Question');
    expect(session.turns[3]!.strategy).toBe('Reflection of Feelings');
    expect(readFileSync(session.path, 'utf8')).not.toContain('plan the dialogue');
    // Importing again leaves the imported sessions as they are.
    const twice = await runCli(['experiment', 'import-batch', results, '--dir', dir], env());
    expect(twice.stderr).toMatch(/line 1 .*already has a session/);
    // A new export asks only for what is still missing.
    const rest = await runCli(['experiment', 'export-batch', dir, '--out', join(work, 'rest.jsonl')], env());
    expect(rest.code).toBe(0);
    expect(readFileSync(join(work, 'rest.jsonl'), 'utf8').trim().split('\n').length).toBe(2);
    // Without --out the lines go to standard output, the count to standard error.
    const piped = await runCli(['experiment', 'export-batch', dir], env());
    expect(piped.code).toBe(0);
    expect(piped.stdout).toBe(readFileSync(join(work, 'rest.jsonl'), 'utf8'));
    expect(piped.stderr).toContain('Wrote 2 requests');

    // Bad paths: a clear problem and exit 2, nothing written.
    const noFolder = await runCli(['experiment', 'export-batch', dir, '--out', join(work, 'missing', 'r.jsonl')], env());
    expect(noFolder.code).toBe(2);
    expect(noFolder.stderr).toMatch(/the folder .*missing does not exist; nothing was written/);
    const intoFolder = await runCli(['experiment', 'export-batch', dir, '--out', work], env());
    expect(intoFolder.code).toBe(2);
    expect(intoFolder.stderr).toMatch(/is a folder; name the file to write/);
    const folderAsResults = await runCli(['experiment', 'import-batch', work, '--dir', dir], env());
    expect(folderAsResults.code).toBe(2);
    expect(folderAsResults.stderr).toMatch(/is not a file; name the batch's results file/);
  }, 90_000);
});
