import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { appVersion } from '../core/package-info.js';
import { cleanForDisplay } from '../core/sanitize.js';
import { EsconvFormatError, importEsconv, type ImportReport } from '../core/sessions/esconv.js';
import { displayPath, misuse, readFlags, usage, type CommandIo } from './io.js';
import { sessionsFolder, type SessionCommandOptions } from './session-args.js';

const IMPORT_FLAGS = ['sessions', 'json'] as const;

const USAGE = usage(
  `Usage:
  persona-talks import esconv FILE [--sessions DIR] [--json]
Each conversation in the ESConv file becomes one session in the sessions folder.`,
  IMPORT_FLAGS,
);

// Past this many, list imported entries as a count: a full ESConv file has over a thousand.
const LIST_LIMIT = 20;
// Past this many, skipped entries are counted: a file that is not ESConv at all (a binary) can have thousands.
const SKIPPED_LIMIT = 5;

/** Exit 0 when anything was imported, 1 when nothing could be, 2 on bad usage. */
export async function runImportCommand(args: string[], io: CommandIo, opts: SessionCommandOptions = {}): Promise<number> {
  const out = (text: string) => io.stdout.write(`${text}\n`);
  const err = (text: string) => io.stderr.write(`${text}\n`);
  const bad = (message: string) => misuse(io, 'import', USAGE, message);
  const parsed = readFlags(io, 'import', USAGE, args, IMPORT_FLAGS);
  if (typeof parsed === 'number') return parsed;
  const [kind, file, extra] = parsed.positionals;
  if (kind !== 'esconv') return bad(kind ? `cannot import "${cleanForDisplay(kind)}" files (only esconv)` : 'say what to import: esconv FILE');
  if (!file || extra !== undefined) return bad('name exactly one ESConv file');

  const dir = sessionsFolder(parsed.values.sessions, opts);
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

  if (parsed.values.json) out(JSON.stringify({ dir, ...report }, null, 2));
  else printReport(report, file, dir, out);
  for (const s of report.skipped.slice(0, SKIPPED_LIMIT)) err(`skipped entry ${s.index}: ${cleanForDisplay(s.reason)}`);
  const more = report.skipped.length - SKIPPED_LIMIT;
  if (more > 0) err(`… and ${more} more skipped entr${more === 1 ? 'y' : 'ies'}${parsed.values.json ? ' (all listed in the JSON)' : ''}`);
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
