/**
 * Model output and pasted text are untrusted: an escape sequence in them could
 * move the cursor, retitle the window, rewrite the clipboard (OSC 52) or hide text.
 * We neutralise every C0/C1 control character except newline and tab, turning
 * ESC into a visible "␛" so the text stays readable and inert. Used before
 * display, before writing sessions, and before export.
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

/** True when the text holds anything neutralise() would change. */
export function hasControlCharacters(text: string): boolean {
  CONTROL.lastIndex = 0;
  return CONTROL.test(text);
}

/**
 * Bidi overrides can visually reorder a transcript line ("Trojan Source"); they
 * have no place in a conversation display, so they are removed as well.
 */
const BIDI = /[\u202a-\u202e\u2066-\u2069]/g;

export function cleanForDisplay(text: string): string {
  return neutralise(text).replace(BIDI, '');
}
