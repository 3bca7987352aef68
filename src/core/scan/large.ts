// Files too large to analyse whole (generated bundles, data dumps): read in overlapping windows,
// so memory stays bounded whatever the size. Each window owns a core span of the file and sees a
// margin of text on both sides, so a call that straddles a boundary is seen whole by the window
// that owns it; a finding counts only when it lies in its window's core.

import { readSync } from 'node:fs';
import { decoder, type Encoding } from './decode.ts';

/** A window of a large file: its text and where that text starts in the file. */
export interface Window {
  text: string;
  /** 0-based line and column (UTF-16 units) in the file of the window's first character. */
  line: number;
  column: number;
  /** The span this window answers for, as offsets into `text`: [ownFrom, ownTo). */
  ownFrom: number;
  ownTo: number;
}

export interface WindowOptions {
  /** Characters each window owns (its core). */
  core: number;
  /** Characters of context on each side of the core. */
  margin: number;
}

const READ_BYTES = 1024 * 1024;

/**
 * Calls `visit` for each window of the file behind `fd`, whose first `n` bytes are already in
 * `first` (`skip` of them a byte-order mark). Windows start at a line start where the margin
 * holds one (lexing from a line start stays in step with the file); a line longer than the
 * margin is cut mid-line.
 */
export function forEachWindow(fd: number, first: Uint8Array, n: number, skip: number, encoding: Encoding, o: WindowOptions, visit: (w: Window) => void): void {
  const dec = decoder(encoding);
  let text = dec.decode(first.subarray(skip, n), { stream: true });
  let eof = false;
  const chunk = Buffer.allocUnsafe(READ_BYTES);
  const fill = (upTo: number): void => {
    while (!eof && text.length < upTo) {
      const r = readSync(fd, chunk, 0, chunk.length, null);
      if (r === 0) {
        eof = true;
        text += dec.decode();
      } else text += dec.decode(chunk.subarray(0, r), { stream: true });
    }
  };
  // `text` starts at file offset `base`, which is at line `line`, column `column`.
  let base = 0;
  let line = 0;
  let column = 0;
  let coreStart = 0; // file offset
  for (;;) {
    fill(coreStart - base + o.core + o.margin);
    const rel = coreStart - base;
    let coreEnd = Math.min(rel + o.core, text.length);
    if (coreEnd < text.length) {
      // End the core at a line end when one falls in its second half.
      const nl = text.lastIndexOf('\n', coreEnd - 1);
      if (nl >= rel + o.core / 2) coreEnd = nl + 1;
    }
    let winStart = Math.max(0, rel - o.margin);
    const nlBefore = text.indexOf('\n', winStart);
    if (winStart > 0 && nlBefore >= 0 && nlBefore < rel) winStart = nlBefore + 1;
    const winEnd = Math.min(text.length, coreEnd + o.margin);
    const at = advance(text, 0, winStart, line, column);
    visit({ text: text.slice(winStart, winEnd), line: at.line, column: at.column, ownFrom: rel - winStart, ownTo: coreEnd - winStart });
    if (coreEnd >= text.length && eof) return;
    // Drop what no later window needs (everything before the next window's earliest start).
    const keep = Math.max(0, coreEnd - o.margin);
    const moved = advance(text, 0, keep, line, column);
    line = moved.line;
    column = moved.column;
    text = text.slice(keep);
    base += keep;
    coreStart = base + (coreEnd - keep);
  }
}

/** The line and column after `text[from, to)`, starting from `line`/`column`. */
function advance(text: string, from: number, to: number, line: number, column: number): { line: number; column: number } {
  let l = line;
  let c = column;
  let i = from;
  for (let nl = text.indexOf('\n', i); nl >= 0 && nl < to; nl = text.indexOf('\n', i)) {
    l++;
    c = 0;
    i = nl + 1;
  }
  return { line: l, column: c + (to - i) };
}
