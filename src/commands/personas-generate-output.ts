import type { GenerationEvent, GenerationSummary } from '../app/persona-generation.js';
import type { GenerationMethod } from '../core/personas/generation/types.js';
import { cleanForDisplay } from '../core/sanitize.js';
import { plural, truncate } from '../core/text.js';
import { displayPath, terminalWidth } from './io.js';

/**
 * What `personas generate` and `personas import FILE` print while they work:
 * NDJSON events with --json; otherwise one plain line per finished candidate on
 * stdout, and on a terminal a progress line on stderr under them, redrawn in place.
 */

type Write = (text: string) => void;

/** Every string of an event through the neutraliser: descriptions and card text come from files and models. */
function cleanDeep(value: unknown): unknown {
  if (typeof value === 'string') return cleanForDisplay(value);
  if (Array.isArray(value)) return value.map(cleanDeep);
  if (value !== null && typeof value === 'object') return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, cleanDeep(v)]));
  return value;
}

export function ndjsonPrinter(out: Write): (event: GenerationEvent) => void {
  return (event) => out(`${JSON.stringify(cleanDeep(event))}\n`);
}

/** Which candidate: an import's line of the file; generate's number (many candidates share one seed's line). */
const whereIn = (method: GenerationMethod) => (e: { line?: number; index: number }) => (method === 'import' && e.line !== undefined ? `line ${e.line}` : `#${e.index + 1}`);

/** A bar of `width` cells for done of total. */
export function progressBar(done: number, total: number, width: number): string {
  const filled = total <= 0 ? 0 : Math.min(width, Math.round((done / total) * width));
  return `${'█'.repeat(filled)}${'░'.repeat(width - filled)}`;
}

export interface TextPrinterOptions {
  out: NodeJS.WritableStream;
  err: NodeJS.WritableStream;
  verb: string;
}

export function textPrinter({ out, err, verb }: TextPrinterOptions): { onEvent: (event: GenerationEvent) => void; end: () => void } {
  const tty = Boolean((err as { isTTY?: boolean }).isTTY);
  let shown = false;
  let target = 0;
  let method: GenerationMethod = 'generate';
  let where = whereIn(method);
  const tally = { saved: 0, dropped: 0, failed: 0, running: 0 };
  const erase = () => {
    if (shown) err.write('\r\u001b[2K');
    shown = false;
  };
  const draw = () => {
    if (!tty) return;
    const width = terminalWidth(err, 80);
    const counts = `${tally.saved}/${target} kept · ${tally.dropped} dropped${tally.failed ? ` · ${tally.failed} failed` : ''} · ${tally.running} running`;
    const barWidth = Math.max(10, Math.min(30, width - counts.length - 4));
    err.write(`\r\u001b[2K${truncate(`${progressBar(tally.saved, target, barWidth)} ${counts}`, width - 1)}`);
    shown = true;
  };
  const line = (stream: NodeJS.WritableStream, text: string) => {
    erase();
    stream.write(`${text}\n`);
    draw();
  };
  const width = () => terminalWidth(out, 100);
  return {
    onEvent(e) {
      switch (e.type) {
        case 'started': {
          target = e.target;
          method = e.method;
          where = whereIn(method);
          tally.saved = e.resumed.saved;
          for (const note of e.notes) line(err, `note: ${cleanForDisplay(note)}`);
          line(err, `${verb} ${plural(e.target, 'persona')} with ${cleanForDisplay(e.model)} into ${displayPath(e.folder)} (${e.concurrency} at a time)…`);
          if (e.resumed.saved + e.resumed.dropped > 0) line(err, `  earlier runs finished ${e.resumed.saved} kept and ${e.resumed.dropped} dropped: skipping them`);
          break;
        }
        case 'candidate':
          tally.running += 1;
          draw();
          break;
        case 'saved':
          tally.running -= 1;
          tally.saved += 1;
          // generate: the description the model wrote; import: where in the file it came from.
          line(out, truncate(`kept ${e.id}: ${cleanForDisplay(e.name)} (${e.role}) ← ${e.source === e.description ? where(e) : cleanForDisplay(e.description)}`, width()));
          break;
        case 'dropped':
          tally.running -= 1;
          tally.dropped += 1;
          line(out, `dropped ${where(e)}, ${e.rule}: ${cleanForDisplay(e.reason)}`);
          break;
        case 'failed':
          tally.running -= 1;
          tally.failed += 1;
          line(err, `failed ${where(e)}: ${cleanForDisplay(e.message)} (tried again on the next run)`);
          break;
        case 'finished':
          erase();
          out.write(`${summaryText(e, method).join('\n')}\n`);
          break;
      }
    },
    end: erase,
  };
}

export function summaryText(s: GenerationSummary, method: GenerationMethod = 'generate'): string[] {
  const lines: string[] = [];
  const earlier = s.resumed.saved > 0 ? ` (and ${s.resumed.saved} from earlier runs)` : '';
  lines.push(`Kept ${plural(s.saved, 'persona')}${earlier} in ${displayPath(s.folder)}; ${s.saved + s.resumed.saved} of ${s.target} asked for.`);
  if (s.dropped > 0) {
    const rules = Object.entries(s.rules).sort((a, b) => b[1] - a[1]).map(([rule, n]) => `${n} ${rule}`);
    lines.push(`Dropped ${s.dropped} (${rules.join(', ')}); each with its reason in ${displayPath(`${s.folder}/dropped.jsonl`)}.`);
  }
  if (!s.stopped && s.failed === 0 && s.saved + s.resumed.saved < s.target) {
    const tried = method === 'generate' ? 'every candidate was tried (at most 3 per persona asked for)' : 'every description in the file was tried';
    lines.push(`Fewer than asked for: ${tried}; see why in dropped.jsonl.`);
  }
  if (s.failed > 0) lines.push(`${plural(s.failed, 'candidate')} failed on the server; run the same command again to try them.`);
  if (s.usage.promptTokens + s.usage.completionTokens > 0) {
    lines.push(`Tokens: ${s.usage.promptTokens.toLocaleString('en')} prompt + ${s.usage.completionTokens.toLocaleString('en')} completion.`);
  }
  if (s.stopped) lines.push(`Stopped: ${cleanForDisplay(s.stopReason ?? s.stopped)}. Run the same command again to go on.`);
  return lines;
}
