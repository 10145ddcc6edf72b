import { readFile } from 'node:fs/promises';
import { describe, expect, it } from 'vitest';
import { bundledPersonasDir, loadLibrary } from '../../../src/core/personas/library.js';
import { loadPersonaDir } from '../../../src/core/personas/load.js';
import { CSI_KEYS, CSI_PAIRS } from '../../../src/core/traits/dimensions.js';
import { tempDir } from './helpers.js';

describe('bundled starter library', async () => {
  const { personas, errors } = await loadPersonaDir(bundledPersonasDir(), 'bundled');
  const seekers = personas.map((p) => p.persona).filter((p) => p.role === 'seeker');
  const supporters = personas.map((p) => p.persona).filter((p) => p.role === 'supporter');

  it('loads with zero errors', () => {
    expect(errors).toEqual([]);
    expect(personas.every((p) => p.source === 'bundled')).toBe(true);
  });

  it('has at least 8 seekers and 6 supporters', () => {
    expect(seekers.length).toBeGreaterThanOrEqual(8);
    expect(supporters.length).toBeGreaterThanOrEqual(6);
  });

  it('includes the traitless "no-persona" baseline supporter', () => {
    const baseline = supporters.find((p) => p.id === 'no-persona');
    expect(baseline?.baseline).toBe(true);
    expect(baseline?.hexaco).toBeUndefined();
    expect(baseline?.csi).toBeUndefined();
  });

  it('spans both poles of Emotionality and eXtraversion among seekers', () => {
    const e = seekers.map((p) => p.hexaco!.E);
    const x = seekers.map((p) => p.hexaco!.X);
    expect(Math.min(...e)).toBeLessThanOrEqual(1.8);
    expect(Math.max(...e)).toBeGreaterThanOrEqual(4.2);
    expect(Math.min(...x)).toBeLessThanOrEqual(1.8);
    expect(Math.max(...x)).toBeGreaterThanOrEqual(4.2);
  });

  it('covers the main ESConv emotion and problem types', () => {
    const emotions = new Set(seekers.map((p) => p.emotion_type));
    const problems = new Set(seekers.map((p) => p.problem_type));
    for (const e of ['anxiety', 'depression', 'sadness', 'anger', 'fear', 'shame']) expect(emotions).toContain(e);
    for (const p of ['job crisis', 'breakup with partner', 'academic pressure', 'sleep problems', 'issues with parents', 'problems with friends', 'ongoing depression']) {
      expect(problems).toContain(p);
    }
  });

  it('gives every seeker a concrete 2–4 sentence situation and an initial intensity', () => {
    for (const s of seekers) {
      const sentences = s.situation!.split(/(?<=[.!?])\s+/).filter(Boolean);
      expect(sentences.length, s.id).toBeGreaterThanOrEqual(2);
      expect(sentences.length, s.id).toBeLessThanOrEqual(4);
      expect(s.initial_intensity, s.id).toBeGreaterThanOrEqual(1);
    }
  });

  it('offers varied supporter styles', () => {
    const traited = supporters.filter((p) => p.hexaco);
    expect(traited.some((p) => p.hexaco!.A <= 2)).toBe(true); // blunt
    expect(traited.some((p) => p.hexaco!.X >= 4.2)).toBe(true); // outgoing
    expect(traited.some((p) => p.hexaco!.X <= 2)).toBe(true); // reserved
    expect(traited.some((p) => p.hexaco!.C >= 4.5)).toBe(true); // precise / practical
    expect(traited.some((p) => p.hexaco!.A >= 4.5 && p.hexaco!.E >= 3.5)).toBe(true); // warm listener
  });

  it('keeps CSI coherent with the paired HEXACO dimension without copying it', () => {
    let identical = 0;
    let total = 0;
    for (const p of personas.map((l) => l.persona).filter((l) => l.hexaco && l.csi)) {
      for (const key of CSI_KEYS) {
        const { hexaco, sign } = CSI_PAIRS[key];
        const expected = sign === 1 ? p.hexaco![hexaco] : 6 - p.hexaco![hexaco];
        // Rounded to tenths: scores are written with one decimal and 6 - 3.6 is not exactly 2.4 in floating point.
        const gap = Math.round(Math.abs(p.csi![key] - expected) * 10) / 10;
        expect(gap, `${p.id} ${key}`).toBeLessThanOrEqual(1);
        total++;
        if (gap === 0) identical++;
      }
    }
    expect(identical).toBeLessThan(total / 2);
  });

  it('starts every file with a comment header', async () => {
    for (const { file } of personas) expect((await readFile(file, 'utf8')).startsWith('# '), file).toBe(true);
  });

  it('loads as a library when the user folder does not exist yet', async () => {
    const missing = `${await tempDir()}/not-created-yet`;
    const library = await loadLibrary({ userDir: missing });
    expect(library.errors).toEqual([]);
    expect(library.personas).toHaveLength(personas.length);
  });
});
