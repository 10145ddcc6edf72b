import { describe, expect, it } from 'vitest';
import { EXAMPLE_PLAN } from '../../../src/commands/experiment-plan-template.js';
import { cellOf, conversationId, planConversations, planHash, seedFor } from '../../../src/core/experiments/design.js';
import { parsePlan, type Plan } from '../../../src/core/experiments/plan.js';
import { formatPersonaError } from '../../../src/core/personas/errors.js';

const problems = (text: string) => {
  const loaded = parsePlan(text, 'plan.yaml');
  return loaded.ok ? [] : loaded.issues.map(formatPersonaError);
};

const BASE = `name: t
seekers: [a]
supporters: [b]
arms:
  - { name: with, seekerTraits: true, supporterPersona: true, supporterKnowsSeeker: true }
models:
  - name: m
    model: x
repetitions: 1
`;

describe('the experiment plan', () => {
  it('the example plan `experiment init` writes is valid, with every field the contract names', () => {
    const loaded = parsePlan(EXAMPLE_PLAN, 'experiment.yaml');
    expect(loaded.ok).toBe(true);
    if (!loaded.ok) return;
    expect(loaded.plan).toMatchObject({
      name: 'persona-effects',
      seekers: ['anxious-phd-student', 'night-shift-nurse'],
      arms: [{ name: 'with-persona', seekerTraits: true }, { name: 'without-persona', supporterPersona: false, supporterKnowsSeeker: false }],
      engines: ['agents'],
      repetitions: 2,
      turnCap: 16,
      measurement: 'posthoc',
      classifier: true,
      quality: false,
      concurrency: 4,
    });
  });

  it('defaults what a plan leaves out', () => {
    const loaded = parsePlan(BASE, 'p.yaml');
    expect(loaded.ok && loaded.plan).toMatchObject({ engines: ['agents'], turnCap: 20, temperature: 0.8, seedBase: 0, measurement: 'posthoc', classifier: true, quality: false, concurrency: 4 });
  });

  it('reports each problem as file:line field: message', () => {
    expect(problems(BASE.replace('repetitions: 1', 'repetitions: -3'))).toEqual(['plan.yaml:9 repetitions: must be a whole number from 1 to 100000']);
    expect(problems(BASE.replace('    model: x\n', ''))).toEqual([expect.stringMatching(/^plan\.yaml:7 models\[0\]\.name: names no model for the seeker/), expect.stringMatching(/supporter/)]);
    expect(problems(`${BASE}concurency: 8\n`)).toEqual(['plan.yaml:10 concurency: is not a known field (did you mean "concurrency"?)']);
    expect(problems(`${BASE}measurement: sometimes\n`)).toEqual(['plan.yaml:10 measurement: must be one of: posthoc, live, off']);
    expect(problems(BASE.replace('supporters: [b]', 'supporters: 7'))).toEqual(['plan.yaml:3 supporters: must be `all`, a list of persona ids, or `{ folder: PATH }`']);
    expect(problems(`${BASE}concurrency: 300\n`)).toEqual(['plan.yaml:10 concurrency: must be a whole number from 1 to 256']);
    expect(problems(`${BASE}rateLimits:\n  "http://h:1/v1": { requestsPerMinut: 5 }\n`)).toEqual(['plan.yaml:11 rateLimits.http://h:1/v1.requestsPerMinut: is not a known field (did you mean "requestsPerMinute"?)']);
    expect(problems(BASE.replace('arms:', 'arms:\n  - { name: with, seekerTraits: true, supporterPersona: true, supporterKnowsSeeker: true }'))).toEqual([expect.stringMatching(/^plan\.yaml:\d+ arms\[1\]\.name: "with" is used twice/)]);
    expect(problems('name: [unclosed')).toEqual([expect.stringMatching(/^plan\.yaml:1 YAML syntax error/)]);
    // The parser reports this one mistake twice; it is printed once.
    expect(problems(BASE.replace('supporters: [b]', 'supporters: [b, [c'))).toEqual([expect.stringMatching(/^plan\.yaml:\d+ YAML syntax error: Flow sequence/)]);
  });
});

describe('the conversations a plan stands for', () => {
  const plan = (overrides: Partial<Plan> = {}) => {
    const loaded = parsePlan(BASE, 'p.yaml');
    if (!loaded.ok) throw new Error('base plan');
    return { ...loaded.plan, ...overrides };
  };
  const arms = [
    { name: 'with', seekerTraits: true, supporterPersona: true, supporterKnowsSeeker: true },
    { name: 'without', seekerTraits: false, supporterPersona: false, supporterKnowsSeeker: false },
  ];

  it('every arm × seeker × supporter × engine × model, repetition first; the baseline replaces the supporters of an arm without persona', () => {
    const planned = planConversations(plan({ arms, repetitions: 2, engines: ['agents', 'script'] }), { seekers: ['s1', 's2'], supporters: ['p1', 'p2'], baseline: 'no-persona' });
    // with: 2 seekers × 2 supporters × 2 engines; without: 2 seekers × 1 baseline × 2 engines; × 2 repetitions
    expect(planned.length).toBe((8 + 4) * 2);
    expect(planned.slice(0, 12).every((c) => c.rep === 1)).toBe(true);
    expect(planned.filter((c) => c.arm.name === 'without').every((c) => c.supporter === 'no-persona')).toBe(true);
    expect(new Set(planned.map((c) => c.id)).size).toBe(planned.length);
    expect(planned[0]!.id).toBe('with__s1__p1__agents__m__r1');
    expect(cellOf(planned[0]!)).toBe('with · s1 · p1 · agents · m');
  });

  it('ids and seeds depend on the plan alone', () => {
    const a = planConversations(plan({ seedBase: 1000 }), { seekers: ['s'], supporters: ['p'] });
    const b = planConversations(plan({ seedBase: 1000 }), { seekers: ['s'], supporters: ['p'] });
    expect(a).toEqual(b);
    expect(a[0]!.seed).toBe(seedFor(1000, a[0]!.id));
    expect(a[0]!.seed).toBeGreaterThanOrEqual(1000);
    expect(seedFor(0, 'x')).not.toBe(seedFor(0, 'y'));
    expect(conversationId({ arm: 'a b', seeker: 's', supporter: 'p', engine: 'agents', model: 'm/1', rep: 3 })).toBe('a-b__s__p__agents__m-1__r3');
  });

  it('the same experiment is the same hash whatever its concurrency or rate limits; any other change is another', () => {
    const base = plan();
    expect(planHash({ ...base, concurrency: 64, rateLimits: { 'http://h/v1': { requestsPerMinute: 5 } } })).toBe(planHash(base));
    expect(planHash({ ...base, repetitions: 2 })).not.toBe(planHash(base));
  });
});
