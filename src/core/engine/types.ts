import type { ChatClient } from '../llm/types.js';
import type { Persona } from '../personas/schema.js';
import type { SessionRecorder } from '../sessions/recorder.js';
import type { Strategy } from '../strategies.js';
import type { Arm, Condition, ConversationSummary, EngineKind, ExperimentRef, Mode, SessionHeader } from '../domain.js';
import type { EngineEvent, Turn } from './events.js';

export interface ConversationOptions {
  seeker: Persona;
  supporter: Persona;
  condition: Condition;
  engine: EngineKind;
  mode: Mode;
  /** Total turns (seeker + supporter messages) before the conversation ends. */
  turnCap: number;
  seed?: number;
  temperature?: number;
  clients: { seeker: ChatClient; supporter: ChatClient; judge?: ChatClient };
  /** Folder for the session log; null writes nothing (tests, benchmarks). */
  sessionsDir: string | null;
  /** Start paused: nothing is requested until resume() or step(). */
  startPaused?: boolean;
  /**
   * Continue an earlier session: its header, its finished turns, and its log
   * opened with SessionRecorder.continue (which the conversation closes when it
   * ends; without one nothing is recorded).
   */
  resume?: { header: SessionHeader; turns: Turn[]; recorder?: SessionRecorder; summary?: ConversationSummary };
  /**
   * A fork: start after these finished turns of another session. The new log
   * copies `lines` (the parent's records of them, verbatim) after its header.
   */
  copied?: { turns: Turn[]; lines: string[] };
  /** Where a new session came from, written into its header: the fork it is, the comparison it is a side of. */
  origin?: Pick<SessionHeader, 'fork' | 'comparison'>;
  /**
   * Trait judge cadence when clients.judge is set: 0 off, 1 after every turn, N every N turns.
   * Default 1. The judge runs alongside the conversation and never delays a turn.
   */
  judgeCadence?: number;
  /** Classify every supporter turn's perceived strategy with the judge client. Default true when there is one. */
  perceive?: boolean;
  /** Save each AI turn's reasoning (when the model sent any) on its turn record. Default false. */
  keepReasoning?: boolean;
  /** Max whole-turn retries after a cut or idle stream before pausing with an error. */
  turnRetries?: number;
  appVersion?: string;
  /**
   * Agents engine: the agents read at most this many latest turns word for word, and a
   * running summary of the turns before them (core/engine/history-window.ts); the
   * trait judge reads the same way. 0 or absent: the whole conversation.
   */
  window?: number;
  /**
   * How long a conversation that ran its course waits for the meter's last calls
   * before it closes; what is not done by then stays pending for `measure`.
   * Default: one average turn of this conversation, from 2 s to 60 s.
   */
  finalWaitMs?: number;
  /** The seeker agent's prompt carries its own HEXACO and CSI (default true); false is the paper's "without persona" seeker. */
  seekerTraits?: boolean;
  /** The new session's id (default: a time-stamped one); an experiment names its conversations itself. */
  sessionId?: string;
  /** Recorded in a new session's header: the experiment arm and conversation. */
  arm?: Arm;
  experiment?: ExperimentRef;
  /**
   * Leave the new log's fsyncs to its close (SessionRecorder's syncOnlyOnClose). Every
   * record is still written before its event, so a killed process loses nothing; only
   * a power cut can take the last turns of a running conversation. For many
   * conversations at once, where an fsync per turn holds every one of them. Default false.
   */
  syncOnClose?: boolean;
}

/**
 * A running conversation. Core logic, no UI: a front end reads events() and calls
 * the controls. events() has a single consumer and finishes after 'ended'.
 */
export interface Conversation {
  events(): AsyncGenerator<EngineEvent, void, undefined>;
  /** Finish the current turn, then hold. */
  pause(): void;
  resume(): void;
  /** While paused: run exactly one more turn, then hold again. */
  step(): void;
  /** The next AI supporter turn uses this strategy (undefined clears it). */
  steer(strategy: Strategy | undefined): void;
  /** End now: the streaming turn is cancelled (not saved), finished turns are kept. */
  stop(): void;
  /** In join modes, the human's message for the turn announced by 'awaiting-human'. */
  submitHuman(text: string, strategy?: Strategy): void;
  readonly sessionPath: string | undefined;
}
