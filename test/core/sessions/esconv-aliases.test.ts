import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { importEsconv } from '../../../src/core/sessions/esconv.js';
import { sessionToEsconv } from '../../../src/core/sessions/export-esconv.js';
import { readSession } from '../../../src/core/sessions/reader.js';
import { STRATEGY_ALIASES } from '../../../src/core/strategies.js';
import { tempDir } from './fixtures.js';

/**
 * ESConv copies in the wild spell strategies their own way. Import reads a clear synonym
 * as its canonical label through the one alias table, keeps the file's spelling on the
 * turn either way, and `export --format esconv` writes back exactly that spelling.
 */

function importLabel(label: string) {
  const dir = tempDir();
  const file = join(dir, 'wild.json');
  const dialog = [
    { speaker: 'seeker', annotation: {}, content: 'I lost my job.\n' },
    { speaker: 'supporter', annotation: { strategy: label }, content: 'That must have been a shock.\n' },
  ];
  writeFileSync(file, JSON.stringify([{ emotion_type: 'sadness', problem_type: 'job crisis', situation: 'laid off', dialog }]));
  const report = importEsconv(JSON.stringify([{ emotion_type: 'sadness', problem_type: 'job crisis', situation: 'laid off', dialog }]), { file, dir: join(dir, 'sessions'), appVersion: '0.0.0' });
  const session = readSession(report.imported[0]!.path);
  return { report, session, turn: session.turns[1]!, exported: sessionToEsconv(session).dialog[1]!.annotation.strategy };
}

describe('the strategy alias table on import', () => {
  it.each(STRATEGY_ALIASES.map(([alias, strategy]) => [alias, strategy]))('"%s" is read as %s, and exported back as "%s"', (alias, strategy) => {
    const { report, turn, exported } = importLabel(alias);
    expect(turn).toMatchObject({ strategy, labelSource: 'imported', sourceLabel: alias });
    expect(report.imported[0]!.notes).toEqual([]);
    expect(exported).toBe(alias);
  });

  it.each(['Affirmation & Reassurance', 'Self-Disclosure', 'QUESTIONS', 'Providing_Suggestions'])('a published spelling, "%s", keeps its exact spelling through import and export', (label) => {
    const { turn, exported } = importLabel(label);
    expect(turn.sourceLabel).toBe(label);
    expect(turn.strategy).not.toBe('Others');
    expect(exported).toBe(label);
  });

  it('a label that is no synonym stays reported, counts as Others, and keeps its source spelling', () => {
    const { report, turn, exported } = importLabel('Validation of Emotions');
    expect(report.imported[0]!.notes).toEqual(['1 supporter message with strategy "Validation of Emotions" labelled Others']);
    expect(turn).toMatchObject({ strategy: 'Others', sourceLabel: 'Validation of Emotions' });
    expect(exported).toBe('Validation of Emotions');
  });
});
