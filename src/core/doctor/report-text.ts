import type { CheckStatus, DoctorReport, Verdict } from './types.js';

const MARK: Record<CheckStatus, string> = { pass: 'ok  ', info: 'info', warn: 'warn', fail: 'FAIL', skip: 'skip' };
const VERDICT: Record<Verdict, string> = {
  ready: 'ready for a study or a talk',
  'usable-with-care': 'usable, with the quirks above',
  'not-usable': 'not usable as it is',
};

/** The report as plain lines (no colour), for the CLI and any front end that prints text. */
export function doctorReportLines(report: DoctorReport): string[] {
  const lines = [`doctor: ${report.endpoint.model} @ ${report.endpoint.baseURL}`, ''];
  const width = Math.max(...report.checks.map((c) => c.title.length));
  for (const check of report.checks) lines.push(`  ${MARK[check.status]}  ${check.title.padEnd(width)}  ${check.summary}`);
  lines.push('');
  if (report.quirks.length > 0) lines.push(`Quirks met: ${report.quirks.join(', ')}`);
  lines.push(`Verdict: ${VERDICT[report.verdict]}`);
  if (report.recommendations.length > 0) {
    lines.push('', 'Recommended:');
    for (const r of report.recommendations) lines.push(`  - ${r.setting} — ${r.why}`);
  }
  return lines;
}
