import { readFile } from 'node:fs/promises';

/** A TSV file as records keyed by its header; a row with the wrong number of cells is an error, not a guess. */
export async function readTsv(file: string): Promise<Record<string, string>[]> {
  const text = await readFile(file, 'utf8');
  const lines = text.split(/\r?\n/).filter((l) => l.length > 0);
  const header = (lines.shift() ?? '').split('\t');
  return lines.map((line, i) => {
    const cells = line.split('\t');
    if (cells.length !== header.length) {
      throw new Error(`${file}:${i + 2}: expected ${header.length} cells, found ${cells.length}`);
    }
    return Object.fromEntries(header.map((h, j) => [h, cells[j]!.trim()]));
  });
}

/** Values the reference uses for "nothing stated here". */
export function isNone(value: string | undefined): boolean {
  return value === undefined || /^(?:|-|none|none in license|none stated|none explicit|n\/a|no|no separate notice)$/i.test(value.trim());
}

export function isUnknown(value: string | undefined): boolean {
  return value !== undefined && /^unknown\b/i.test(value.trim());
}
