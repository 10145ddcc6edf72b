import { measuredTraits, targetTraits } from '../analysis/report-inputs.js';
import { strategyCounts, strategyDistribution } from '../analysis/strategy-distribution.js';
import type { Speaker, Turn } from '../domain.js';
import type { Persona } from '../personas/schema.js';
import { cleanForDisplay } from '../sanitize.js';
import { ESCONV_REFERENCE, STRATEGIES } from '../strategies.js';
import { CSI_KEYS, CSI_NAMES, HEXACO_KEYS, HEXACO_NAMES } from '../traits/dimensions.js';
import { formatAll, type StreamingExport } from './export-stream.js';
import type { LoadedSession } from './reader.js';

/**
 * A session as a readable Markdown document: who talked under which settings,
 * the transcript with each supporter turn's strategy, a strategy table beside
 * the ESConv reference, and a trait summary when the log holds measurements.
 * Every piece of text is neutralised; model text cannot inject HTML either.
 */

/** Inline text: control characters made visible, HTML made literal, line breaks kept as Markdown hard breaks. */
function inline(text: string): string {
  return cleanForDisplay(text)
    .replace(/&/g, '&amp;')
    .replace(/</g, '&lt;')
    .split('\n')
    // A turn line starting with "#" or a fence would otherwise become a heading or a code block.
    .map((line) => line.replace(/^(\s*)(#|```|~~~)/, '$1\\$2'))
    .join('  \n');
}

function personaLine(role: string, p: Persona, extra: string[]): string {
  const facts = [p.age_band, p.gender, p.occupation].filter((x): x is string => Boolean(x));
  const parts = [`**${role}:** ${inline(p.name)} (\`${cleanForDisplay(p.id)}\`)`];
  if (p.baseline) parts.push('— no persona (baseline)');
  if (facts.length > 0) parts.push(`— ${inline(facts.join(', '))}`);
  return `- ${[...parts, ...extra].join(' ')}`;
}

function headerLines(session: LoadedSession): string[] {
  const { header } = session;
  const { seeker, supporter } = header.personas;
  const lines = [`## ${inline(seeker.name)} and ${inline(supporter.name)}`, ''];
  lines.push(`- **Session:** \`${cleanForDisplay(header.id)}\`, started ${cleanForDisplay(header.createdAt)}`);
  lines.push(personaLine('Seeker', seeker, []));
  if (seeker.emotion_type || seeker.problem_type) {
    lines.push(`  - ${inline([seeker.emotion_type, seeker.problem_type].filter(Boolean).join(' · '))}`);
  }
  if (seeker.situation) lines.push(`  - Situation: ${inline(seeker.situation)}`);
  lines.push(personaLine('Supporter', supporter, []));
  const condition = header.condition === 'aware' ? 'aware (the supporter sees the seeker profile)' : 'blind (the supporter does not see the seeker profile)';
  lines.push(`- **Condition:** ${condition} · **Engine:** ${cleanForDisplay(header.engine)} · **Mode:** ${cleanForDisplay(header.mode)}`);
  const models = (['seeker', 'supporter', 'judge'] as const).flatMap((role) => {
    const m = header.models[role];
    return m ? [`${role} \`${cleanForDisplay(m.model)}\``] : [];
  });
  lines.push(`- **Models:** ${models.join(', ')}`);
  if (header.source) lines.push(`- **Imported from:** ${cleanForDisplay(header.source.kind)} file \`${cleanForDisplay(header.source.file)}\`, entry ${header.source.index}`);
  const status = session.ended ? `finished (${session.ended.reason}) after ${session.turns.length} turns` : `unfinished, ${session.turns.length} turns so far`;
  lines.push(`- **Status:** ${status}`);
  return lines;
}

function turnLines(turn: Turn): string[] {
  const who = turn.speaker === 'seeker' ? '**Seeker**' : '**Supporter**';
  const label = turn.speaker === 'supporter' && turn.strategy ? ` *(${turn.strategy})*` : '';
  const human = turn.by === 'human' ? ' [human]' : '';
  return [`${who}${label}${human}: ${inline(turn.text)}`, ''];
}

function strategyTable(session: LoadedSession): string[] {
  const labels = session.turns.flatMap((t) => (t.speaker === 'supporter' && t.strategy ? [t.strategy] : []));
  if (labels.length === 0) return [];
  const counts = strategyCounts(labels);
  const shares = strategyDistribution(counts);
  const pct = (x: number) => `${(x * 100).toFixed(1)}%`;
  return [
    '### Strategies',
    '',
    '| Strategy | Turns | Share | ESConv humans |',
    '|---|---:|---:|---:|',
    ...STRATEGIES.map((s) => `| ${s} | ${counts[s]} | ${pct(shares[s])} | ${pct(ESCONV_REFERENCE[s])} |`),
    `| **Total** | ${labels.length} | 100.0% | 100.0% |`,
    '',
  ];
}

function fmt(x: number | undefined): string {
  return x === undefined ? '–' : x.toFixed(2);
}

function delta(target: number | undefined, measured: number | undefined): string {
  if (target === undefined || measured === undefined) return '–';
  const d = measured - target;
  return `${d >= 0 ? '+' : ''}${d.toFixed(2)}`;
}

function traitTable(session: LoadedSession): string[] {
  const speakers = (['seeker', 'supporter'] as const).flatMap((speaker: Speaker) => {
    const measured = measuredTraits(session, speaker);
    return measured ? [{ speaker, measured, target: targetTraits(session.header, speaker) }] : [];
  });
  if (speakers.length === 0) return [];
  const lines = ['### Traits', ''];
  for (const { speaker, measured, target } of speakers) {
    const how = measured.source === 'measurement' ? 'post-hoc measurement' : 'live trait meter';
    const targetNote = target ? '' : ' (no target: a baseline or imported persona)';
    lines.push(`**${speaker === 'seeker' ? 'Seeker' : 'Supporter'}** — ${how} after turn ${measured.afterTurn}${targetNote}`, '');
    lines.push('| Dimension | Target | Measured | Shift |', '|---|---:|---:|---:|');
    for (const k of HEXACO_KEYS) {
      const [t, m] = [target?.hexaco[k], measured.hexaco[k]];
      if (m !== undefined) lines.push(`| ${k} ${HEXACO_NAMES[k]} | ${fmt(t)} | ${fmt(m)} | ${delta(t, m)} |`);
    }
    for (const k of CSI_KEYS) {
      const [t, m] = [target?.csi[k], measured.csi[k]];
      if (m !== undefined) lines.push(`| ${CSI_NAMES[k]} (CSI) | ${fmt(t)} | ${fmt(m)} | ${delta(t, m)} |`);
    }
    lines.push('');
  }
  return lines;
}

/** One session as a Markdown section (a level-2 heading and its subsections). */
export function sessionToMarkdown(session: LoadedSession): string {
  const lines = [...headerLines(session), '', '### Transcript', ''];
  if (session.turns.length === 0) lines.push('*(no finished turns)*', '');
  for (const turn of session.turns) lines.push(...turnLines(turn));
  lines.push(...strategyTable(session), ...traitTable(session));
  return `${lines.join('\n').trimEnd()}\n`;
}

/** A document for one or more sessions, sections separated by rules, written a section at a time. */
export const markdownExport: StreamingExport = {
  head: (expected) => `${expected === 1 ? '# persona-talks conversation' : `# persona-talks conversations (${expected})`}\n\n`,
  entry: (session, written) => `${written > 0 ? '\n---\n\n' : ''}${sessionToMarkdown(session)}`,
  tail: () => '',
};

export function formatMarkdown(sessions: readonly LoadedSession[]): string {
  return formatAll(markdownExport, sessions);
}
