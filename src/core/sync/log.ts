/** Where a sync reports as it goes. Progress is transient; the rest are lines. */
export interface SyncLogger {
  progress(text: string): void;
  info(line: string): void;
  warn(line: string): void;
}

export const silentLogger: SyncLogger = { progress() {}, info() {}, warn() {} };

interface Stream {
  write(s: string): unknown;
  isTTY?: boolean;
}

/**
 * Logs to a stream (stderr by default, keeping stdout for the changelog). On a terminal the
 * progress line is rewritten in place (`\r`); elsewhere (CI logs, pipes) each update is a line.
 */
export function streamLogger(stream: Stream): SyncLogger {
  const tty = stream.isTTY === true;
  let open = false;
  const end = () => {
    if (open) stream.write('\n');
    open = false;
  };
  return {
    progress(text) {
      if (tty) {
        stream.write(`\r${text}\x1b[K`);
        open = true;
      } else stream.write(`${text}\n`);
    },
    info(line) {
      end();
      stream.write(`${line}\n`);
    },
    warn(line) {
      end();
      stream.write(`warning: ${line}\n`);
    },
  };
}
