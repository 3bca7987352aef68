// Bytes to text for the scanner. Source files are UTF-8 almost always, but editors on Windows
// save UTF-16 (PowerShell, Visual Studio) and some add a UTF-8 byte-order mark: both are text,
// and calling them binary would let a call inside pass unchecked.

export type Encoding = 'utf-8' | 'utf-16le' | 'utf-16be';

/** What the first bytes of a file say: its encoding and how many BOM bytes to drop, or binary. */
export type Sniffed = { encoding: Encoding; bom: number } | { binary: true };

const SNIFF_BYTES = 8192;

/**
 * The encoding of a file from its first bytes: a BOM decides (UTF-8, UTF-16 LE/BE); without
 * one, a NUL byte in the first 8 KiB means binary unless the bytes are plainly UTF-16 text
 * (every other byte NUL, the rest printable), which some tools write without a BOM.
 */
export function sniff(buf: Uint8Array, n: number): Sniffed {
  if (n >= 3 && buf[0] === 0xef && buf[1] === 0xbb && buf[2] === 0xbf) return { encoding: 'utf-8', bom: 3 };
  if (n >= 2 && buf[0] === 0xff && buf[1] === 0xfe) {
    // FF FE 00 00 is UTF-32 LE: not a source encoding any tool here writes.
    if (n >= 4 && buf[2] === 0 && buf[3] === 0) return { binary: true };
    return { encoding: 'utf-16le', bom: 2 };
  }
  if (n >= 2 && buf[0] === 0xfe && buf[1] === 0xff) return { encoding: 'utf-16be', bom: 2 };
  const end = Math.min(n, SNIFF_BYTES);
  const nul = buf.subarray(0, end).indexOf(0);
  if (nul < 0) return { encoding: 'utf-8', bom: 0 };
  return bomlessUtf16(buf, end) ?? { binary: true };
}

/** UTF-16 without a BOM: NULs on one parity only, and text-like bytes on the other. */
function bomlessUtf16(buf: Uint8Array, end: number): Sniffed | null {
  const pairs = Math.floor(end / 2);
  if (pairs < 8) return null;
  let evenNul = 0;
  let oddNul = 0;
  let textLike = 0;
  for (let i = 0; i + 1 < end; i += 2) {
    const a = buf[i]!;
    const b = buf[i + 1]!;
    if (a === 0) evenNul++;
    if (b === 0) oddNul++;
    const c = a === 0 ? b : a;
    if (c === 9 || c === 10 || c === 13 || (c >= 32 && c < 127)) textLike++;
  }
  if (oddNul >= pairs * 0.9 && evenNul === 0 && textLike >= pairs * 0.9) return { encoding: 'utf-16le', bom: 0 };
  if (evenNul >= pairs * 0.9 && oddNul === 0 && textLike >= pairs * 0.9) return { encoding: 'utf-16be', bom: 0 };
  return null;
}

/** A streaming decoder for one encoding (multi-byte characters split across reads are kept whole). */
export function decoder(encoding: Encoding): TextDecoder {
  // Node's TextDecoder knows utf-16le natively; utf-16be needs full ICU, which official builds have.
  return new TextDecoder(encoding, { fatal: false, ignoreBOM: true });
}

/** The whole text of a buffer already read, in the sniffed encoding, without its BOM. */
export function decodeAll(buf: Uint8Array, n: number, s: { encoding: Encoding; bom: number }): string {
  if (s.encoding === 'utf-8') return Buffer.from(buf.buffer, buf.byteOffset + s.bom, n - s.bom).toString('utf8');
  return decoder(s.encoding).decode(buf.subarray(s.bom, n));
}
