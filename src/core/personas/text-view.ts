import { traitBar, truncate, wrap } from '../text.js';
import { CSI_KEYS, CSI_NAMES, HEXACO_KEYS, HEXACO_NAMES } from '../traits/dimensions.js';
import type { LoadedPersona } from './load.js';

/**
 * Plain-text views of personas for headless commands: a table for `list` and a
 * card for `show`. Pure functions of their inputs, so they are tested directly.
 */

const BAR_WIDTH = 20;

const score = (v: number | undefined): string => (v === undefined ? '–' : v.toFixed(1));

/** Columns: id, role, name, E, X, description (cut to fit `width`). User personas are marked `*`. */
export function personaTable(personas: readonly LoadedPersona[], width = 100): string {
  const rows = personas.map(({ persona: p, source }) => [
    source === 'user' ? `${p.id}*` : p.id,
    p.role,
    p.name,
    score(p.hexaco?.E),
    score(p.hexaco?.X),
    p.description,
  ]);
  const header = ['ID', 'ROLE', 'NAME', 'E', 'X', 'DESCRIPTION'];
  const fixed = [0, 1, 2, 3, 4].map((i) => Math.max(header[i]!.length, ...rows.map((r) => r[i]!.length)));
  const used = fixed.reduce((a, b) => a + b + 2, 0);
  const descWidth = Math.max(20, width - used);
  const line = (cells: string[]) =>
    [...fixed.map((w, i) => (i === 3 || i === 4 ? cells[i]!.padStart(w) : cells[i]!.padEnd(w))), truncate(cells[5]!, descWidth)]
      .join('  ')
      .trimEnd();
  const out = [line(header), ...rows.map(line)];
  if (personas.some((p) => p.source === 'user')) out.push('', '* from your persona folder (overrides a bundled persona with the same id)');
  return out.join('\n');
}

/** Everything in a persona, readable: header, context, wrapped text, HEXACO and CSI with bars. */
export function personaCard({ persona: p, file, source }: LoadedPersona, width = 80): string {
  const textWidth = Math.max(30, width - 4);
  const out: string[] = [];
  const indented = (text: string) => wrap(text, textWidth).map((l) => `  ${l}`);
  out.push(`${p.name}  (${p.id})`);
  const facts = [p.baseline ? `${p.role}, baseline — no persona` : p.role, p.age_band, p.gender, p.occupation].filter(Boolean);
  out.push(facts.join(' · '));
  out.push(`${source === 'bundled' ? 'bundled' : 'user'} file: ${file}`, '');
  out.push('Description', ...indented(p.description));

  if (p.emotion_type || p.problem_type || p.situation || p.initial_intensity !== undefined) {
    out.push('', 'Seeker context');
    if (p.emotion_type) out.push(`  emotion type:      ${p.emotion_type}`);
    if (p.problem_type) out.push(`  problem type:      ${p.problem_type}`);
    if (p.initial_intensity !== undefined) out.push(`  initial intensity: ${p.initial_intensity} / 5`);
    if (p.situation) out.push('  situation:', ...wrap(p.situation, textWidth - 2).map((l) => `    ${l}`));
  }

  const nameWidth = Math.max(...HEXACO_KEYS.map((k) => HEXACO_NAMES[k].length + 4), ...CSI_KEYS.map((k) => CSI_NAMES[k].length));
  if (p.hexaco) {
    out.push('', 'HEXACO (1–5)');
    for (const k of HEXACO_KEYS) out.push(`  ${`${k}  ${HEXACO_NAMES[k]}`.padEnd(nameWidth)}  ${p.hexaco[k].toFixed(1)}  ${traitBar(p.hexaco[k], BAR_WIDTH)}`);
  }
  if (p.csi) {
    out.push('', 'CSI communication styles (1–5)');
    for (const k of CSI_KEYS) out.push(`  ${CSI_NAMES[k].padEnd(nameWidth)}  ${p.csi[k].toFixed(1)}  ${traitBar(p.csi[k], BAR_WIDTH)}`);
  }
  if (p.unscored) out.push('', 'Traits: not scored yet — fill in hexaco and csi, or score the description with "persona-talks personas score"');
  else if (!p.hexaco && !p.csi) out.push('', 'Traits: none (baseline — the model is given no persona)');
  if (p.notes) out.push('', 'Notes', ...indented(p.notes));
  if (p.provenance) {
    const made = p.provenance;
    const from = made.sourceFile ? ` (${made.sourceFile}${made.sourceLine ? `:${made.sourceLine}` : ''})` : '';
    out.push('', `Made by ${made.method === 'generate' ? 'persona-talks personas generate' : 'persona-talks personas import'} with ${made.model}, seed ${made.seed}, ${made.createdAt.slice(0, 10)}`);
    out.push(...indented(`${made.method === 'generate' ? 'from the seed' : 'from'}${from}: ${made.source}`));
  }
  return out.join('\n');
}
