import type { QualityRating } from '../core/domain.js';
import type { ChatClient } from '../core/llm/types.js';
import type { LoadedSession } from '../core/sessions/reader.js';
import { SessionRecorder } from '../core/sessions/recorder.js';

/**
 * The dialogue-quality rater an experiment calls after each finished
 * conversation when its plan says `quality: true`. Its shape is the one the
 * experiments contract gives `rateQuality` in src/core/quality/.
 */
export type QualityOutcome = QualityRating | { ok: false; problem: string };
export type QualityRater = (judge: ChatClient, session: LoadedSession, options: { signal?: AbortSignal; seed?: number }) => Promise<QualityOutcome>;

/*
 * CONNECT THE RATER HERE — the one place. Once src/core/quality/ is merged:
 *   import { rateQuality } from '../core/quality/index.js';
 *   export const bundledQualityRater: QualityRater | undefined = rateQuality;
 * Until then a plan with `quality: true` runs, says once that no rater is built
 * in, and records no rating (tests inject a rater of their own).
 */
export const bundledQualityRater: QualityRater | undefined = undefined;

/** Rates a finished conversation and appends the rating to its log; the problem, when there is no rating. */
export async function rateAndRecord(rater: QualityRater, judge: ChatClient, session: LoadedSession, options: { signal?: AbortSignal; seed?: number }): Promise<string | undefined> {
  const outcome = await rater(judge, session, options);
  const failed = 'ok' in outcome && outcome.ok === false ? outcome.problem : undefined;
  const log = SessionRecorder.continue(session.path);
  try {
    if (failed !== undefined) log.record({ type: 'notice', level: 'warn', message: `no quality rating: ${failed}` });
    else {
      const { ok: _ok, ...rating } = outcome as QualityRating & { ok?: true };
      log.record({ type: 'quality', ...rating });
    }
  } finally {
    log.close();
  }
  return failed;
}
