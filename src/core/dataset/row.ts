import { targetTraits } from '../analysis/report-inputs.js';
import { cleanForDisplay } from '../sanitize.js';
import { chatMessages, type ChatMessage, type ChatViewOptions } from '../sessions/export-chat.js';
import { sessionToEsconv } from '../sessions/export-esconv.js';
import { isLeftOut, type LeftOut } from '../sessions/export-stream.js';
import type { LoadedSession } from '../sessions/reader.js';

/**
 * One conversation as a dataset row. Every row has the same columns with the
 * same types (a column is null where a session has nothing), so the `datasets`
 * JSON loader infers one schema: `messages` in the chat shape trainers read
 * directly, `dialog` with each supporter turn's strategy in ESConv's spelling,
 * and the conditions the conversation was made under.
 */
export interface DatasetRow {
  id: string;
  source: 'generated' | 'esconv';
  engine: string;
  condition: string;
  mode: string;
  seed: number | null;
  created_at: string;
  seeker_model: string;
  supporter_model: string;
  seeker_persona: string;
  supporter_persona: string;
  seeker_traits: Traits | null;
  supporter_traits: Traits | null;
  emotion_type: string;
  problem_type: string;
  situation: string;
  experience_type: string | null;
  dialog: Array<{ speaker: 'seeker' | 'supporter'; strategy: string | null; content: string; by: 'ai' | 'human' }>;
  messages: ChatMessage[];
}

type Traits = { hexaco: Record<string, number>; csi: Record<string, number> };

function traits(session: LoadedSession, speaker: 'seeker' | 'supporter'): Traits | null {
  const target = targetTraits(session.header, speaker);
  return target ? { hexaco: { ...target.hexaco } as Record<string, number>, csi: { ...target.csi } as Record<string, number> } : null;
}

export function sessionToRow(session: LoadedSession, chat: ChatViewOptions = {}): DatasetRow | LeftOut {
  const messages = chatMessages(session, chat);
  if (isLeftOut(messages)) return messages;
  const { header } = session;
  const esconv = sessionToEsconv(session);
  const clean = cleanForDisplay;
  return {
    id: clean(header.id),
    source: header.source ? 'esconv' : 'generated',
    engine: clean(header.engine),
    condition: clean(header.condition),
    mode: clean(header.mode),
    seed: typeof header.seed === 'number' ? header.seed : null,
    created_at: clean(header.createdAt),
    seeker_model: clean(header.models.seeker.model),
    supporter_model: clean(header.models.supporter.model),
    seeker_persona: clean(header.personas.seeker.id),
    supporter_persona: clean(header.personas.supporter.id),
    seeker_traits: traits(session, 'seeker'),
    supporter_traits: traits(session, 'supporter'),
    emotion_type: esconv.emotion_type,
    problem_type: esconv.problem_type,
    situation: esconv.situation,
    experience_type: esconv.experience_type ?? null,
    dialog: esconv.dialog.map((m, i) => ({
      speaker: m.speaker,
      strategy: typeof m.annotation.strategy === 'string' && m.speaker === 'supporter' ? m.annotation.strategy : null,
      content: m.content,
      by: session.turns[i]!.by,
    })),
    messages,
  };
}
