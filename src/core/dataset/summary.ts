import { supporterLabels } from '../analysis/report-inputs.js';
import { strategyCounts, type StrategyCounts } from '../analysis/strategy-distribution.js';
import type { Persona } from '../personas/schema.js';
import type { LoadedSession } from '../sessions/reader.js';
import { STRATEGIES } from '../strategies.js';
import type { SplitName } from './split.js';

/**
 * What a dataset card says about how its data was made, gathered one session at
 * a time. It keeps counts and small sets only — never the sessions — and caps the
 * sets that could grow with the data (personas, seeds), counting what is past the cap.
 */

/** Past this many distinct personas or seeds the card lists the first ones and counts the rest. */
export const LIST_CAP = 200;

export interface PersonaUse {
  persona: Persona;
  side: 'seeker' | 'supporter';
  conversations: number;
}

type Counter = Map<string, number>;
const bump = (m: Counter, key: string, by = 1) => m.set(key, (m.get(key) ?? 0) + by);

export class DatasetSummary {
  conversations = 0;
  readonly splits: Record<SplitName, number> = { train: 0, validation: 0, test: 0 };
  turns = 0;
  readonly humanTurns = { seeker: 0, supporter: 0 };
  readonly sources: Counter = new Map();
  readonly models = { seeker: new Map() as Counter, supporter: new Map() as Counter, judge: new Map() as Counter };
  readonly engines: Counter = new Map();
  readonly conditions: Counter = new Map();
  readonly modes: Counter = new Map();
  readonly prompts: Counter = new Map();
  withoutPromptVersions = 0;
  readonly appVersions: Counter = new Map();
  readonly personas = new Map<string, PersonaUse>();
  personasPastCap = 0;
  readonly seeds = new Set<number>();
  seedsPastCap = 0;
  withoutSeed = 0;
  firstDate: string | undefined;
  lastDate: string | undefined;
  strategies: StrategyCounts = strategyCounts([]);
  readonly refusals: Counter = new Map();
  errorRecords = 0;
  conversationsWithErrors = 0;
  readonly endings: Counter = new Map();
  unfinished = 0;
  readonly leftOut: Counter = new Map();
  unreadable = 0;

  add(session: LoadedSession, split: SplitName): void {
    const { header, turns } = session;
    this.conversations += 1;
    this.splits[split] += 1;
    this.turns += turns.length;
    const imported = header.source !== undefined;
    bump(this.sources, imported ? 'esconv' : 'generated');
    // An imported conversation was typed by people under none of our settings: it only adds to its own count.
    if (!imported) {
      for (const t of turns) if (t.by === 'human') this.humanTurns[t.speaker] += 1;
      bump(this.models.seeker, header.models.seeker.model);
      bump(this.models.supporter, header.models.supporter.model);
      bump(this.engines, header.engine);
      bump(this.conditions, header.condition);
      bump(this.modes, header.mode);
    }
    if (header.models.judge) bump(this.models.judge, header.models.judge.model);
    bump(this.appVersions, header.appVersion);
    this.addPrompts(header);
    if (!imported) {
      this.addPersona(header.personas.seeker, 'seeker');
      this.addPersona(header.personas.supporter, 'supporter');
    }
    this.addSeed(header.seed, imported);
    if (!this.firstDate || header.createdAt < this.firstDate) this.firstDate = header.createdAt;
    if (!this.lastDate || header.createdAt > this.lastDate) this.lastDate = header.createdAt;
    for (const label of supporterLabels(session)) if (label in this.strategies) this.strategies[label] += 1;
    this.addFailures(session);
  }

  noteLeftOut(reason: string): void {
    bump(this.leftOut, reason);
  }

  get supporterTurns(): number {
    return STRATEGIES.reduce((n, s) => n + this.strategies[s], 0);
  }

  /** Prompt versions, from a header field newer sessions carry (name → version); read tolerantly. */
  private addPrompts(header: LoadedSession['header']): void {
    const prompts = (header as { prompts?: unknown }).prompts;
    const entries = prompts && typeof prompts === 'object' && !Array.isArray(prompts) ? Object.entries(prompts).filter(([, v]) => typeof v === 'string' || typeof v === 'number') : [];
    if (entries.length === 0) {
      if (header.source === undefined) this.withoutPromptVersions += 1;
      return;
    }
    for (const [name, version] of entries) bump(this.prompts, `${name} ${String(version)}`);
  }

  private addPersona(persona: Persona, side: 'seeker' | 'supporter'): void {
    const key = `${side}:${persona.id}`;
    const known = this.personas.get(key);
    if (known) known.conversations += 1;
    else if (this.personas.size < LIST_CAP) this.personas.set(key, { persona, side, conversations: 1 });
    else this.personasPastCap += 1;
  }

  private addSeed(seed: number | undefined, imported: boolean): void {
    if (imported) return;
    if (typeof seed !== 'number') this.withoutSeed += 1;
    else if (this.seeds.has(seed)) return;
    else if (this.seeds.size < LIST_CAP) this.seeds.add(seed);
    else this.seedsPastCap += 1;
  }

  /** Refusal and error records as they exist; other record types are not this card's business. */
  private addFailures(session: LoadedSession): void {
    let errors = 0;
    for (const record of session.records as ReadonlyArray<{ type: string; role?: unknown }>) {
      if (record.type === 'refusal') bump(this.refusals, record.role === 'seeker' || record.role === 'supporter' ? record.role : 'other');
      else if (record.type === 'error') errors += 1;
    }
    this.errorRecords += errors;
    if (errors > 0) this.conversationsWithErrors += 1;
    if (session.ended) bump(this.endings, session.ended.reason);
    else this.unfinished += 1;
  }
}
