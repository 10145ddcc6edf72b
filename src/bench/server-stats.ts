import { isAgentRequest, requestKind } from '../devtools/demo-handler.js';
import { promptTokens, roughTokens, type RecordedRequest, type Reply } from '../devtools/fake-openai-server.js';

/** What the loopback server saw, by request kind: how the bench counts calls, prompt sizes and tokens. */
export interface KindStats {
  calls: number;
  promptChars: number;
  promptTokens: number;
  completionTokens: number;
}

export interface ServerStats {
  byKind: Record<string, KindStats>;
  /** Characters in the messages of each seeker/supporter request, in arrival order (one per turn). */
  generationPrompts: number[];
  /** The largest trait-judge prompt, in characters. */
  largestJudgePrompt: number;
  /** How long each finished seeker/supporter call took at the server, ms. */
  agentCallMs: number[];
  inFlight: number;
  /** ms since the last request arrived or settled (very large before the first). */
  quietForMs: number;
}

interface Seen {
  request: RecordedRequest;
  kind: string;
  chars: number;
}

function replyText(reply: Reply): string {
  if (reply.kind === 'delay') return replyText(reply.then);
  return reply.kind === 'text' || reply.kind === 'cut' || reply.kind === 'idle' ? reply.content : '';
}

/** Records every chat request and the reply chosen for it; the summary is computed on demand. */
export function createStatsRecorder() {
  const seen: Seen[] = [];
  const byKind: Record<string, KindStats> = {};
  return {
    record(request: RecordedRequest, reply: Reply): void {
      const kind = requestKind(request) ?? 'other';
      const chars = (request.body.messages ?? []).reduce((n, m) => n + String(m.content).length, 0);
      const k = (byKind[kind] ??= { calls: 0, promptChars: 0, promptTokens: 0, completionTokens: 0 });
      k.calls += 1;
      k.promptChars += chars;
      // The same counts the server puts in the reply's usage chunk.
      k.promptTokens += promptTokens(request.body);
      k.completionTokens += roughTokens(replyText(reply));
      seen.push({ request, kind, chars });
    },
    stats(now: number): ServerStats {
      const agents = seen.filter((s) => isAgentRequest(s.request));
      const times = seen.flatMap((s) => [s.request.receivedAt ?? 0, s.request.settledAt ?? 0]);
      return {
        byKind: structuredClone(byKind),
        generationPrompts: agents.map((s) => s.chars),
        largestJudgePrompt: Math.max(0, ...seen.filter((s) => s.kind === 'trait_estimate').map((s) => s.chars)),
        agentCallMs: agents.flatMap((s) => (s.request.settledAt !== undefined && s.request.receivedAt !== undefined ? [s.request.settledAt - s.request.receivedAt] : [])),
        inFlight: seen.filter((s) => s.request.settledAt === undefined).length,
        quietForMs: seen.length === 0 ? Number.MAX_SAFE_INTEGER : now - Math.max(...times),
      };
    },
  };
}
