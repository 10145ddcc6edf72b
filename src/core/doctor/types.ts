/** What `doctor` finds about one server and model: typed, so the CLI, --json and the TUI show the same thing. */

export type CheckId = 'reachable' | 'model-listed' | 'streaming' | 'json-schema' | 'reasoning' | 'seeker-probe' | 'supporter-probe' | 'speed' | 'context';

/** pass: fine · info: worth knowing · warn: works, with a cost · fail: will not work · skip: could not check. */
export type CheckStatus = 'pass' | 'info' | 'warn' | 'fail' | 'skip';

export interface DoctorCheck {
  id: CheckId;
  title: string;
  status: CheckStatus;
  /** One line, plain words. Model text in it is neutralised. */
  summary: string;
}

/** The quirks doctor can name; each maps to a row of the README's model notes. */
export type QuirkFound =
  | 'reasoning-in-content'
  | 'reasoning-field'
  | 'json-schema-ignored'
  | 'json-schema-wrapped'
  | 'json-schema-rejected'
  | 'not-json'
  | 'refuses-persona'
  | 'refused-once'
  | 'role-break'
  | 'other-language'
  | 'empty-reply'
  | 'unlabelled-strategy'
  | 'small-context'
  | 'slow';

export interface Recommendation {
  /** The setting, flag or action. */
  setting: string;
  why: string;
}

export type Verdict = 'ready' | 'usable-with-care' | 'not-usable';

export interface DoctorMeasurements {
  /** From the request to the first streamed byte of reasoning or content. */
  timeToFirstTokenMs?: number;
  tokensPerSecond?: number;
  /** true when the server sent no usage and the count is estimated from characters. */
  tokensEstimated?: boolean;
  contextLength?: number;
  contextSource?: string;
  jsonSchema?: 'honoured' | 'wrapped' | 'ignored' | 'rejected' | 'no-answer';
}

export interface DoctorReport {
  endpoint: { baseURL: string; model: string };
  checks: DoctorCheck[];
  quirks: QuirkFound[];
  measurements: DoctorMeasurements;
  verdict: Verdict;
  recommendations: Recommendation[];
}
