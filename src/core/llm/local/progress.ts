/**
 * Download speed and time left, from the bytes seen over the last few seconds
 * (a whole-download average would hide a connection that just slowed down),
 * and the words and bar a terminal shows for them. Pure functions.
 */

export interface RateSample {
  atMs: number;
  bytes: number;
}

export const RATE_WINDOW_MS = 5000;

/** Adds a sample and drops those older than the window (keeping one just outside it as the baseline). */
export function addSample(samples: RateSample[], sample: RateSample, windowMs = RATE_WINDOW_MS): RateSample[] {
  const kept = [...samples, sample];
  while (kept.length > 2 && kept[1]!.atMs <= sample.atMs - windowMs) kept.shift();
  return kept;
}

/** Bytes per second across the samples; 0 until there are two a moment apart. */
export function bytesPerSecond(samples: readonly RateSample[]): number {
  const first = samples[0];
  const last = samples[samples.length - 1];
  if (!first || !last || last.atMs - first.atMs < 1) return 0;
  return ((last.bytes - first.bytes) * 1000) / (last.atMs - first.atMs);
}

export function etaSeconds(received: number, total: number | undefined, rate: number): number | undefined {
  if (total === undefined || rate <= 0 || received >= total) return total !== undefined && received >= total ? 0 : undefined;
  return (total - received) / rate;
}

/** Decimal units, as download sites show sizes: 1117320736 → "1.12 GB". */
export function formatBytes(bytes: number): string {
  const units = ['B', 'kB', 'MB', 'GB', 'TB'];
  let value = bytes;
  let unit = 0;
  while (value >= 1000 && unit < units.length - 1) {
    value /= 1000;
    unit++;
  }
  const digits = unit === 0 ? 0 : value < 10 ? 2 : value < 100 ? 1 : 0;
  return `${value.toFixed(digits)} ${units[unit]}`;
}

export function formatDuration(seconds: number): string {
  const s = Math.max(0, Math.round(seconds));
  if (s < 60) return `${s} s`;
  const m = Math.floor(s / 60);
  if (m < 60) return `${m} min ${s % 60} s`;
  return `${Math.floor(m / 60)} h ${m % 60} min`;
}

export interface ProgressView {
  receivedBytes: number;
  totalBytes?: number;
  bytesPerSecond: number;
  etaSeconds?: number;
}

/** "[#########-----------]  45%  503 MB / 1.12 GB  8.30 MB/s  1 min 14 s left", fitted to `width` columns. */
export function progressLine(p: ProgressView, width = 80): string {
  const amount = p.totalBytes !== undefined ? `${formatBytes(p.receivedBytes)} / ${formatBytes(p.totalBytes)}` : formatBytes(p.receivedBytes);
  const speed = p.bytesPerSecond > 0 ? `${formatBytes(p.bytesPerSecond)}/s` : '';
  const eta = p.etaSeconds !== undefined && p.bytesPerSecond > 0 ? `${formatDuration(p.etaSeconds)} left` : '';
  if (p.totalBytes === undefined || p.totalBytes <= 0) return [amount, speed].filter(Boolean).join('  ').slice(0, width);
  const fraction = Math.min(1, p.receivedBytes / p.totalBytes);
  const percent = `${String(Math.floor(fraction * 100)).padStart(3)}%`;
  const text = [percent, amount, speed, eta].filter(Boolean).join('  ');
  const barWidth = Math.min(30, width - text.length - 4);
  if (barWidth < 5) return text.slice(0, width);
  const filled = Math.round(fraction * barWidth);
  return `[${'#'.repeat(filled)}${'-'.repeat(barWidth - filled)}] ${text}`;
}
