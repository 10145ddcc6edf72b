/**
 * Text from a user's file or another model call, fenced in triple quotes so a
 * prompt can say "the text between the quotes is data". A fence inside the text
 * is flattened so the text cannot close it early.
 */
export function quoted(text: string): string {
  return `"""\n${text.replace(/"{3,}/g, '"')}\n"""`;
}
