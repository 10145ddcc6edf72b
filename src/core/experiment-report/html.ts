import type { RenderedChart } from './charts.js';
import type { Block, Inline, ReportDocument } from './doc-model.js';

/**
 * report.html: one self-contained page — styles inline, charts as inline SVG,
 * no script, nothing fetched when it is opened — readable on a phone (tables
 * scroll sideways, charts shrink to fit) and printable (no contents list,
 * figures and tables kept whole on a page). Every piece of text is escaped.
 */

export function escapeHtml(text: string): string {
  return text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;').replace(/'/g, '&#39;');
}

function inline(parts: readonly Inline[]): string {
  return parts.map((part) => (typeof part === 'string' ? escapeHtml(part) : 'strong' in part ? `<strong>${escapeHtml(part.strong)}</strong>` : `<code>${escapeHtml(part.code)}</code>`)).join('');
}

function table(block: Extract<Block, { kind: 'table' }>): string {
  const cls = (i: number) => (block.numeric?.[i] ? ' class="num"' : '');
  const head = `<tr>${block.head.map((h, i) => `<th scope="col"${cls(i)}>${escapeHtml(h)}</th>`).join('')}</tr>`;
  const rows = block.rows.map((row) => `<tr>${row.map((c, i) => (i === 0 ? `<th scope="row"${cls(i)}>${escapeHtml(c)}</th>` : `<td${cls(i)}>${escapeHtml(c)}</td>`)).join('')}</tr>`);
  return `<div class="table-wrap"><table>${block.caption ? `<caption>${escapeHtml(block.caption)}</caption>` : ''}<thead>${head}</thead><tbody>${rows.join('')}</tbody></table></div>`;
}

function render(block: Block, charts: ReadonlyMap<string, RenderedChart>): string {
  switch (block.kind) {
    case 'p':
      return `<p>${inline(block.text)}</p>`;
    case 'subheading':
      return `<h3>${escapeHtml(block.text)}</h3>`;
    case 'list':
      return `<ul>${block.items.map((item) => `<li>${inline(item)}</li>`).join('')}</ul>`;
    case 'caveat':
      return `<aside class="caveat"><h4>${escapeHtml(block.title)}</h4><ul>${block.items.map((item) => `<li>${inline(item)}</li>`).join('')}</ul></aside>`;
    case 'table':
      return table(block);
    case 'figure': {
      const chart = charts.get(block.chart);
      if (!chart) return '';
      // The SVG comes from Vega's renderer over neutralised labels; it carries no script and no links.
      return `<figure id="fig-${chart.id}"><div class="chart" role="img" aria-label="${escapeHtml(chart.title)}">${chart.svg}</div><figcaption>${escapeHtml(block.caption)} <span class="files">Spec and data: charts/${escapeHtml(chart.id)}.vl.json</span></figcaption></figure>`;
    }
  }
}

const STYLE = `
:root { color-scheme: light; }
* { box-sizing: border-box; }
body { margin: 0; background: #fff; color: #1b1b1b; font: 15px/1.55 system-ui, -apple-system, "Segoe UI", Roboto, "Helvetica Neue", Arial, sans-serif; }
main { max-width: 1120px; margin: 0 auto; padding: 1.5rem 1rem 4rem; }
h1 { font-size: 1.7rem; line-height: 1.25; margin: 0.5rem 0 0.75rem; }
h2 { font-size: 1.3rem; margin: 2.75rem 0 0.75rem; padding-bottom: 0.3rem; border-bottom: 2px solid #1b1b1b; }
h3 { font-size: 1.08rem; margin: 1.75rem 0 0.5rem; }
h4 { font-size: 0.95rem; margin: 0 0 0.3rem; }
p, li { max-width: 78ch; }
.lead p { color: #444; margin: 0.2rem 0; font-size: 0.92rem; }
nav.toc { margin: 1rem 0 0; padding: 0.6rem 0.9rem; background: #f4f4f4; border-radius: 4px; font-size: 0.92rem; }
nav.toc ol { margin: 0.2rem 0 0; padding-left: 1.3rem; columns: 2 14rem; }
a { color: #0b4f8a; }
code { font-family: ui-monospace, SFMono-Regular, Menlo, Consolas, monospace; font-size: 0.88em; background: #f0f0f0; padding: 0.05em 0.3em; border-radius: 3px; overflow-wrap: anywhere; }
.table-wrap { overflow-x: auto; margin: 1rem 0 1.25rem; }
table { border-collapse: collapse; font-size: 0.86rem; }
caption { caption-side: top; text-align: left; font-weight: 600; padding: 0 0 0.4rem; max-width: 78ch; }
th, td { padding: 0.3rem 0.6rem; border-bottom: 1px solid #d4d4d4; text-align: left; vertical-align: top; }
thead th { border-bottom: 2px solid #555; font-weight: 600; }
tbody th { font-weight: 500; min-width: 10em; }
tbody th.num { min-width: 0; }
.num { text-align: right; font-variant-numeric: tabular-nums; white-space: nowrap; }
figure { margin: 1.5rem 0; }
.chart svg { max-width: 100%; height: auto; }
figcaption { font-size: 0.88rem; color: #333; max-width: 78ch; }
figcaption .files { color: #666; }
aside.caveat { margin: 1.25rem 0; padding: 0.7rem 1rem; background: #f6f6f6; border-left: 4px solid #777; }
aside.caveat ul { margin: 0; padding-left: 1.2rem; }
aside.caveat li { margin: 0.25rem 0; font-size: 0.92rem; }
@media (max-width: 600px) {
  body { font-size: 14px; }
  main { padding: 1rem 0.6rem 3rem; }
  h1 { font-size: 1.35rem; }
  nav.toc ol { columns: 1; }
}
@media print {
  @page { margin: 14mm; }
  body { font-size: 10pt; }
  main { max-width: none; padding: 0; }
  nav.toc { display: none; }
  h2 { break-after: avoid; }
  h3, caption { break-after: avoid; }
  figure, aside.caveat, tr { break-inside: avoid; }
  .table-wrap { overflow: visible; }
  .num { white-space: normal; }
  a { color: inherit; text-decoration: none; }
  code { background: none; padding: 0; }
}
`;

export function renderHtml(doc: ReportDocument, charts: readonly RenderedChart[]): string {
  const byId = new Map(charts.map((c) => [c.id, c]));
  const toc = `<nav class="toc" aria-label="Contents"><strong>Contents</strong><ol>${doc.sections.map((s) => `<li><a href="#${s.id}">${escapeHtml(s.title)}</a></li>`).join('')}</ol></nav>`;
  const sections = doc.sections.map((s) => `<section id="${s.id}"><h2>${escapeHtml(s.title)}</h2>\n${s.blocks.map((b) => render(b, byId)).filter(Boolean).join('\n')}\n</section>`);
  return `<!DOCTYPE html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta http-equiv="Content-Security-Policy" content="default-src 'none'; style-src 'unsafe-inline'; img-src data:">
<title>${escapeHtml(doc.title)}</title>
<style>${STYLE}</style>
</head>
<body>
<main>
<header><h1>${escapeHtml(doc.title)}</h1><div class="lead">${doc.lead.map((l) => `<p>${inline(l)}</p>`).join('')}</div>${toc}</header>
${sections.join('\n')}
</main>
</body>
</html>
`;
}
