import type { Turn } from '../domain.js';

/** Replay speeds: a multiplier on the recorded pace, or no waiting at all. */
export type ReplaySpeed = 1 | 2 | 4 | 'instant';
export const REPLAY_SPEEDS: readonly ReplaySpeed[] = [1, 2, 4, 'instant'];
/** Any multiplier on the recorded pace (the UI offers REPLAY_SPEEDS), or no waiting at all. */
export type ReplayPace = number | 'instant';

/** A long silence in the recording (a slow model, a paused session) is not worth waiting for on stage. */
export const MAX_GAP_MS = 8_000;
/** Text streams no faster than a reader follows it, and no slower than this per character. */
export const STREAM_MS_PER_CHAR = 25;
/** Share of a turn's gap at most spent streaming; the rest is the "thinking" wait before it. */
const MAX_STREAM_SHARE = 0.7;

export interface TurnTiming {
  /** Wait before the turn starts (the model thinking), at 1×. */
  thinkMs: number;
  /** Time over which its text streams, at 1×. */
  streamMs: number;
}

export function parseReplaySpeed(text: string): ReplaySpeed | undefined {
  if (text === 'instant' || text === '0') return 'instant';
  const n = Number(text);
  return n === 1 || n === 2 || n === 4 ? n : undefined;
}

export function speedLabel(speed: ReplayPace): string {
  return speed === 'instant' ? 'instant' : `×${speed}`;
}

/** Milliseconds at `speed` for a duration recorded at 1×. */
export function scaled(ms: number, speed: ReplayPace): number {
  return speed === 'instant' ? 0 : Math.max(0, Math.round(ms / speed));
}

/**
 * When timestamps say nothing (imports write equal ones, a clock jumped back),
 * a turn takes about as long as a person reading it would: a second plus 35 ms a character.
 */
export function defaultGapMs(text: string): number {
  return Math.min(MAX_GAP_MS, 1_000 + 35 * text.length);
}

function ms(iso: string | undefined): number | undefined {
  if (!iso) return undefined;
  const t = Date.parse(iso);
  return Number.isFinite(t) ? t : undefined;
}

/**
 * The recorded gap before each turn finished: from the previous turn's finish
 * (the session's start for the first turn), capped at MAX_GAP_MS.
 */
export function recordedGaps(turns: readonly Turn[], createdAt: string): number[] {
  return turns.map((turn, i) => {
    const from = i === 0 ? (ms(turn.startedAt) ?? ms(createdAt)) : ms(turns[i - 1]?.finishedAt);
    const to = ms(turn.finishedAt);
    const gap = from !== undefined && to !== undefined ? to - from : 0;
    return gap > 0 ? Math.min(gap, MAX_GAP_MS) : defaultGapMs(turn.text);
  });
}

/** Splits a turn's gap into a thinking wait and a streaming time that suits its length. */
export function turnTimings(turns: readonly Turn[], createdAt: string): TurnTiming[] {
  return recordedGaps(turns, createdAt).map((gap, i) => {
    const chars = turns[i]?.text.length ?? 0;
    const streamMs = Math.round(Math.min(gap * MAX_STREAM_SHARE, chars * STREAM_MS_PER_CHAR));
    return { thinkMs: gap - streamMs, streamMs };
  });
}

/** Small pieces (a word or so) so text appears to stream; joined they give the text back exactly. */
export function streamChunks(text: string, size = 6): string[] {
  const chunks: string[] = [];
  let rest = text;
  while (rest.length > 0) {
    // Cut after the first space at or past `size`, so words arrive whole.
    const space = rest.indexOf(' ', size - 1);
    const cut = space < 0 ? rest.length : Math.min(space + 1, rest.length);
    let end = cut > size * 3 ? size * 3 : cut;
    // Never split a surrogate pair (an emoji) across two chunks.
    if (end < rest.length && /[\uD800-\uDBFF]/.test(rest.charAt(end - 1))) end += 1;
    chunks.push(rest.slice(0, end));
    rest = rest.slice(end);
  }
  return chunks;
}

/**
 * The one wait a replay is in at a time, which stop(), pause(), a step or a new
 * speed can cut short (the replay then goes on at once, by its new rules).
 */
export class CuttableWait {
  private cutShort: (() => void) | undefined;

  /** Resolves after `ms`, or at once when `stopped` says so, or when cut. */
  sleep(ms: number, stopped: boolean): Promise<void> {
    if (ms <= 0 || stopped) return Promise.resolve();
    return new Promise((resolve) => {
      const done = () => {
        clearTimeout(timer);
        if (this.cutShort === done) this.cutShort = undefined;
        resolve();
      };
      const timer = setTimeout(done, ms);
      this.cutShort = done;
    });
  }

  cut(): void {
    const cut = this.cutShort;
    this.cutShort = undefined;
    cut?.();
  }
}
