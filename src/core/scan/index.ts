// Public API of the scanner: walk a project (or read one text) and return
// findings — every place the code names a fal endpoint — sorted and deterministic.
// The scanner does not judge: catalog resolution and policy happen downstream.

import { analyzeFile } from './analyze.ts';
import { link } from './link.ts';
import { walk } from './walk.ts';
import type { Finding, ScanOptions, ScanResult } from './types.ts';

export type { Finding, FindingKind, ScanNote, ScanNoteCode, ScanOptions, ScanResult, UsageContext } from './types.ts';
export { usageOf } from './context.ts';

/** Scan one file's text (pure; no project-wide constants or .env values). */
export function scanSource(relPath: string, text: string, options: Pick<ScanOptions, 'isKnownEndpoint'> = {}): Finding[] {
  return link([analyzeFile(relPath, text, options.isKnownEndpoint)]);
}

/** Scan a project tree: walk, analyze every file, then link constants across files. */
export async function scanProject(root: string, options: ScanOptions = {}): Promise<ScanResult> {
  const { files, notes } = await walk(root, options);
  const analyses = files.map((f) => analyzeFile(f.relPath, f.text, options.isKnownEndpoint));
  return { findings: link(analyses), notes, filesScanned: files.length };
}
