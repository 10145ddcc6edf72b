import { describe, expect, it } from 'vitest';
import { CancelledError } from '../../../../src/core/llm/errors.js';
import { StepScheduler, type Lane } from '../../../../src/core/llm/local/scheduler.js';

/** A step that takes `ms` of (fake) model time. */
function timed(clock: { t: number }, ms: number) {
  return async () => {
    await Promise.resolve();
    clock.t += ms;
  };
}

describe('the step scheduler', () => {
  it('runs one step at a time', async () => {
    const s = new StepScheduler();
    let running = 0;
    let most = 0;
    const work = async () => {
      running++;
      most = Math.max(most, running);
      await new Promise((r) => setTimeout(r, 1));
      running--;
    };
    await Promise.all([s.step('agent', work), s.step('background', work), s.step('agent', work), s.step('background', work)]);
    expect(most).toBe(1);
  });

  it('with no share, background steps wait while an agent request is in progress, even between its steps', async () => {
    const order: Lane[] = [];
    const s = new StepScheduler({ onStep: (lane) => order.push(lane) });
    const end = s.agentRequest();
    const background = Promise.all([s.step('background', async () => undefined), s.step('background', async () => undefined)]);
    for (let i = 0; i < 3; i++) {
      await s.step('agent', async () => undefined);
      await new Promise((r) => setTimeout(r, 1)); // the agent is busy elsewhere between its steps
    }
    expect(order).toEqual(['agent', 'agent', 'agent']);
    end();
    await background;
    expect(order).toEqual(['agent', 'agent', 'agent', 'background', 'background']);
  });

  it('an agent step never queues behind waiting background steps', async () => {
    const order: string[] = [];
    const s = new StepScheduler();
    let release: () => void = () => undefined;
    const first = s.step('background', () => new Promise<void>((r) => (release = r)).then(() => void order.push('b1')));
    const more = [s.step('background', async () => void order.push('b2')), s.step('background', async () => void order.push('b3'))];
    const end = s.agentRequest();
    const agent = s.step('agent', async () => void order.push('a'));
    release();
    await agent;
    end();
    await Promise.all([first, ...more]);
    // The background step already running finishes; the agent goes next, before the queued ones.
    expect(order).toEqual(['b1', 'a', 'b2', 'b3']);
  });

  it('gives background work about its share of model time while agents run', async () => {
    const clock = { t: 0 };
    const order: Lane[] = [];
    const s = new StepScheduler({ backgroundShare: 0.25, now: () => clock.t, onStep: (lane) => order.push(lane) });
    const end = s.agentRequest();
    let stop = false;
    const background = (async () => {
      while (!stop) await s.step('background', timed(clock, 10));
    })();
    for (let i = 0; i < 40; i++) await s.step('agent', timed(clock, 10));
    stop = true;
    end();
    await background;
    const whileAgents = order.slice(0, order.lastIndexOf('agent') + 1);
    const share = whileAgents.filter((l) => l === 'background').length / whileAgents.length;
    expect(share).toBeGreaterThan(0.15);
    expect(share).toBeLessThan(0.35);
  });

  it('a cancelled waiter leaves the queue', async () => {
    const s = new StepScheduler();
    const end = s.agentRequest();
    const controller = new AbortController();
    const waiting = s.step('background', async () => 'ran', controller.signal);
    controller.abort();
    await expect(waiting).rejects.toBeInstanceOf(CancelledError);
    end();
    expect(await s.step('background', async () => 'next')).toBe('next');
  });
});
