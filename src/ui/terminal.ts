/**
 * Raw mode from the start: a key typed before Ink's input hook attaches (Enter
 * straight after the first frame, say) would otherwise pass through the cooked
 * line discipline and arrive as "\n" instead of "\r" — a lost Enter. Ink turns
 * raw mode off when it exits; the exit hook covers a crash before that.
 */
export function rawModeFromTheStart(stdin: NodeJS.ReadStream = process.stdin): void {
  if (!stdin.isTTY) return;
  stdin.setRawMode(true);
  process.once('exit', () => {
    if (stdin.isTTY) stdin.setRawMode(false);
  });
}
