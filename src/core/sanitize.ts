/**
 * Model output, files and pasted text are untrusted: an escape sequence in them
 * could move the cursor, retitle the window, rewrite the clipboard (OSC 52) or
 * hide text. Two ways to make text inert, for two purposes:
 *
 * - cleanForDisplay (neutralise): text shown or exported as it came — every C0/C1
 *   control character except newline and tab becomes visible ("␛"), so what a
 *   model sent stays readable. Used before display, before writing sessions, and
 *   before export.
 * - stripControls: text a person types, pastes or writes in a persona file, kept
 *   as their own — escape sequences and control characters are removed whole.
 */

// C0 controls except \t (0x09) and \n (0x0a); DEL; C1 controls (0x80–0x9f).
// eslint-disable-next-line no-control-regex
const CONTROL = /[\u0000-\u0008\u000b-\u001f\u007f-\u009f]/g;

function visible(ch: string): string {
  const code = ch.charCodeAt(0);
  if (code === 0x1b) return '␛';
  if (code === 0x0d) return ''; // CR: drop (CRLF → LF; a lone CR could overwrite a line)
  if (code < 0x20) return String.fromCharCode(0x2400 + code); // Unicode control pictures
  return '';
}

export function neutralise(text: string): string {
  return text.replace(CONTROL, visible);
}

/**
 * Bidi overrides can visually reorder a transcript line ("Trojan Source"); they
 * have no place in a conversation display, so they are removed as well.
 */
const BIDI = /[\u202a-\u202e\u2066-\u2069]/g;

export function cleanForDisplay(text: string): string {
  return neutralise(text).replace(BIDI, '');
}

// Whole escape sequences first (CSI, OSC, other two-byte escapes), so no "[31m" debris is left.
// eslint-disable-next-line no-control-regex
const CSI = /\u001b\[[0-?]*[ -/]*[@-~]/g;
// eslint-disable-next-line no-control-regex
const OSC = /\u001b\][^\u0007\u001b]*(?:\u0007|\u001b\\)?/g;
// eslint-disable-next-line no-control-regex
const OTHER_ESC = /\u001b[@-_]?/g;
// eslint-disable-next-line no-control-regex
const ANY_CONTROL = /[\u0000-\u001f\u007f-\u009f]/g;

/**
 * Text a person typed, pasted or wrote in a file, with everything that could act
 * on a terminal removed: escape sequences whole, then control characters and
 * bidi overrides. Newlines and tabs stay only where `keep` says so.
 */
export function stripControls(text: string, keep: { newline?: boolean; tab?: boolean } = {}): string {
  return text
    .replace(CSI, '')
    .replace(OSC, '')
    .replace(OTHER_ESC, '')
    .replace(ANY_CONTROL, (ch) => ((ch === '\n' && keep.newline) || (ch === '\t' && keep.tab) ? ch : ''))
    .replace(BIDI, '');
}

/** stripControls, keeping newlines and tabs, on every string (keys included) of plain parsed data: a persona file. */
export function stripControlsDeep(value: unknown): unknown {
  if (typeof value === 'string') return stripControls(value, { newline: true, tab: true });
  if (Array.isArray(value)) return value.map(stripControlsDeep);
  if (value !== null && typeof value === 'object') {
    return Object.fromEntries(Object.entries(value).map(([k, v]) => [stripControls(k, { newline: true, tab: true }), stripControlsDeep(v)]));
  }
  return value;
}
