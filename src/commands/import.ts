import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { appVersion } from '../core/package-info.js';
import { cleanForDisplay } from '../core/sanitize.js';
import { EsconvFormatError, importEsconv, type ImportReport } from '../core/sessions/esconv.js';
import type { CommandIo } from './personas.js';
import { displayPath, parseArgs, sessionsDirFrom, type SessionCommandOptions } from './sessions.js';

const USAGE = `Usage:
  persona-talks import esconv FILE [--dir DIR] [--json]
Each conversation in the ESConv file becomes one session in DIR (default: the sessions folder).`;

// Past this many, list imported entries as a count: a full ESConv file has over a thousand.
const LIST_LIMIT = 20;

/** Exit 0 when anything was imported, 1 when nothing could be, 2 on bad usage. */
export async function runImportCommand(args: string[], io: CommandIo, opts: SessionCommandOptions = {}): Promise<number> {
  const out = (text: string) => io.stdout.write(`${text}\n`);
  const err = (text: string) => io.stderr.write(`${text}\n`);
  const parsed = parseArgs(args, { flags: ['json', 'help', 'h'], options: ['dir'] });
  if (typeof parsed === 'string') return usage(err, parsed);
  if (parsed.flags.has('help') || parsed.flags.has('h')) {
    out(USAGE);
    return 0;
  }
  const [kind, file, extra] = parsed.positional;
  if (kind !== 'esconv') return usage(err, kind ? `cannot import "${cleanForDisplay(kind)}" files (only esconv)` : 'say what to import: esconv FILE');
  if (!file || extra !== undefined) return usage(err, 'name exactly one ESConv file');

  const dir = sessionsDirFrom(parsed, opts);
  let text: string;
  try {
    text = readFileSync(resolve(file), 'utf8');
  } catch (error) {
    err(`persona-talks import: cannot read ${cleanForDisplay(file)}: ${(error as NodeJS.ErrnoException).code ?? String(error)}`);
    return 1;
  }
  let report: ImportReport;
  try {
    report = importEsconv(text, { file: resolve(file), dir, appVersion: appVersion() });
  } catch (error) {
    if (!(error instanceof EsconvFormatError)) throw error;
    err(`persona-talks import: ${cleanForDisplay(file)}: ${cleanForDisplay(error.message)}`);
    return 1;
  }

  if (parsed.flags.has('json')) out(JSON.stringify({ dir, ...report }, null, 2));
  else printReport(report, file, dir, out);
  for (const s of report.skipped) err(`skipped entry ${s.index}: ${cleanForDisplay(s.reason)}`);
  if (report.imported.length === 0) {
    err(`persona-talks import: nothing imported from ${cleanForDisplay(file)}`);
    return 1;
  }
  return 0;
}

function printReport(report: ImportReport, file: string, dir: string, out: (t: string) => void): void {
  const n = report.imported.length;
  out(`Imported ${n} conversation${n === 1 ? '' : 's'} from ${cleanForDisplay(file)} into ${displayPath(dir)}` + (report.skipped.length > 0 ? `; skipped ${report.skipped.length}` : ''));
  for (const entry of report.imported.slice(0, LIST_LIMIT)) out(`  entry ${entry.index} → ${displayPath(entry.path)} (${entry.turns} turns)`);
  if (n > LIST_LIMIT) out(`  … and ${n - LIST_LIMIT} more`);
  for (const entry of report.imported) for (const note of entry.notes) out(`  note, entry ${entry.index}: ${cleanForDisplay(note)}`);
}

function usage(err: (t: string) => void, message: string): number {
  err(`persona-talks import: ${message}`);
  err(USAGE);
  return 2;
}
