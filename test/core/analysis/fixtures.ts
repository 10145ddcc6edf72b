import type { MeasurementResult, Turn } from '../../../src/core/domain.js';
import type { SessionEvent } from '../../../src/core/sessions/records.js';
import { CSI_KEYS, HEXACO_KEYS } from '../../../src/core/traits/dimensions.js';
import { BASELINE, makeHeader, makeTurns, writeSession } from '../sessions/fixtures.js';

function measurement(speaker: 'seeker' | 'supporter', hexaco: MeasurementResult['hexaco'], csi: MeasurementResult['csi']): SessionEvent {
  return {
    type: 'measurement',
    speaker,
    afterTurn: 6,
    card: { age_band: null, gender: null, occupation: null, description: 'a person' },
    behaviours: {
      hexaco: Object.fromEntries(HEXACO_KEYS.map((k) => [k, 'does things'])) as MeasurementResult['behaviours']['hexaco'],
      csi: Object.fromEntries(CSI_KEYS.map((k) => [k, 'says things'])) as MeasurementResult['behaviours']['csi'],
    },
    hexaco,
    csi,
    answers: {},
    missing: [],
    inventories: { hexaco: 'test-hexaco', csi: 'test-csi' },
    model: { baseURL: 'http://127.0.0.1:1/v1', model: 'judge' },
  };
}

/**
 * Three sessions, two conditions:
 *   aware  A1: Question ×3, Others ×1     A2: Question ×3, Others ×3   → aware  Q 6, O 4
 *   blind  B1: Question ×2, Others ×8 (baseline supporter)             → blind  Q 2, O 8
 */
export function writeFixtureSessions(dir: string): void {
  const a1 = makeTurns([
    ['seeker', 's0'],
    ['supporter', 'q1', 'Question'],
    ['seeker', 's2'],
    ['supporter', 'q3', 'Question'],
    ['seeker', 's4'],
    ['supporter', 'q5', 'Question'],
    ['supporter', 'o6', 'Others'],
  ]);
  writeSession(dir, {
    header: { id: 'a1', condition: 'aware' },
    turns: a1,
    extra: [
      { type: 'perceived', index: 1, strategy: 'Question', declared: 'Question', agrees: true },
      { type: 'perceived', index: 3, strategy: 'Others', declared: 'Question', agrees: false },
      { type: 'perceived', index: 6, strategy: 'Others', declared: 'Others', agrees: true },
      // Seeker: the post-hoc measurement wins over any meter reading, even a later one.
      measurement('seeker', { E: 3.6, X: 2.8 }, { emotionality: 4.4 }),
      { type: 'meter', speaker: 'seeker', afterTurn: 6, hexaco: { E: { score: 1, confidence: 1 } }, csi: {} },
    ],
  });
  const a2: Turn[] = makeTurns([
    ['supporter', 'q0', 'Question'],
    ['supporter', 'q1', 'Question'],
    ['supporter', 'q2', 'Question'],
    ['supporter', 'o3', 'Others'],
    ['supporter', 'o4', 'Others'],
    ['supporter', 'o5', 'Others'],
  ]);
  a2[4] = { ...a2[4]!, labelSource: 'fallback' };
  writeSession(dir, {
    header: { id: 'a2', condition: 'aware' },
    turns: a2,
    extra: [
      { type: 'perceived', index: 3, strategy: 'Others', declared: 'Others', agrees: true },
      // A fallback "Others" was never declared: this pair must not count.
      { type: 'perceived', index: 4, strategy: 'Question', declared: 'Others', agrees: false },
      { type: 'meter', speaker: 'seeker', afterTurn: 2, hexaco: { E: { score: 2, confidence: 0.9 } }, csi: {} },
      // The last meter reading per speaker counts; a zero-confidence score is no evidence.
      { type: 'meter', speaker: 'seeker', afterTurn: 5, hexaco: { E: { score: 4.1, confidence: 0.9 }, X: { score: 5, confidence: 0 } }, csi: {} },
      { type: 'meter', speaker: 'supporter', afterTurn: 5, hexaco: { A: { score: 3.4, confidence: 0.7 } }, csi: {} },
    ],
  });
  writeSession(dir, {
    header: { id: 'b1', condition: 'blind', personas: { seeker: makeHeader().personas.seeker, supporter: BASELINE } },
    turns: [
      ['supporter', 'q', 'Question'],
      ['supporter', 'q', 'Question'],
      ...Array.from({ length: 8 }, () => ['supporter', 'o', 'Others'] as const),
    ],
    // A baseline supporter has no target: its meter reading adds no trait shift.
    extra: [{ type: 'meter', speaker: 'supporter', afterTurn: 9, hexaco: { A: { score: 2, confidence: 1 } }, csi: {} }],
  });
}

