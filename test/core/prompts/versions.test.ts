import { createHash } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import type { Turn } from '../../../src/core/domain.js';
import { SEEKER_OUTPUT_SCHEMA, seekerMessages, SUPPORTER_OUTPUT_SCHEMA, supporterMessages } from '../../../src/core/prompts/agents.js';
import { classifierBatchMessages, classifierBatchSchema, classifierMessages, CLASSIFIER_OUTPUT_SCHEMA } from '../../../src/core/prompts/classifier.js';
import { JSON_PROBE_SCHEMA, jsonProbeMessages, PROBE_OPENING, PROBE_SEEKER, PROBE_SUPPORTER, streamingProbeMessages } from '../../../src/core/prompts/doctor.js';
import { JUDGE_OUTPUT_SCHEMA, judgeMessages, judgeSchema } from '../../../src/core/prompts/judge.js';
import { BEHAVIOUR_SCHEMA, behaviourMessages, CARD_SCHEMA, cardMessages, ratingMessages, ratingSchema, retryMessages } from '../../../src/core/prompts/measurement.js';
import { needsSeekerContext, personaCardMessages, personaCardSchema } from '../../../src/core/prompts/persona-card.js';
import { CONSISTENCY_SCHEMA, consistencyMessages } from '../../../src/core/prompts/persona-check.js';
import { EXPANSION_RELATIONS, EXPANSION_SCHEMA, EXPANSION_SETTINGS, expansionMessages, expansionVariant } from '../../../src/core/prompts/persona-expansion.js';
import { withReminder } from '../../../src/core/prompts/reminder.js';
import { SCRIPT_OUTPUT_SCHEMA, scriptMessages } from '../../../src/core/prompts/script.js';
import { earlierNote, SUMMARY_OUTPUT_SCHEMA, summaryMessages, withEarlier } from '../../../src/core/prompts/summary.js';
import { qualityMessages, QUALITY_OUTPUT_SCHEMA } from '../../../src/core/prompts/quality.js';
import { PROMPT_VERSIONS, promptVersions, type PromptName } from '../../../src/core/prompts/versions.js';
import { SEEKER, SUPPORTER } from '../../support/engine-fixtures.js';

const TURNS: Turn[] = [
  { index: 0, speaker: 'seeker', text: 'I cannot sleep since the night shifts started.', by: 'ai', startedAt: '', finishedAt: '' },
  { index: 1, speaker: 'supporter', text: 'That sounds exhausting. How long has it been?', strategy: 'Question', labelSource: 'declared', by: 'ai', startedAt: '', finishedAt: '' },
  { index: 2, speaker: 'seeker', text: 'Three weeks.', by: 'ai', startedAt: '', finishedAt: '' },
];
const BASELINE = { id: 'plain', role: 'supporter' as const, name: 'Plain', baseline: true, description: 'No persona.' };
const CARD = { age_band: '25-34', gender: null, occupation: 'baker', description: 'Works nights.' };
const ITEMS = [{ id: 'E1', dimension: 'E', text: 'Worries about small things.', reverse: false }];
/** A description with a fence in it: the quoting must flatten it. */
const DESCRIPTION = 'A retired nurse who volunteers at a hospice and """quotes""" her patients.';
const PERSON = { is_person: true, name: 'Maren Ostby', age_band: '65+', gender: null, occupation: 'retired nurse', description: 'Maren lives alone by the sea.' };
const SUMMARY = { throughTurn: 0, text: 'The Seeker cannot sleep since night shifts began.' };

/** Everything each prompt sends to a model, rendered for fixed inputs: its words and the answer format it asks for. */
const RENDERED: Record<PromptName, unknown> = {
  seeker: [seekerMessages(SEEKER, []), seekerMessages(SEEKER, TURNS), seekerMessages(SEEKER, TURNS, { traits: false }), SEEKER_OUTPUT_SCHEMA],
  supporter: [
    supporterMessages({ seeker: SEEKER, supporter: SUPPORTER, condition: 'aware' }, TURNS),
    supporterMessages({ seeker: SEEKER, supporter: BASELINE, condition: 'blind', steer: 'Question' }, []),
    SUPPORTER_OUTPUT_SCHEMA,
  ],
  script: [
    scriptMessages({ seeker: SEEKER, supporter: SUPPORTER, condition: 'aware', turns: 6 }),
    scriptMessages({ seeker: SEEKER, supporter: BASELINE, condition: 'blind', turns: 4 }),
    scriptMessages({ seeker: SEEKER, supporter: SUPPORTER, condition: 'aware', turns: 6, seekerTraits: false }),
    SCRIPT_OUTPUT_SCHEMA,
  ],
  judge: [
    judgeMessages(TURNS, 'seeker'),
    judgeMessages(TURNS, 'supporter'),
    judgeMessages(TURNS, 'seeker', 2),
    judgeMessages(TURNS.slice(1), 'supporter', 40, { earlier: { shownFrom: 1, summary: SUMMARY }, label: [1] }),
    judgeMessages(TURNS.slice(2), 'seeker', 40, { earlier: { shownFrom: 2, summary: SUMMARY } }),
    JUDGE_OUTPUT_SCHEMA,
    judgeSchema([1, 3]),
  ],
  classifier: [
    classifierMessages(TURNS, 1),
    classifierMessages(TURNS.slice(1), 1),
    CLASSIFIER_OUTPUT_SCHEMA,
    classifierBatchMessages([...TURNS, { ...TURNS[1]!, index: 3 }], [1, 3]),
    classifierBatchSchema([1, 3]),
  ],
  measurement: [
    cardMessages(TURNS, 'seeker'),
    behaviourMessages({ turns: TURNS, speaker: 'seeker', card: CARD }),
    behaviourMessages({ description: 'A calm accountant.' }),
    ratingMessages('The person: a baker.', ITEMS),
    retryMessages([{ role: 'user', content: 'Q' }], 'not json', 'the reply was not JSON'),
    CARD_SCHEMA,
    BEHAVIOUR_SCHEMA,
    ratingSchema(ITEMS),
  ],
  reminder: [
    withReminder(seekerMessages(SEEKER, TURNS), 'seeker', SEEKER.name),
    withReminder(seekerMessages(SEEKER, []), 'seeker'),
    withReminder([{ role: 'user', content: 'Q' }], 'supporter', SUPPORTER.name),
    withReminder([{ role: 'system', content: 'S' }], 'supporter'),
  ],
  doctor: [streamingProbeMessages(), jsonProbeMessages(), JSON_PROBE_SCHEMA, PROBE_SEEKER, PROBE_SUPPORTER, PROBE_OPENING],
  // A long chat too: the rater keeps its opening (where the first intensity is read) and its end.
  quality: [qualityMessages(TURNS), qualityMessages([...TURNS, ...TURNS, ...TURNS], 5), QUALITY_OUTPUT_SCHEMA],
  personaExpansion: [
    expansionMessages(DESCRIPTION, 'seeker', expansionVariant(0, 2)),
    expansionMessages(DESCRIPTION, 'either', expansionVariant(17, 2)),
    expansionMessages(DESCRIPTION, 'supporter', expansionVariant(200, 2)),
    EXPANSION_SCHEMA,
    EXPANSION_RELATIONS,
    EXPANSION_SETTINGS,
  ],
  personaCard: [
    personaCardMessages(DESCRIPTION, 'seeker'),
    personaCardMessages(DESCRIPTION, 'supporter'),
    personaCardSchema('either'),
    personaCardSchema('supporter'),
    (['seeker', 'supporter', 'either'] as const).map(needsSeekerContext),
  ],
  personaCheck: [
    consistencyMessages(DESCRIPTION, PERSON),
    consistencyMessages(DESCRIPTION, { ...PERSON, seeker: { situation: 'I cannot sleep.', emotion_type: 'sadness', problem_type: 'bereavement', initial_intensity: 4 } }),
    CONSISTENCY_SCHEMA,
  ],
  summary: [
    summaryMessages(undefined, TURNS),
    summaryMessages(SUMMARY, TURNS.slice(1)),
    SUMMARY_OUTPUT_SCHEMA,
    withEarlier(seekerMessages(SEEKER, TURNS.slice(1)), 'seeker', TURNS.slice(1), { shownFrom: 1, summary: SUMMARY }),
    withEarlier(supporterMessages({ seeker: SEEKER, supporter: SUPPORTER, condition: 'blind' }, TURNS.slice(2)), 'supporter', TURNS.slice(2), { shownFrom: 2 }),
    earlierNote({ shownFrom: 2, summary: SUMMARY }),
  ],
};

/**
 * The words each prompt version stands for. When a prompt changes, its version
 * must change too (in src/core/prompts/), or sessions would claim prompts they
 * were not made with; then record the new version and fingerprint here.
 */
const FINGERPRINTS: Record<PromptName, { version: string; sha256: string }> = {
  seeker: { version: '2', sha256: '48f5f99775361b6a0fc71228b2c18c390e9aa188a1e3eafbe5d53f1d52a99ff1' },
  supporter: { version: '1', sha256: '3f0d76e27a6c736424b4dfaf7bdb536d650498189f2632212e98af6da4907dc0' },
  script: { version: '2', sha256: 'aa7709afe0b7f3fe2082b186c7a7c037aa6a1236b5818cfd7ae908784712979d' },
  judge: { version: '2', sha256: '133ef7e928bcf91147e17e2a2db1715f7a0b544c2604d7f587b0fba239ecc96b' },
  classifier: { version: '2', sha256: '116166937e8f7bef830bc988b1e0d9ceadba4f8d6bcfad21ec93b1de2c88de24' },
  measurement: { version: '1', sha256: '2d3235ea077d5610037da883eb00ceeb1b3798139f30f27ec661b5b9602c1727' },
  reminder: { version: '1', sha256: '6699afb9748b6998950347c64e6b09b7cbe40733f14c9be2f75150034760fff5' },
  doctor: { version: '1', sha256: '0c11655e8633f69ab71ac66f0860bb337eff1312ea4662c248c42c74ee05bbba' },
  quality: { version: '1', sha256: 'e3d0d905582bfb3174dc2231a3c2c51ce851633a91d81aa8604bfd4e5d1a7b24' },
  personaExpansion: { version: '1', sha256: 'cd30981df72bab7648f285ca607dbd4db8367117c1969704b9c7b970745082fb' },
  personaCard: { version: '1', sha256: '630de9c5da6151d911bf5876018042bd1b2c6c52c1d9e84331b45529d2da55e0' },
  personaCheck: { version: '1', sha256: 'e9dc4ffb0e138d5fad57896f18ba6ff52b05516c4fe81bff08a0249425a2a90a' },
  summary: { version: '2', sha256: '48a16f24b668e579c5d733a116bda545fb2556e387eb50cc8139a9eb558749af' },
};

const sha256 = (value: unknown) => createHash('sha256').update(JSON.stringify(value)).digest('hex');

describe('prompt versions', () => {
  it.each(Object.keys(PROMPT_VERSIONS) as PromptName[])('%s: the words are the ones its version stands for', (name) => {
    const now = { version: PROMPT_VERSIONS[name], sha256: sha256(RENDERED[name]) };
    const known = FINGERPRINTS[name];
    if (now.sha256 !== known.sha256 && now.version === known.version) {
      throw new Error(`the ${name} prompt changed but its version did not: bump it in src/core/prompts/, then record ${JSON.stringify({ version: 'NEW', sha256: now.sha256 })} here`);
    }
    expect(now).toEqual(known);
  });

  it('a session records the versions of the prompts its calls use', () => {
    expect(promptVersions({ engine: 'agents', judge: true, classifier: false })).toEqual({ seeker: '2', supporter: '1', reminder: '1', judge: '2' });
    expect(promptVersions({ engine: 'script', judge: false, classifier: true, summary: true })).toEqual({ script: '2', classifier: '2' });
    expect(promptVersions({ engine: 'agents', judge: false, classifier: false, summary: true })).toEqual({ seeker: '2', supporter: '1', reminder: '1', summary: '2' });
  });
});
