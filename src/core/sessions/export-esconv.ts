import { cleanForDisplay } from '../sanitize.js';
import { coerceStrategy } from '../strategies.js';
import { esconvExtraOf, type EsconvConversation, type EsconvMessage } from './esconv.js';
import type { LoadedSession } from './reader.js';

/**
 * A session as one ESConv conversation, in exactly the DESIGN.md shape.
 * An imported session gives back its own context, survey scores and
 * annotations; a generated one takes its context from the seeker persona,
 * and what it cannot know (experience type, the post-chat survey) is null.
 */
export function sessionToEsconv(session: LoadedSession): EsconvConversation {
  const { header, turns } = session;
  const extra = esconvExtraOf(header);
  const seeker = header.personas.seeker;
  const dialog: EsconvMessage[] = turns.map((turn) => {
    const kept = extra?.annotations[String(turn.index)] ?? {};
    const annotation: Record<string, unknown> =
      turn.speaker === 'supporter' ? { strategy: coerceStrategy(turn.strategy), ...withoutStrategy(kept) } : { ...kept };
    return { speaker: turn.speaker, annotation: cleanValues(annotation), content: cleanForDisplay(turn.text) };
  });
  if (extra) {
    return {
      experience_type: cleanOrNull(extra.experience_type),
      emotion_type: cleanOrNull(extra.emotion_type),
      problem_type: cleanOrNull(extra.problem_type),
      situation: cleanOrNull(extra.situation),
      survey_score: {
        seeker: { ...extra.survey_score.seeker },
        supporter: { ...extra.survey_score.supporter },
      },
      dialog,
    };
  }
  return {
    experience_type: null,
    emotion_type: cleanOrNull(seeker.emotion_type),
    problem_type: cleanOrNull(seeker.problem_type),
    situation: cleanOrNull(seeker.situation),
    survey_score: {
      seeker: { initial_emotion_intensity: seeker.initial_intensity ?? null, final_emotion_intensity: null, empathy: null, relevance: null },
      supporter: {},
    },
    dialog,
  };
}

/** One JSON array for any number of sessions, as ESConv files are. */
export function formatEsconv(sessions: readonly LoadedSession[]): string {
  return `${JSON.stringify(sessions.map(sessionToEsconv), null, 2)}\n`;
}

function cleanOrNull(text: string | null | undefined): string | null {
  return typeof text === 'string' ? cleanForDisplay(text) : null;
}

function withoutStrategy(annotation: Record<string, unknown>): Record<string, unknown> {
  const { strategy: _strategy, ...rest } = annotation;
  return rest;
}

function cleanValues(annotation: Record<string, unknown>): Record<string, unknown> {
  return Object.fromEntries(Object.entries(annotation).map(([k, v]) => [k, typeof v === 'string' ? cleanForDisplay(v) : v]));
}
