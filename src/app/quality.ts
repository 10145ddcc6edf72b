import type { LoadedSession } from '../core/sessions/reader.js';
import { SessionRecorder } from '../core/sessions/recorder.js';
import { rateQuality, type QualityFailure, type QualityRating, type RateOptions } from '../core/quality/index.js';
import type { JudgeClient } from './measurement.js';

export type { QualityFailure, QualityRating } from '../core/quality/index.js';

/**
 * Rates a saved conversation's dialogue quality with the judge and appends the
 * result to its log: a 'quality' record, or — when the answer failed validation
 * twice — a warning notice saying why, so the log shows the rating was tried and
 * no number stands in for it. Appending after 'ended' is fine: readers keep going.
 * Provider errors are thrown, with nothing written.
 */
export async function rateAndRecordQuality(judge: JudgeClient, session: LoadedSession, options: RateOptions = {}): Promise<QualityRating | QualityFailure> {
  // The log is opened first, as a measurement's is: a session another process is writing is refused before the judge is asked.
  const log = SessionRecorder.continue(session.path);
  try {
    const outcome = await rateQuality(judge, session, options);
    if (outcome.ok) {
      const { ok: _ok, ...rating } = outcome;
      log.record({ type: 'quality', ...rating });
    } else if (outcome.attempts > 0) {
      log.record({ type: 'notice', level: 'warn', message: qualityDroppedMessage(outcome) });
    }
    return outcome;
  } finally {
    log.close();
  }
}

/** The one wording of a dropped rating, in the log and on screen. */
export function qualityDroppedMessage(failure: QualityFailure): string {
  return `quality rating dropped — ${failure.problem}${failure.attempts > 0 ? ` (asked ${failure.attempts}×)` : ''}`;
}
