import type { Block, Inline, ReportDocument } from './doc-model.js';

/**
 * report.md: the document as CommonMark with pipe tables, charts as images
 * from charts/*.svg beside it. All text is escaped: a persona or model name
 * from a file cannot become markup (or raw HTML, which many viewers render).
 */

export function escapeMarkdown(text: string): string {
  return (
    text
      .replace(/\r?\n/g, ' ')
      // What can start markup anywhere: emphasis, code, links, strikethrough, table cells.
      .replace(/[\\`*_[|~]/g, '\\$&')
      // An HTML tag or autolink, an entity: only where one could begin (so "p < 0.001" stays readable).
      .replace(/<(?=[A-Za-z/!?])/g, '\\<')
      .replace(/&(?=#?[A-Za-z0-9]+;)/g, '\\&')
      // What starts a block only at the start of a line: a heading, a quote, a list item.
      .replace(/^(\s*)([#>+-]|\d+[.)])/, (_, space: string, mark: string) => `${space}${mark.replace(/^(\d+)?([#>+\-.)])$/, (__, digits: string | undefined, c: string) => `${digits ?? ''}\\${c}`)}`)
  );
}

function codeSpan(text: string): string {
  const flat = text.replace(/\r?\n/g, ' ');
  const longest = Math.max(0, ...[...flat.matchAll(/`+/g)].map((m) => m[0].length));
  const fence = '`'.repeat(longest + 1);
  const pad = flat.startsWith('`') || flat.endsWith('`') ? ' ' : '';
  return `${fence}${pad}${flat}${pad}${fence}`;
}

function inline(parts: readonly Inline[]): string {
  return parts.map((part) => (typeof part === 'string' ? escapeMarkdown(part) : 'strong' in part ? `**${escapeMarkdown(part.strong)}**` : codeSpan(part.code))).join('');
}

function table(block: Extract<Block, { kind: 'table' }>): string[] {
  const cell = (text: string) => escapeMarkdown(text) || ' ';
  const align = block.head.map((_, i) => (block.numeric?.[i] ? '---:' : '---'));
  return [
    ...(block.caption ? [`*${escapeMarkdown(block.caption)}*`, ''] : []),
    `| ${block.head.map(cell).join(' | ')} |`,
    `| ${align.join(' | ')} |`,
    ...block.rows.map((row) => `| ${row.map(cell).join(' | ')} |`),
  ];
}

function render(block: Block, charts: ReadonlySet<string>): string[] {
  switch (block.kind) {
    case 'p':
      return [inline(block.text)];
    case 'subheading':
      return [`### ${escapeMarkdown(block.text)}`];
    case 'list':
      return block.items.map((item) => `- ${inline(item)}`);
    case 'caveat':
      return [`> **${escapeMarkdown(block.title)}**`, '>', ...block.items.map((item) => `> - ${inline(item)}`)];
    case 'table':
      return table(block);
    case 'figure':
      return charts.has(block.chart) ? [`![${escapeMarkdown(block.caption)}](charts/${block.chart}.svg)`, '', `*${escapeMarkdown(block.caption)}*`] : [];
  }
}

/** `charts`: the ids of the charts written to charts/ (a figure without one is left out). */
export function renderMarkdown(doc: ReportDocument, charts: ReadonlySet<string>): string {
  const out: string[] = [`# ${escapeMarkdown(doc.title)}`, '', ...doc.lead.flatMap((line) => [inline(line), ''])];
  out.push('Contents: ' + doc.sections.map((s) => `[${escapeMarkdown(s.title)}](#${s.id})`).join(' · '), '');
  for (const section of doc.sections) {
    out.push(`<a id="${section.id}"></a>`, '', `## ${escapeMarkdown(section.title)}`, '');
    for (const block of section.blocks) {
      const lines = render(block, charts);
      if (lines.length > 0) out.push(...lines, '');
    }
  }
  return `${out.join('\n').replace(/\n{3,}/g, '\n\n').trimEnd()}\n`;
}
