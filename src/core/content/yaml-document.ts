import { isMap, isSeq, isScalar, LineCounter, parseDocument, type Document, type Node } from 'yaml';
import { fieldPath, type Problem } from '../problem.ts';
import type { z } from 'zod';

/**
 * A YAML document that can tell on which line a field stands, so that every schema error
 * names its line. Parsed as YAML 1.2 (core schema): `no` stays a string, not a boolean.
 */
export interface LocatedYaml {
  data: unknown;
  /** 1-based line of the deepest node along `path` that exists (the key, for a present field). */
  lineOf(path: readonly PropertyKey[]): number;
}

export function parseLocatedYaml(
  text: string,
  file: string,
  lineOffset = 0,
): { ok: true; value: LocatedYaml } | { ok: false; problems: Problem[] } {
  const lines = new LineCounter();
  const doc = parseDocument(text, { lineCounter: lines, uniqueKeys: true, prettyErrors: false, strict: true });
  if (doc.errors.length > 0) {
    return {
      ok: false,
      problems: doc.errors.map((e) => {
        const pos = lines.linePos(e.pos[0]);
        return { code: 'yaml', file, line: pos.line + lineOffset, column: pos.col, message: `malformed YAML: ${firstLine(e.message)}` };
      }),
    };
  }
  const data = doc.toJS({ maxAliasCount: 100 }) as unknown;
  return {
    ok: true,
    value: { data, lineOf: (path) => lines.linePos(offsetOf(doc, path)).line + lineOffset },
  };
}

function offsetOf(doc: Document, path: readonly PropertyKey[]): number {
  let node: unknown = doc.contents;
  let offset = rangeStart(node) ?? 0;
  for (const seg of path) {
    if (isMap(node)) {
      const pair = node.items.find((p) => isScalar(p.key) && String(p.key.value) === String(seg));
      if (!pair) break;
      offset = rangeStart(pair.key) ?? offset;
      node = pair.value;
    } else if (isSeq(node) && typeof seg === 'number') {
      const item = node.items[seg];
      if (item === undefined) break;
      offset = rangeStart(item) ?? offset;
      node = item;
    } else break;
  }
  return offset;
}

function rangeStart(node: unknown): number | undefined {
  const range = (node as Node | null | undefined)?.range;
  return range ? range[0] : undefined;
}

function firstLine(s: string): string {
  return s.split('\n')[0] ?? s;
}

/** zod issues → one problem per issue, each with the line of its field. */
export function schemaProblems(error: z.ZodError, file: string, doc: LocatedYaml | null): Problem[] {
  return error.issues.map((issue) => ({
    code: 'schema' as const,
    file,
    ...(doc ? { line: doc.lineOf(issue.path) } : {}),
    field: fieldPath(issue.path) || '(root)',
    message: issue.message,
  }));
}
