import { resolve } from 'node:path';
import { cleanForDisplay } from '../core/sanitize.js';
import { plural } from '../core/text.js';
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
import { displayPath, fail, misuse, readFlags, usage, type CommandIo } from './io.js';
import { sessionPathsFromArgs, sessionsFolder, type SessionCommandOptions } from './session-args.js';

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

const EXPORT_FLAGS = ['format', 'out', 'sessions', 'raw', 'role', 'persona', 'strategy-tags', 'dataset', 'seed', 'split'] as const;

const USAGE = usage(
  `Usage:
  persona-talks export SESSION... --format md|esconv|csv|chat-jsonl|sharegpt [--out PATH] [--raw]
                [--role supporter|seeker] [--persona] [--strategy-tags]
  persona-talks export SESSION... --dataset DIR [--seed N] [--split TRAIN/VALIDATION/TEST]
                [--role supporter|seeker] [--persona] [--strategy-tags]
SESSION is a file, a session id or a unique prefix, or a folder (every session in it).
Without --out the export goes to standard output; several sessions make one document.
chat-jsonl (OpenAI chat fine-tuning) and sharegpt write one conversation a line, from the
point of view of --role (default supporter: the seeker's turns are the user's). --dataset
writes a folder for the Hugging Face datasets JSON loader, split by conversation with a
seeded shuffle. CSV text cells that start with = + - @ get a leading apostrophe so
spreadsheets do not run them as formulas; --raw writes them verbatim (for scripts).`,
  EXPORT_FLAGS,
);

export async function runExportCommand(args: string[], io: CommandIo, opts: SessionCommandOptions = {}): Promise<number> {
  const bad = (message: string) => misuse(io, 'export', USAGE, message);
  const parsed = readFlags(io, 'export', USAGE, args, EXPORT_FLAGS);
  if (typeof parsed === 'number') return parsed;
  const { values, positionals } = parsed;
  const { format, dataset } = values;
  const role = values.role ?? 'supporter';
  if (role === 'either') return bad('--role needs supporter or seeker for an export');
  const chat: ChatViewOptions = { role, persona: values.persona ?? false, strategyTags: values['strategy-tags'] ?? false };
  const chatAsked = (['role', 'persona', 'strategy-tags'] as const).filter((n) => values[n] !== undefined);

  if (dataset !== undefined) {
    if (format !== undefined) return bad('--dataset writes its own files; leave out --format');
    if (values.out !== undefined) return bad('--dataset names the folder; leave out --out');
  } else {
    if (!format || !(format in FORMATS)) return bad(`--format needs one of: ${FORMAT_NAMES}${format ? ` (got "${cleanForDisplay(format)}")` : ''}`);
    const datasetOnly = (['seed', 'split'] as const).find((n) => values[n] !== undefined);
    if (datasetOnly) return bad(`--${datasetOnly} only applies with --dataset`);
    if (chatAsked.length > 0 && !CHAT_FORMATS.has(format)) return bad(`--${chatAsked[0]} only applies to chat-jsonl, sharegpt and --dataset`);
  }
  if (positionals.length === 0) return bad('name at least one session or folder');

  const err = (text: string) => io.stderr.write(`${text}\n`);
  const paths = sessionPathsFromArgs(positionals, sessionsFolder(values.sessions, opts), err, 'export');
  if (typeof paths === 'number') return paths;
  if (paths.length === 0) {
    return fail(io, `persona-talks export: no sessions to export (no session files in ${positionals.map((p) => cleanForDisplay(p)).join(', ')})`);
  }
  if (dataset !== undefined) {
    return runDatasetExport(paths, resolve(dataset), { chat, ...(values.seed !== undefined ? { seed: values.seed } : {}), ...(values.split !== undefined ? { split: values.split } : {}) }, io, bad);
  }
  return exportTo(FORMATS[format!]!({ formulaGuard: !values.raw, chat }), format!, paths, values.out, io);
}

async function exportTo(format: StreamingExport, name: string, paths: readonly string[], out: string | undefined, io: CommandIo): Promise<number> {
  const err = (text: string) => io.stderr.write(`${text}\n`);
  const toFile = out !== undefined && out !== '-';
  let output: ExportOutput;
  try {
    output = toFile ? await fileOutput(resolve(out)) : stdoutOutput(io.stdout);
  } catch (error) {
    return fail(io, `persona-talks export: cannot write ${cleanForDisplay(out!)}: ${(error as NodeJS.ErrnoException).code ?? String(error)}`);
  }
  try {
    const result = await streamExport(format, paths, output, io.stderr);
    for (const line of leftOutLines(result.leftOut)) err(line);
    if (result.written === 0) {
      await output.abort();
      return fail(io, 'persona-talks export: no sessions to export: none of them could be written in this format');
    }
    await output.finish();
    const what = `${plural(result.written, 'session')} as ${name}`;
    if (toFile) err(`Exported ${what} to ${displayPath(resolve(out))}`);
    return 0;
  } catch (error) {
    await output.abort();
    return fail(io, `persona-talks export: cannot write ${toFile ? cleanForDisplay(out) : 'the export'}: ${(error as NodeJS.ErrnoException).code ?? String(error)}`);
  }
}
