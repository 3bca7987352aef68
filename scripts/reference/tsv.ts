import { readFile } from 'node:fs/promises';
import type { z } from 'zod';

/** A TSV file as records keyed by its header; a row with the wrong number of cells is an error, not a guess. */
export async function readTsv(file: string): Promise<Record<string, string>[]> {
  return (await readTsvLines(file)).map((r) => r.record);
}

/** The same, with each record's line number, for errors that name file, line and field. */
export async function readTsvLines(file: string): Promise<{ line: number; record: Record<string, string> }[]> {
  const text = await readFile(file, 'utf8');
  const lines = text.split(/\r?\n/);
  const header = (lines.shift() ?? '').split('\t');
  const out: { line: number; record: Record<string, string> }[] = [];
  lines.forEach((line, i) => {
    if (line.length === 0) return;
    const cells = line.split('\t');
    if (cells.length !== header.length) {
      throw new Error(`${file}:${i + 2}: expected ${header.length} cells, found ${cells.length}`);
    }
    out.push({ line: i + 2, record: Object.fromEntries(header.map((h, j) => [h, cells[j]!.trim()])) });
  });
  return out;
}

/** A row that fails its schema: one line naming the file, the line and the field. */
export function rowError(file: string, line: number, error: z.ZodError): Error {
  const issue = error.issues[0]!;
  return new Error(`${file}:${line}: ${issue.path.join('.') || '(row)'}: ${issue.message}`);
}

/** Values the reference uses for "nothing stated here". */
export function isNone(value: string | undefined): boolean {
  return value === undefined || /^(?:|-|none|none in license|none stated|none explicit|n\/a|no|no separate notice)$/i.test(value.trim());
}

export function isUnknown(value: string | undefined): boolean {
  return value !== undefined && /^unknown\b/i.test(value.trim());
}
