import { Document } from 'yaml';
import { strategyDistribution } from '../analysis/strategy-distribution.js';
import type { Persona } from '../personas/schema.js';
import { cleanForDisplay } from '../sanitize.js';
import type { ChatViewOptions } from '../sessions/export-chat.js';
import { ESCONV_REFERENCE, ESCONV_SPELLING, STRATEGIES } from '../strategies.js';
import { plural } from '../text.js';
import { CSI_KEYS, HEXACO_KEYS } from '../traits/dimensions.js';
import { SPLITS, type SplitName, type SplitRatios } from './split.js';
import type { DatasetSummary } from './summary.js';

/**
 * The README.md of an exported dataset: Hugging Face dataset-card front matter
 * (the licence left for the user to choose) and a description generated from
 * the sessions — how the data was made, the strategy mix beside ESConv's, and
 * what failed — so a reader knows what they are training on.
 */

export interface CardOptions {
  seed: number;
  ratios: SplitRatios;
  chat: ChatViewOptions;
  /** Data file of each non-empty split, relative to the card. */
  files: Partial<Record<SplitName, string>>;
  generatedAt: Date;
  appVersion: string;
}

const pct = (x: number) => `${(x * 100).toFixed(1)}%`;

/** Text from sessions inside a Markdown table cell or line: neutralised, one line, no cell breaks or HTML. */
function md(text: string): string {
  return cleanForDisplay(text).replace(/\s+/g, ' ').replace(/\|/g, '\\|').replace(/</g, '&lt;').trim();
}

function sizeCategory(n: number): string {
  if (n < 1_000) return 'n<1K';
  if (n < 10_000) return '1K<n<10K';
  if (n < 100_000) return '10K<n<100K';
  if (n < 1_000_000) return '100K<n<1M';
  return '1M<n<10M';
}

function frontMatter(summary: DatasetSummary, o: CardOptions): string {
  const doc = new Document({
    license: 'unknown',
    pretty_name: 'persona-talks synthetic emotional-support conversations',
    language: ['en'],
    task_categories: ['text-generation'],
    task_ids: ['dialogue-modeling'],
    size_categories: [sizeCategory(summary.conversations)],
    tags: ['synthetic', 'emotional-support', 'esconv', 'persona', 'dialogue'],
    configs: [{ config_name: 'default', data_files: SPLITS.flatMap((split) => (o.files[split] ? [{ split, path: o.files[split] }] : [])) }],
  });
  const license = doc.contents && 'items' in doc.contents ? (doc.contents.items as Array<{ key: { commentBefore?: string; comment?: string } }>)[0] : undefined;
  if (license) license.key.commentBefore = ' Choose the licence before you publish (e.g. cc-by-4.0); the generated text is yours to license,\n imported ESConv conversations keep the terms of the ESConv release.';
  const language = doc.contents && 'items' in doc.contents ? (doc.contents.items as Array<{ key: { commentBefore?: string } }>)[2] : undefined;
  if (language) language.key.commentBefore = " persona-talks prompts are English; change this if your models wrote another language.";
  return `---\n${doc.toString({ lineWidth: 0 })}---\n`;
}

function counts(m: ReadonlyMap<string, number>, what: (key: string) => string = md): string {
  if (m.size === 0) return 'none recorded';
  return [...m].sort((a, b) => b[1] - a[1] || a[0].localeCompare(b[0])).map(([k, n]) => `${what(k)} (${n.toLocaleString('en')})`).join(', ');
}

function traitCell(values: Record<string, number> | undefined, keys: readonly string[]): string {
  return values ? keys.map((k) => (values[k] ?? NaN).toFixed(1)).join(' ') : '–';
}

function personaState(p: Persona): string {
  if (p.baseline) return 'no persona (baseline)';
  if ((p as { unscored?: boolean }).unscored || !p.hexaco || !p.csi) return 'traits not scored';
  return '';
}

function personaTable(summary: DatasetSummary): string[] {
  if (summary.personas.size === 0) return ['No personas: every conversation was imported.', ''];
  const rows = [...summary.personas.values()].sort((a, b) => a.side.localeCompare(b.side) || b.conversations - a.conversations || a.persona.id.localeCompare(b.persona.id));
  const lines = [
    `| Side | Persona | Conversations | HEXACO (${HEXACO_KEYS.join(' ')}) | CSI (${['Exp', 'Pre', 'VAg', 'Que', 'Emo', 'IMa'].join(' ')}) | Description |`,
    '|---|---|---:|---|---|---|',
  ];
  for (const { persona: p, side, conversations } of rows) {
    const state = personaState(p);
    const hexaco = state ? state : traitCell(p.hexaco, HEXACO_KEYS);
    const csi = state ? '–' : traitCell(p.csi, CSI_KEYS);
    const about = p.description.length > 160 ? `${p.description.slice(0, 159)}…` : p.description;
    lines.push(`| ${side} | ${md(p.name)} (\`${md(p.id)}\`) | ${conversations.toLocaleString('en')} | ${hexaco} | ${csi} | ${md(about)} |`);
  }
  if (summary.personasPastCap > 0) lines.push('', `Further personas are not listed: they appear on ${plural(summary.personasPastCap, 'conversation side')}.`);
  lines.push('', 'Traits are the targets each persona was given (1–5): HEXACO Honesty-Humility, Emotionality, eXtraversion, Agreeableness, Conscientiousness, Openness; CSI Expressiveness, Preciseness, Verbal Aggressiveness, Questioningness, Emotionality, Impression Manipulativeness.', '');
  return lines;
}

function strategyTable(summary: DatasetSummary): string[] {
  const total = summary.supporterTurns;
  if (total === 0) return ['No supporter turns carry a strategy.', ''];
  const shares = strategyDistribution(summary.strategies);
  return [
    '| Strategy (ESConv spelling) | Turns | Share | ESConv human supporters |',
    '|---|---:|---:|---:|',
    ...STRATEGIES.map((s) => `| ${ESCONV_SPELLING[s]} | ${summary.strategies[s].toLocaleString('en')} | ${pct(shares[s])} | ${pct(ESCONV_REFERENCE[s])} |`),
    `| **Total** | ${total.toLocaleString('en')} | 100.0% | 100.0% |`,
    '',
  ];
}

function seedsLine(summary: DatasetSummary): string {
  if (summary.seeds.size === 0) return summary.withoutSeed > 0 ? `none recorded (${plural(summary.withoutSeed, 'conversation')} without a seed)` : 'none recorded';
  const sorted = [...summary.seeds].sort((a, b) => a - b);
  const shown = sorted.length <= 20 ? sorted.join(', ') : `${sorted.length} distinct, from ${sorted[0]} to ${sorted[sorted.length - 1]}`;
  const past = summary.seedsPastCap > 0 ? `, and ${plural(summary.seedsPastCap, 'more conversation')} with other seeds` : '';
  const none = summary.withoutSeed > 0 ? `; ${plural(summary.withoutSeed, 'conversation')} without a seed` : '';
  return `${shown}${past}${none}`;
}

const ENGINE_WORDS: Record<string, string> = { agents: 'agents (two separate agents, one per side)', script: 'script (one call writes the whole dialogue)' };
const CONDITION_WORDS: Record<string, string> = { aware: 'aware (the supporter saw the seeker profile)', blind: 'blind (the supporter did not)' };
const MODE_WORDS: Record<string, string> = { watch: 'watch (both sides AI)', 'join-seeker': 'join-seeker (a person typed the seeker)', 'join-supporter': 'join-supporter (a person typed the supporter)' };
const ENDING_WORDS: Record<string, string> = { 'turn-cap': 'reached the turn cap', 'seeker-closed': 'the seeker said goodbye', stopped: 'stopped by the user', error: 'ended by an error' };

function chatViewLine(chat: ChatViewOptions): string {
  const role = chat.role ?? 'supporter';
  const parts = [`the conversation from the ${role}'s side (the ${role}'s turns are \`assistant\`)`];
  parts.push(chat.persona ? `the system message describes the ${role}'s persona` : `the system message describes the role only`);
  if (chat.strategyTags) parts.push('supporter messages start with their `[strategy]` tag');
  return `${parts.join('; ')}.`;
}

export function datasetCard(summary: DatasetSummary, o: CardOptions): string {
  const generated = summary.sources.get('generated') ?? 0;
  const imported = summary.sources.get('esconv') ?? 0;
  const word = (words: Record<string, string>) => (k: string) => words[k] ?? md(k);
  const splitLine = SPLITS.filter((s) => summary.splits[s] > 0).map((s) => `${s} ${summary.splits[s].toLocaleString('en')}`).join(', ');
  const dates = summary.firstDate ? `${md(summary.firstDate.slice(0, 10))} to ${md((summary.lastDate ?? summary.firstDate).slice(0, 10))}` : 'unknown';
  const refusals = [...summary.refusals.values()].reduce((a, b) => a + b, 0);
  const lines = [
    frontMatter(summary, o),
    '# persona-talks synthetic emotional-support conversations',
    '',
    '> **Synthetic, not clinical.** These conversations were written by language models playing a help-seeker and a supporter',
    '> (some turns may have been typed by a person who joined), to study and train emotional-support dialogue. They are not',
    '> records of real counselling, were not reviewed by clinicians, and must not be used as clinical guidance or to build a',
    '> system that presents itself as therapy.',
    '',
    '## Contents',
    '',
    `- ${plural(summary.conversations, 'conversation')} (${splitLine}), ${plural(summary.turns, 'turn')}, ${plural(summary.supporterTurns, 'supporter turn')} with a strategy label.`,
    `- Generated by language models: ${plural(generated, 'conversation')}.${imported > 0 ? ` Imported from ESConv files (written by people, not synthetic): ${plural(imported, 'conversation')}.` : ''}`,
    `- Turns typed by a person who joined a generated conversation: seeker ${summary.humanTurns.seeker.toLocaleString('en')}, supporter ${summary.humanTurns.supporter.toLocaleString('en')}.`,
    ...[...summary.leftOut].map(([reason, n]) => `- Left out: ${plural(n, 'conversation')} (${md(reason)}).`),
    ...(summary.unreadable > 0 ? [`- Left out: ${plural(summary.unreadable, 'session file')} that could not be read.`] : []),
    '',
    '## Loading',
    '',
    '```python',
    'from datasets import load_dataset',
    '',
    'ds = load_dataset("json", data_files={',
    ...SPLITS.filter((s) => o.files[s]).map((s) => `    "${s}": "${o.files[s]}",`),
    '})',
    '# or, from the folder holding this card: load_dataset("path/to/this/folder")',
    '```',
    '',
    '## Fields',
    '',
    '| Field | Meaning |',
    '|---|---|',
    `| \`messages\` | ${chatViewLine(o.chat)} Consecutive turns by one side are joined into one message. |`,
    '| `dialog` | every turn: `speaker` (seeker or supporter), `strategy` (supporter turns, ESConv spelling), `content`, `by` (ai or human) |',
    '| `emotion_type`, `problem_type`, `situation`, `experience_type` | the seeker\'s ESConv context |',
    '| `seeker_traits`, `supporter_traits` | HEXACO and CSI targets (1–5) the persona was given; null for no persona or an imported conversation |',
    '| `id`, `source`, `engine`, `condition`, `mode`, `seed`, `created_at`, `seeker_model`, `supporter_model`, `seeker_persona`, `supporter_persona` | how the conversation was made |',
    '',
    '## How the data was made',
    '',
    'Generated conversations come from persona-talks: a seeker agent and a supporter agent, each with its own persona and only its own knowledge, or one model call writing a whole dialogue (the *script* engine); every supporter turn names one of the eight ESConv support strategies. The lists below describe those; imported conversations count only in the strategy table and the totals.',
    '',
    `- Seeker models: ${counts(summary.models.seeker)}`,
    `- Supporter models: ${counts(summary.models.supporter)}`,
    ...(summary.models.judge.size > 0 ? [`- Judge models (trait meter, strategy classifier): ${counts(summary.models.judge)}`] : []),
    `- Engines: ${counts(summary.engines, word(ENGINE_WORDS))}`,
    `- Conditions: ${counts(summary.conditions, word(CONDITION_WORDS))}`,
    `- Modes: ${counts(summary.modes, word(MODE_WORDS))}`,
    `- Prompt versions: ${summary.prompts.size > 0 ? counts(summary.prompts) : 'not recorded'}${summary.withoutPromptVersions > 0 && summary.prompts.size > 0 ? `; not recorded for ${plural(summary.withoutPromptVersions, 'conversation')}` : ''}`,
    `- Seeds: ${seedsLine(summary)}`,
    `- Dates: ${dates}`,
    `- persona-talks versions: ${counts(summary.appVersions)}; this card was written by ${md(o.appVersion)} on ${o.generatedAt.toISOString().slice(0, 10)}`,
    `- Split: by conversation, shuffled with seed ${o.seed}, shares train ${pct(o.ratios.train)}, validation ${pct(o.ratios.validation)}, test ${pct(o.ratios.test)}`,
    '',
    '### Personas',
    '',
    ...personaTable(summary),
    '## Strategy distribution',
    '',
    'Supporter turns by strategy, beside the shares among human supporters in ESConv (Liu et al., 2021):',
    '',
    ...strategyTable(summary),
    '## Refusals and failures',
    '',
    `- Refusals recorded: ${refusals === 0 ? 'none' : `${refusals.toLocaleString('en')} (${counts(summary.refusals)})`}`,
    `- Errors recorded: ${summary.errorRecords.toLocaleString('en')}, in ${plural(summary.conversationsWithErrors, 'conversation')}`,
    `- How conversations ended: ${counts(summary.endings, word(ENDING_WORDS))}${summary.unfinished > 0 ? `; unfinished (interrupted): ${summary.unfinished.toLocaleString('en')}` : ''}`,
    '',
    '## Licence',
    '',
    'Not chosen yet: set `license` in the front matter above before publishing.',
    '',
  ];
  return lines.join('\n');
}
