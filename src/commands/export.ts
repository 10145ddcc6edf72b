import { resolve } from 'node:path';
import { cleanForDisplay } from '../core/sanitize.js';
import type { ChatViewOptions } from '../core/sessions/export-chat.js';
import { chatJsonlExport } from '../core/sessions/export-chat-jsonl.js';
import { csvExport } from '../core/sessions/export-csv.js';
import { esconvExport } from '../core/sessions/export-esconv.js';
import { markdownExport } from '../core/sessions/export-markdown.js';
import { sharegptExport } from '../core/sessions/export-sharegpt.js';
import type { StreamingExport } from '../core/sessions/export-stream.js';
import { runDatasetExport } from './export-dataset.js';
import { fileOutput, stdoutOutput, type ExportOutput } from './export-output.js';
import { leftOutLines, streamExport } from './export-stream-run.js';
import type { CommandIo } from './personas.js';
import { sessionPathsFromArgs } from './session-sources.js';
import { displayPath, parseArgs, sessionsDirFrom, type SessionCommandOptions } from './sessions.js';

interface FormatOptions {
  formulaGuard: boolean;
  chat: ChatViewOptions;
}

const FORMATS: Record<string, (o: FormatOptions) => StreamingExport> = {
  md: () => markdownExport,
  markdown: () => markdownExport,
  esconv: () => esconvExport,
  csv: (o) => csvExport({ formulaGuard: o.formulaGuard }),
  'chat-jsonl': (o) => chatJsonlExport(o.chat),
  sharegpt: (o) => sharegptExport(o.chat),
};
const CHAT_FORMATS = new Set(['chat-jsonl', 'sharegpt']);
const FORMAT_NAMES = 'md, esconv, csv, chat-jsonl, sharegpt';

const USAGE = `Usage:
  persona-talks export SESSION... --format md|esconv|csv|chat-jsonl|sharegpt [--out PATH] [--dir DIR] [--raw]
                [--role supporter|seeker] [--persona] [--strategy-tags]
  persona-talks export SESSION... --dataset DIR [--seed N] [--split TRAIN/VALIDATION/TEST]
                [--role supporter|seeker] [--persona] [--strategy-tags]
SESSION is a file, a session id or a unique prefix, or a folder (every session in it).
Without --out the export goes to standard output; several sessions make one document.
chat-jsonl (OpenAI chat fine-tuning) and sharegpt write one conversation a line, from the
point of view of --role (default supporter: the seeker's turns are the user's);
--persona describes that role's persona in the system message; --strategy-tags starts
every supporter message with its [strategy] tag. --dataset writes a folder for the
Hugging Face datasets JSON loader: data/train|validation|test.jsonl, split by conversation
with a seeded shuffle (--seed, default 1; --split, default 80/10/10), and a README.md card.
CSV text cells that start with = + - @ get a leading apostrophe so spreadsheets do not run
them as formulas; --raw writes them verbatim (for scripts).`;

export async function runExportCommand(args: string[], io: CommandIo, opts: SessionCommandOptions = {}): Promise<number> {
  const err = (text: string) => io.stderr.write(`${text}\n`);
  const parsed = parseArgs(args, {
    flags: ['help', 'h', 'raw', 'persona', 'strategy-tags'],
    options: ['format', 'out', 'dir', 'role', 'dataset', 'seed', 'split'],
  });
  if (typeof parsed === 'string') return usage(err, parsed);
  if (parsed.flags.has('help') || parsed.flags.has('h')) {
    io.stdout.write(`${USAGE}\n`);
    return 0;
  }
  const format = parsed.options.get('format');
  const dataset = parsed.options.get('dataset');
  const role = parsed.options.get('role') ?? 'supporter';
  if (role !== 'supporter' && role !== 'seeker') return usage(err, `--role needs supporter or seeker (got "${cleanForDisplay(role)}")`);
  const chat: ChatViewOptions = { role, persona: parsed.flags.has('persona'), strategyTags: parsed.flags.has('strategy-tags') };
  const chatAsked = ['role', 'persona', 'strategy-tags'].filter((n) => parsed.options.has(n) || parsed.flags.has(n));

  if (dataset !== undefined) {
    if (format !== undefined) return usage(err, '--dataset writes its own files; leave out --format');
    if (parsed.options.has('out')) return usage(err, '--dataset names the folder; leave out --out');
  } else {
    if (!format || !(format in FORMATS)) return usage(err, `--format needs one of: ${FORMAT_NAMES}${format ? ` (got "${cleanForDisplay(format)}")` : ''}`);
    const datasetOnly = ['seed', 'split'].find((n) => parsed.options.has(n));
    if (datasetOnly) return usage(err, `--${datasetOnly} only applies with --dataset`);
    if (chatAsked.length > 0 && !CHAT_FORMATS.has(format)) return usage(err, `--${chatAsked[0]} only applies to chat-jsonl, sharegpt and --dataset`);
  }
  if (parsed.positional.length === 0) return usage(err, 'name at least one session or folder');

  const paths = sessionPathsFromArgs(parsed.positional, sessionsDirFrom(parsed, opts), err, 'export');
  if (typeof paths === 'number') return paths;
  if (paths.length === 0) {
    err(`persona-talks export: no sessions to export (no session files in ${parsed.positional.map((p) => cleanForDisplay(p)).join(', ')})`);
    return 1;
  }
  if (dataset !== undefined) return runDatasetExport(paths, resolve(dataset), { chat, seed: parsed.options.get('seed'), split: parsed.options.get('split') }, io, usage.bind(null, err));
  return exportTo(FORMATS[format!]!({ formulaGuard: !parsed.flags.has('raw'), chat }), format!, paths, parsed.options.get('out'), io);
}

async function exportTo(format: StreamingExport, name: string, paths: readonly string[], out: string | undefined, io: CommandIo): Promise<number> {
  const err = (text: string) => io.stderr.write(`${text}\n`);
  const toFile = out !== undefined && out !== '-';
  let output: ExportOutput;
  try {
    output = toFile ? await fileOutput(resolve(out)) : stdoutOutput(io.stdout);
  } catch (error) {
    err(`persona-talks export: cannot write ${cleanForDisplay(out!)}: ${(error as NodeJS.ErrnoException).code ?? String(error)}`);
    return 1;
  }
  try {
    const result = await streamExport(format, paths, output, io.stderr);
    for (const line of leftOutLines(result.leftOut)) err(line);
    if (result.written === 0) {
      await output.abort();
      err('persona-talks export: no sessions to export: none of them could be written in this format');
      return 1;
    }
    await output.finish();
    const what = `${result.written} session${result.written === 1 ? '' : 's'} as ${name}`;
    if (toFile) err(`Exported ${what} to ${displayPath(resolve(out))}`);
    return 0;
  } catch (error) {
    await output.abort();
    err(`persona-talks export: cannot write ${toFile ? cleanForDisplay(out) : 'the export'}: ${(error as NodeJS.ErrnoException).code ?? String(error)}`);
    return 1;
  }
}

function usage(err: (t: string) => void, message: string): number {
  err(`persona-talks export: ${message}`);
  err(USAGE);
  return 2;
}
