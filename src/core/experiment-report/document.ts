import { cleanForDisplay as clean } from '../sanitize.js';
import { overviewSection, leadLines } from './doc-overview.js';
import { code, p, type Block, type ReportDocument, type Section } from './doc-model.js';
import { costSection, refusalSection } from './doc-costs.js';
import { qualitySection } from './doc-quality.js';
import { rq1Section } from './doc-rq1.js';
import { rq2Section } from './doc-rq2.js';
import { rq3Section } from './doc-rq3.js';
import type { ExperimentReport } from './report.js';

/** The report's content, section by section, for report.md and report.html. */

export interface WrittenFile {
  /** Relative to the report folder. */
  name: string;
  what: string;
}

function filesSection(files: readonly WrittenFile[]): Section {
  const blocks: Block[] = [
    p('Everything in this report comes from the files beside it, which need no network to open:'),
    { kind: 'list', items: files.map((f) => [code(f.name), ` — ${f.what}`]) },
    p('To re-plot a chart, load its ', code('.vl.json'), ' file (a Vega-Lite specification with its data inline) in any Vega-Lite tool. To analyse the data yourself: ', code("pandas.read_csv('traits.csv')"), ' or ', code("pandas.read_json('traits.json')"), ' in Python, ', code('read.csv("traits.csv")'), ' or ', code('jsonlite::fromJSON("traits.json")'), ' in R. An empty CSV cell (null in JSON) is a missing value.'),
  ];
  return { id: 'files', title: 'Files', blocks };
}

export function reportDocument(report: ExperimentReport, files: readonly WrittenFile[]): ReportDocument {
  return {
    title: `Experiment report: ${clean(report.title)}`,
    lead: leadLines(report),
    sections: [overviewSection(report), rq1Section(report), rq2Section(report), rq3Section(report), qualitySection(report), refusalSection(report), costSection(report), filesSection(files)],
  };
}
