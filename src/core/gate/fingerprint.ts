import { createHash } from 'node:crypto';

/**
 * A finding's identity across commits: file, what it calls and the text of its line, but not
 * the line number, so a baseline survives code moving up or down the file.
 */
export function findingFingerprint(file: string, subject: string, kind: string, lineText: string): string {
  return createHash('sha256').update([file, subject, kind, lineText.replace(/\s+/g, ' ').trim()].join('\0')).digest('hex').slice(0, 32);
}

/** SARIF's primaryLocationLineHash: the line's text hash with the occurrence index, as GitHub expects (`hash:n`). */
export function lineHash(lineText: string, occurrence: number): string {
  return `${createHash('sha256').update(lineText.replace(/\s+/g, '')).digest('hex').slice(0, 16)}:${occurrence}`;
}
