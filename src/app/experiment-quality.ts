import type { QualityResult } from '../core/domain.js';
import type { ChatClient } from '../core/llm/types.js';
import { rateQuality } from '../core/quality/index.js';
import type { LoadedSession } from '../core/sessions/reader.js';
import { SessionRecorder } from '../core/sessions/recorder.js';

/**
 * The dialogue-quality rater an experiment calls after each finished
 * conversation when its plan says `quality: true`. Its shape is the one the
 * experiments contract gives `rateQuality` in src/core/quality/.
 */
export type QualityOutcome = QualityResult | { ok: false; problem: string };
export type QualityRater = (judge: ChatClient, session: LoadedSession, options: { signal?: AbortSignal; seed?: number }) => Promise<QualityOutcome>;

/** The app's own rater (src/core/quality/): a judge rates the transcript alone, validated like the trait judge. */
export const bundledQualityRater: QualityRater | undefined = rateQuality;

/** Rates a finished conversation and appends the rating to its log; the problem, when there is no rating. */
export async function rateAndRecord(rater: QualityRater, judge: ChatClient, session: LoadedSession, options: { signal?: AbortSignal; seed?: number }): Promise<string | undefined> {
  // The log is opened first, as a measurement's is: a session another process is writing is refused before the judge is asked.
  const log = SessionRecorder.continue(session.path);
  try {
    const outcome = await rater(judge, session, options);
    const failed = 'ok' in outcome && outcome.ok === false ? outcome.problem : undefined;
    if (failed !== undefined) log.record({ type: 'notice', level: 'warn', message: `no quality rating: ${failed}` });
    else {
      const { ok: _ok, ...rating } = outcome as QualityResult & { ok?: true };
      log.record({ type: 'quality', ...rating });
    }
    return failed;
  } finally {
    log.close();
  }
}
