/**
 * The report's content once, as plain blocks that report.md and report.html
 * both render: paragraphs, lists, tables, figures. Text in blocks is plain
 * (renderers escape it for their format) and already neutralised where it came
 * from a file.
 */

export type Inline = string | { strong: string } | { code: string };

export type Block =
  | { kind: 'p'; text: Inline[] }
  /** What a test does and does not show: set apart, so a reader finds it beside the numbers. */
  | { kind: 'caveat'; title: string; items: Inline[][] }
  | { kind: 'list'; items: Inline[][] }
  | { kind: 'table'; caption?: string; head: string[]; rows: string[][]; numeric?: boolean[] }
  | { kind: 'figure'; chart: string; caption: string }
  | { kind: 'subheading'; text: string };

export interface Section {
  id: string;
  title: string;
  blocks: Block[];
}

export interface ReportDocument {
  title: string;
  /** Lines under the title: what was read, when, by which version. */
  lead: Inline[][];
  sections: Section[];
}

export const p = (...text: Inline[]): Block => ({ kind: 'p', text });
export const strong = (text: string): Inline => ({ strong: text });
export const code = (text: string): Inline => ({ code: text });
