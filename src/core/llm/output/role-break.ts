/**
 * A reply that speaks for both sides: "…\nSeeker: …\nSupporter: …". Models that
 * have read many transcripts like to go on writing one. The reply is cut at the
 * first line labelled as the *other* speaker; a label for the speaker's own side
 * on the first line ("Supporter: Hi …") is only dropped, the words are theirs.
 *
 * While streaming, the start of each line is held back only as long as it could
 * still turn into such a label, so an ordinary line is not delayed at all.
 */

export type Side = 'seeker' | 'supporter';

export interface SpeakerLabels {
  own: readonly string[];
  other: readonly string[];
}

/** Words transcripts use for each side (ESConv's own, chat-template roles, and common synonyms). */
const SIDE_WORDS: Record<Side, readonly string[]> = {
  seeker: ['seeker', 'help seeker', 'help-seeker', 'user', 'usr', 'client', 'speaker'],
  supporter: ['supporter', 'assistant', 'listener', 'counselor', 'counsellor', 'therapist', 'helper', 'sys'],
};

/** The labels that mark each side's lines, including the personas' names (full and first). */
export function speakerLabels(speaker: Side, names: { seeker?: string; supporter?: string } = {}): SpeakerLabels {
  const of = (side: Side) => {
    const name = names[side]?.trim().toLowerCase();
    const first = name?.split(/\s+/)[0];
    return [...SIDE_WORDS[side], ...(name ? [name] : []), ...(first && first.length > 1 && first !== name ? [first] : [])];
  };
  return { own: of(speaker), other: of(speaker === 'seeker' ? 'supporter' : 'seeker') };
}

const LEADING_MARKUP = /^[\s>*_#-]+/;
/** "Name:", "**Name**:", "Name (Question):", "Name [Question]:" at the start of a line. */
const LABEL = /^(?:\*\*|__)?([^:\n*_()[\]]{1,40}?)\s*(?:\*\*|__)?\s*(?:[([][^)\]\n]{0,40}[)\]])?\s*(?:\*\*|__)?\s*:/;

type LineKind = 'other' | 'own' | 'text' | 'undecided';

function classify(line: string, labels: SpeakerLabels, atEnd: boolean): LineKind {
  const s = line.replace(LEADING_MARKUP, '');
  const m = LABEL.exec(s);
  if (m) {
    const label = m[1]!.trim().toLowerCase();
    if (labels.other.includes(label)) return 'other';
    if (labels.own.includes(label)) return 'own';
    return 'text';
  }
  if (atEnd) return 'text';
  if (s === '') return 'undecided';
  const prefix = s.toLowerCase().replace(/\*\*|__/g, '');
  const couldGrow = [...labels.own, ...labels.other].some(
    (label) => label.startsWith(prefix) || (prefix.startsWith(label) && /^\s*(?:[([][^)\]\n]*[)\]]?)?\s*$/.test(prefix.slice(label.length))),
  );
  return couldGrow ? 'undecided' : 'text';
}

export interface RoleBreak {
  /** The reply up to the first line written for the other side. */
  text: string;
  /** That line, when there was one. */
  cutAt?: string;
}

/** Whole-text version: cuts at the first line labelled as the other side. */
export function cutRoleBreak(text: string, labels: SpeakerLabels): RoleBreak {
  const lines = text.split('\n');
  for (let i = 0; i < lines.length; i++) {
    const kind = classify(lines[i]!, labels, true);
    if (kind === 'other') return { text: lines.slice(0, i).join('\n').trimEnd(), cutAt: lines[i]!.trim() };
    if (kind === 'own' && i === 0) lines[0] = stripLabel(lines[0]!);
  }
  return { text: lines.join('\n') };
}

function stripLabel(line: string): string {
  const s = line.replace(LEADING_MARKUP, '');
  const m = LABEL.exec(s);
  return m ? s.slice(m[0].length).trimStart() : line;
}

/** Streaming version: push visible text, get back what may be shown now. */
export class RoleBreakGuard {
  private line = '';
  private decided = false;
  private firstLine = true;
  private cut: string | undefined;

  constructor(private readonly labels: SpeakerLabels) {}

  /** The line the reply was cut at, once it was. */
  get cutAt(): string | undefined {
    return this.cut;
  }

  push(text: string): string {
    let out = '';
    for (const ch of text) {
      if (this.cut !== undefined) break;
      if (ch === '\n') {
        // The newline travels with the next line: if that line is cut, no dangling break is shown.
        out += this.decided ? '' : this.release(true);
        this.line = '\n';
        this.decided = false;
        this.firstLine = false;
        continue;
      }
      if (this.decided) {
        out += ch;
        continue;
      }
      this.line += ch;
      out += this.release(false);
    }
    return out;
  }

  finish(): string {
    if (this.cut !== undefined || this.decided) return '';
    return this.release(true);
  }

  private release(atEnd: boolean): string {
    const kind = classify(this.line, this.labels, atEnd);
    if (kind === 'undecided') return '';
    if (kind === 'other') {
      this.cut = this.line.trim();
      this.line = '';
      return '';
    }
    const shown = kind === 'own' && this.firstLine ? stripLabel(this.line) : this.line;
    this.line = '';
    this.decided = true;
    return shown;
  }
}
