import { describe, expect, it } from 'vitest';
import type { ReportDocument } from '../../../src/core/experiment-report/doc-model.js';
import { escapeHtml, renderHtml } from '../../../src/core/experiment-report/html.js';
import { escapeMarkdown, renderMarkdown } from '../../../src/core/experiment-report/markdown.js';

/** Names in a report come from files anyone can edit: none of them may become markup. */

describe('escapeMarkdown', () => {
  it.each([
    ['p < 0.001', 'p < 0.001'],
    ['<img src=x onerror=alert(1)>', '\\<img src=x onerror=alert(1)>'],
    ['</p>', '\\</p>'],
    ['# head', '\\# head'],
    ['- item', '\\- item'],
    ['12. x', '12\\. x'],
    ['> quote', '\\> quote'],
    ['a_b*c', 'a\\_b\\*c'],
    ['[x](javascript:y)', '\\[x](javascript:y)'],
    ['x | y', 'x \\| y'],
    ['&amp; & x', '\\&amp; & x'],
    ['two\nlines', 'two lines'],
    ['−0.20 [−0.5, 0.1]', '−0.20 \\[−0.5, 0.1]'],
  ])('%j → %j', (input, expected) => {
    expect(escapeMarkdown(input)).toBe(expected);
  });
});

describe('escapeHtml', () => {
  it('escapes the five characters that can open markup or close an attribute', () => {
    expect(escapeHtml(`<a href="x" title='y'>&</a>`)).toBe('&lt;a href=&quot;x&quot; title=&#39;y&#39;&gt;&amp;&lt;/a&gt;');
  });
});

const hostile = '<script>alert(1)</script> | **bold** [link](http://example.com)';
const doc: ReportDocument = {
  title: `Study ${hostile}`,
  lead: [[`Lead ${hostile}`]],
  sections: [
    {
      id: 'data',
      title: 'The data',
      blocks: [
        { kind: 'p', text: ['Persona ', { code: 'a`b' }, ' and ', { strong: hostile }] },
        { kind: 'table', caption: hostile, head: ['persona', 'n'], rows: [[hostile, '3']], numeric: [false, true] },
        { kind: 'list', items: [[hostile]] },
        { kind: 'figure', chart: 'missing', caption: 'A chart that was not drawn' },
      ],
    },
  ],
};

describe('report documents with hostile names', () => {
  it('report.html carries them as text only', () => {
    const html = renderHtml(doc, []);
    expect(html).not.toContain('<script>');
    expect(html).not.toContain('href="http');
    expect(html).toContain('&lt;script&gt;alert(1)&lt;/script&gt;');
    // A figure whose chart was not rendered is left out, not shown broken.
    expect(html).not.toContain('A chart that was not drawn');
  });

  it('report.md keeps the table shape and renders no tag or link', () => {
    const md = renderMarkdown(doc, new Set());
    expect(md).not.toMatch(/(^|[^\\])<script/);
    expect(md).not.toMatch(/(^|[^\\])\[link\]/);
    expect(md).toContain('``a`b``');
    const rows = md.split('\n').filter((l) => l.startsWith('| '));
    // Header, alignment row, one data row — each with exactly two unescaped cell separators inside.
    expect(rows).toHaveLength(3);
    for (const row of rows) expect(row.replace(/\\\|/g, '').split('|')).toHaveLength(4);
    expect(md).not.toContain('A chart that was not drawn');
  });
});
