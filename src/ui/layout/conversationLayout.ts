import { PANEL_CHROME } from '../components/PanelBox.js';
import { TRAIT_PANEL_ROWS } from './screenBudget.js';

/** Rows of everything but the transcript, measured by the screen before it draws. */
export interface ConversationParts {
  /** The terminal's rows. */
  rows: number;
  crisis: number;
  notices: number;
  error: number;
  composer: number;
  picker: number;
  confirm: number;
  /** The trait panel is switched on (m) and there are personas to show. */
  traits: boolean;
  /** Ended: the summary's lines (without its border). */
  summaryLines?: number;
  /** The help is open: its lines (without its border). */
  helpLines?: number;
}

export interface ConversationRows {
  transcript: number;
  traits: boolean;
  /** The summary's and the help's height, border included, when shown. */
  summary?: number;
  help?: number;
}

/**
 * The transcript keeps at least this many rows before the trait panel is hidden to
 * make room: enough for a person typing an answer to read the turn they answer.
 */
export const MIN_TRANSCRIPT_WITH_TRAITS = 8;
const STATUS_AND_FOOTER = 2;

/**
 * How a full screen of `rows` is shared: the status line and footer, then what
 * must be seen (the confirmation, the picker, the composer, the crisis banner,
 * errors and notices) at their own height, then the end summary or the help
 * (scrolled inside when cut), then the trait panel if the transcript keeps room,
 * and the transcript takes the rest. The parts always add up to `rows`.
 */
export function conversationRows(p: ConversationParts): ConversationRows {
  const fixed = STATUS_AND_FOOTER + p.crisis + p.notices + p.error + p.composer + p.picker + p.confirm;
  const left = Math.max(0, p.rows - fixed);
  if (p.helpLines !== undefined) {
    // The help stands in for the transcript; what it does not need, the transcript keeps.
    const help = Math.min(p.helpLines + PANEL_CHROME.rows, left);
    return { transcript: left - help, traits: false, help };
  }
  if (p.summaryLines !== undefined) {
    const summary = Math.min(p.summaryLines + PANEL_CHROME.rows, Math.max(Math.min(4, left), left - 3));
    return { transcript: left - summary, traits: false, summary };
  }
  if (p.traits && left - TRAIT_PANEL_ROWS >= MIN_TRANSCRIPT_WITH_TRAITS) return { transcript: left - TRAIT_PANEL_ROWS, traits: true };
  return { transcript: left, traits: false };
}
