import type { ConversationSummary } from '../domain.js';
import type { LoadedSession } from './reader.js';

/**
 * The agents' running summary as a session left it: the newest 'summary' record
 * that covers only turns the log still has (a summary is written after the turns
 * it covers, so a crash cannot leave one ahead of them; a hand-edited log might).
 */
export function latestSummary(session: Pick<LoadedSession, 'records' | 'turns'>): ConversationSummary | undefined {
  const last = session.turns.at(-1)?.index ?? -1;
  let found: ConversationSummary | undefined;
  for (const record of session.records) {
    if (record.type !== 'summary' || typeof record.text !== 'string' || !Number.isInteger(record.throughTurn)) continue;
    if (record.throughTurn <= last && (!found || record.throughTurn >= found.throughTurn)) found = { throughTurn: record.throughTurn, text: record.text };
  }
  return found;
}
