import { downloadProgressText, formatBytes, type DownloadEvent } from '../app/local.js';
import { terminalWidth } from './io.js';

/**
 * Download progress for the terminal: one bar redrawn in place on a TTY, plain
 * lines (every tenth of the way) when piped to a file or another program.
 */
export function downloadPrinter(stream: NodeJS.WritableStream, isTTY: boolean): { onEvent: (e: DownloadEvent) => void; end: () => void } {
  let barShown = false;
  let lastTenth = -1;
  const line = (text: string) => {
    if (barShown) stream.write('\r\x1b[K');
    barShown = false;
    stream.write(`${text}\n`);
  };
  return {
    onEvent(e) {
      switch (e.type) {
        case 'start':
          if (e.resumeFrom > 0) line(`  continuing from ${formatBytes(e.resumeFrom)}${e.totalBytes ? ` of ${formatBytes(e.totalBytes)}` : ''}`);
          break;
        case 'progress':
          if (isTTY) {
            stream.write(`\r${downloadProgressText(e, terminalWidth(stream) - 3)}\x1b[K`);
            barShown = true;
          } else if (e.totalBytes) {
            const tenth = Math.floor((e.receivedBytes / e.totalBytes) * 10);
            if (tenth > lastTenth) {
              lastTenth = tenth;
              line(`  ${downloadProgressText(e, 100)}`);
            }
          }
          break;
        case 'resume':
          line(`  connection lost (${e.reason}); resuming from ${formatBytes(e.resumeFrom)} (try ${e.attempt})`);
          break;
        case 'verifying':
          line('  checking the SHA-256…');
          break;
        case 'done':
          line(`  verified, ${formatBytes(e.sizeBytes)}`);
          break;
      }
    },
    end() {
      if (barShown) stream.write('\n');
      barShown = false;
    },
  };
}
