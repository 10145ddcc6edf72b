import { describe, expect, it } from 'vitest';
import { CRISIS_HELP, crisisBannerFor, SIMULATOR_NOTICE, TRAINEE_CRISIS_GUIDANCE, TRAINEE_CRISIS_TITLE } from '../../../src/core/safety.js';

describe('safety wording', () => {
  it('the help text names the crisis lines correctly', () => {
    expect(CRISIS_HELP).toContain('988 in the US');
    expect(CRISIS_HELP).toContain('Samaritans on 116 123 in the UK and Ireland');
    expect(CRISIS_HELP).toContain('findahelpline.com');
    expect(CRISIS_HELP).toMatch(/emergency number/);
  });

  it('the trainee guidance says to take it seriously, ask directly about safety and point to crisis lines', () => {
    expect(TRAINEE_CRISIS_TITLE).toMatch(/crisis/);
    expect(TRAINEE_CRISIS_GUIDANCE).toMatch(/take it seriously/);
    expect(TRAINEE_CRISIS_GUIDANCE).toMatch(/ask directly/);
    expect(TRAINEE_CRISIS_GUIDANCE).toMatch(/Are you safe right now\?/);
    expect(TRAINEE_CRISIS_GUIDANCE).toContain('988 in the US');
    expect(TRAINEE_CRISIS_GUIDANCE).toContain('Samaritans on 116 123 in the UK and Ireland');
    expect(TRAINEE_CRISIS_GUIDANCE).toContain('findahelpline.com');
  });

  it('the simulator notice says it is not therapy', () => {
    expect(SIMULATOR_NOTICE).toMatch(/not therapy/);
  });
});

describe('crisisBannerFor', () => {
  const crisis = 'I want to kill myself';
  const calm = 'work has been a lot lately';

  it('shows the help banner for crisis language a human types as the seeker', () => {
    expect(crisisBannerFor('join-seeker', { speaker: 'seeker', by: 'human', text: crisis })).toBe('seeker-help');
    expect(crisisBannerFor('join-seeker', { speaker: 'seeker', by: 'human', text: calm })).toBeUndefined();
  });

  it('shows the trainee banner when the AI seeker says it and a human plays the supporter', () => {
    expect(crisisBannerFor('join-supporter', { speaker: 'seeker', by: 'ai', text: crisis })).toBe('trainee-guidance');
    expect(crisisBannerFor('join-supporter', { speaker: 'seeker', by: 'ai', text: calm })).toBeUndefined();
  });

  it('shows nothing while watching AI with AI, or for supporter turns', () => {
    expect(crisisBannerFor('watch', { speaker: 'seeker', by: 'ai', text: crisis })).toBeUndefined();
    expect(crisisBannerFor('join-supporter', { speaker: 'supporter', by: 'human', text: crisis })).toBeUndefined();
    expect(crisisBannerFor('join-seeker', { speaker: 'supporter', by: 'ai', text: crisis })).toBeUndefined();
  });
});
