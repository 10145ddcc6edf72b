import { beforeAll, describe, expect, it } from 'vitest';
import { benchRuntimeDir, measureLocal } from '../../src/bench/local.js';
import { benchLocalProvider } from '../../src/bench/local-provider.js';
import { parseBenchArgs, type BenchOptions } from '../../src/bench/options.js';
import { Figures, formatTable } from '../../src/bench/summary.js';
import { ensureTestRuntime, RUNTIME_INSTALL_TIMEOUT_MS } from '../support/local-runtime.js';

// The benchmark's local-model figure on the real runtime and the tiny model: what it
// measures must be there and add up. No time is asserted; the machine is shared.

let runtimeDir: string;

beforeAll(async () => {
  runtimeDir = await ensureTestRuntime();
}, RUNTIME_INSTALL_TIMEOUT_MS);

describe('the local model in the benchmark', () => {
  it('is a figure of its own, and finds the runtime the tests installed', () => {
    const options = parseBenchArgs(['--only', 'local']) as BenchOptions;
    expect([...options.only]).toEqual(['local']);
    expect(benchRuntimeDir({ PERSONA_TALKS_RUNTIME_DIR: runtimeDir })).toBe(runtimeDir);
  });

  it('per-token cost of ours and of LlamaChat, and a cold start in parts, none of them negative', async () => {
    const result = await benchLocalProvider({ runtimeDir, runs: 2 });
    expect(result.runs).toBe(2);
    for (const kind of [result.perToken.json, result.perToken.text]) {
      expect(kind.provider).toBeGreaterThan(0);
      expect(kind.direct).toBeGreaterThan(0);
      expect(kind.ratio).toBeCloseTo(kind.provider / kind.direct, 6);
    }
    const f = result.firstToken;
    const parts = [f.runtimeMs, f.llamaMs, f.modelMs, f.contextMs, f.templateMs, f.promptMs, f.firstTokenMs];
    for (const part of parts) expect(part).toBeGreaterThanOrEqual(0);
    expect(parts.reduce((a, b) => a + b, 0)).toBeCloseTo(f.totalMs, 6);
  }, 120_000);

  it('the whole figure: the provider in a fresh process, then the built CLI on --preset local to its first streamed token', async () => {
    const figures = new Figures();
    const said: string[] = [];
    await measureLocal(parseBenchArgs(['--only', 'local', '--runs', '1']) as BenchOptions, figures, (line) => said.push(line));
    const rows = new Map(figures.list().map((r) => [r.id, r.values]));
    for (const id of ['local', 'local text', 'local cold', 'local cold model', 'local cold prompt', 'local cli', 'local cli load', 'local cli prompt']) {
      expect(rows.get(id), id).toHaveLength(1);
    }
    const cli = rows.get('local cli')![0]!;
    // The session starts before its first token streams.
    expect(rows.get('local cli load')![0]!).toBeGreaterThan(0);
    expect(rows.get('local cli prompt')![0]!).toBeGreaterThan(0);
    expect(rows.get('local cli load')![0]! + rows.get('local cli prompt')![0]!).toBeCloseTo(cli, 6);
    expect(formatTable(figures.list())).toContain('local model: per generated token, ours ÷ node-llama-cpp (JSON answer)');
    expect(said.some((line) => line.includes('run --preset local'))).toBe(true);
  }, 180_000);
});
