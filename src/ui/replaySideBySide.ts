import { dirname } from 'node:path';
import { ComparisonReadError, loadComparison, replayComparisonOf, type ComparisonReplay } from '../app/replay.js';
import type { ForkChange } from '../core/domain.js';
import { cleanForDisplay } from '../core/sanitize.js';
import { comparisonPath } from '../core/sessions/comparison-link.js';
import type { LoadedSession } from '../core/sessions/reader.js';

/**
 * A side of a comparison played back with the other, side by side, step by step
 * (the link file is beside the sessions, named by the comparison's id).
 */
export function replaySideBySide(session: LoadedSession): { ok: true; replay: ComparisonReplay; changes: ForkChange[]; turnCap: number } | { ok: false; message: string } {
  const id = session.header.comparison?.id;
  if (!id) return { ok: false, message: 'Not a side of a comparison.' };
  try {
    const loaded = loadComparison(comparisonPath(dirname(session.path), id));
    const turnCap = Math.max(loaded.sides.A.header.turnCap, loaded.sides.B.header.turnCap);
    return { ok: true, replay: replayComparisonOf(loaded, { speed: 1, startPaused: true }), changes: loaded.link.changes, turnCap };
  } catch (error) {
    if (error instanceof ComparisonReadError) return { ok: false, message: cleanForDisplay(error.message) };
    throw error;
  }
}
