/** Entry of the interactive app (wired to the Ink App in the TUI work). */
export async function runTui(_argv: string[]): Promise<number> {
  process.stderr.write('The interactive app is not built yet; use `persona-talks run`.\n');
  return 2;
}
