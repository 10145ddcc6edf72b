import { writeFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { cleanForDisplay } from '../core/sanitize.js';
import { formatCsv } from '../core/sessions/export-csv.js';
import { formatEsconv } from '../core/sessions/export-esconv.js';
import { formatMarkdown } from '../core/sessions/export-markdown.js';
import { displayPath, type CommandIo } from './io.js';
import { loadSessionArgs, parseArgs, sessionsDirFrom, type SessionCommandOptions } from './session-args.js';

const FORMATS = { md: formatMarkdown, markdown: formatMarkdown, esconv: formatEsconv, csv: formatCsv } as const;
type Format = keyof typeof FORMATS;

const USAGE = `Usage:
  persona-talks export SESSION... --format md|esconv|csv [--out PATH] [--dir DIR] [--raw]
SESSION is a file, a session id or a unique prefix, or a folder (every session in it).
Without --out the export goes to standard output; several sessions make one document.
CSV text cells that start with = + - @ get a leading apostrophe so spreadsheets do not run
them as formulas; --raw writes them verbatim (for scripts).`;

export async function runExportCommand(args: string[], io: CommandIo, opts: SessionCommandOptions = {}): Promise<number> {
  const err = (text: string) => io.stderr.write(`${text}\n`);
  const parsed = parseArgs(args, { flags: ['help', 'h', 'raw'], options: ['format', 'out', 'dir'] });
  if (typeof parsed === 'string') return usage(err, parsed);
  if (parsed.flags.has('help') || parsed.flags.has('h')) {
    io.stdout.write(`${USAGE}\n`);
    return 0;
  }
  const format = parsed.options.get('format');
  if (!format || !(format in FORMATS)) return usage(err, `--format needs one of: md, esconv, csv${format ? ` (got "${cleanForDisplay(format)}")` : ''}`);
  if (parsed.positional.length === 0) return usage(err, 'name at least one session');

  const loaded = loadSessionArgs(parsed.positional, sessionsDirFrom(parsed, opts), err, 'export');
  if (typeof loaded === 'number') return loaded;
  if (loaded.length === 0) {
    err('persona-talks export: no sessions to export');
    return 1;
  }
  const text = format === 'csv' ? formatCsv(loaded, { formulaGuard: !parsed.flags.has('raw') }) : FORMATS[format as Format](loaded);
  const out = parsed.options.get('out');
  if (out === undefined || out === '-') {
    io.stdout.write(text);
    return 0;
  }
  try {
    writeFileSync(resolve(out), text);
  } catch (error) {
    err(`persona-talks export: cannot write ${cleanForDisplay(out)}: ${(error as NodeJS.ErrnoException).code ?? String(error)}`);
    return 1;
  }
  err(`Exported ${loaded.length} session${loaded.length === 1 ? '' : 's'} as ${format} to ${displayPath(resolve(out))}`);
  return 0;
}

function usage(err: (t: string) => void, message: string): number {
  err(`persona-talks export: ${message}`);
  err(USAGE);
  return 2;
}
