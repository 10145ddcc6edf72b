import { endSummaryLines, type EndSummaryInput } from '../layout/endSummaryLines.js';
import { keysOf } from '../keys.js';
import { PANEL_CHROME, PanelBox } from './PanelBox.js';

export { countBarWidth } from '../layout/endSummaryLines.js';

export interface EndSummaryProps extends Omit<EndSummaryInput, 'leave'> {
  width: number;
  /** Full screen: at most this many rows, scrolled with ↑↓. */
  height?: number | undefined;
  scroll?: number;
  /** A replay goes back to the sessions, a conversation home. */
  leave?: string;
}

export const LEAVE_HOME = `Press ${keysOf('ended', 'home', 'show').replace(' / ', ' or ')} to go home · ${keysOf('app', 'quit')} to quit`;

/** The summary box at the end of a conversation: the strategy mix, agreement, drift, where it was saved. */
export function EndSummary({ width, height, scroll, leave = LEAVE_HOME, ...input }: EndSummaryProps) {
  const lines = endSummaryLines({ ...input, leave }, width - PANEL_CHROME.columns);
  return <PanelBox lines={lines} width={width} height={height} scroll={scroll ?? 0} border="accent" />;
}
