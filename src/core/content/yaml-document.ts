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
  const deep = flowNestingBeyond(text, MAX_NESTING);
  if (deep !== -1) {
    const line = text.slice(0, deep).split('\n').length;
    return { ok: false, problems: [{ code: 'yaml', file, line: line + lineOffset, message: `malformed YAML: nested deeper than ${MAX_NESTING} levels` }] };
  }
  const lines = new LineCounter();
  const doc = parseDocument(text, { lineCounter: lines, uniqueKeys: true, prettyErrors: false, strict: true });
  if (doc.errors.length > 0) {
    return {
      ok: false,
      problems: doc.errors.map((e) => {
        const pos = lines.linePos(e.pos[0]);
        // The parser reports its own stack overflow as an error; say what it means.
        const why = /call stack/i.test(e.message) ? `nested deeper than this parser can follow` : firstLine(e.message);
        return { code: 'yaml', file, line: pos.line + lineOffset, column: pos.col, message: `malformed YAML: ${why}` };
      }),
    };
  }
  let data: unknown;
  try {
    // Aliases are resolved here; an unresolved one or an alias bomb throws, and is reported as such.
    data = doc.toJS({ maxAliasCount: 100 });
  } catch (e) {
    return { ok: false, problems: [{ code: 'yaml', file, line: 1 + lineOffset, message: `malformed YAML: ${firstLine((e as Error).message).trim()}` }] };
  }
  return {
    ok: true,
    value: { data, lineOf: (path) => lines.linePos(offsetOf(doc, path)).line + lineOffset },
  };
}

/** No policy or content file needs more; deeper input is refused before the recursive parser sees it. */
export const MAX_NESTING = 64;

/**
 * Offset where `[`/`{` nesting first exceeds `max` (quoted strings skipped), or -1. One linear
 * pass, so hostile input (`[[[[…`) is refused fast instead of exhausting the parser's stack.
 */
export function flowNestingBeyond(text: string, max: number): number {
  let depth = 0;
  let quote = '';
  for (let i = 0; i < text.length; i++) {
    const c = text[i];
    if (quote) {
      if (c === '\\' && quote === '"') i++;
      else if (c === quote) quote = '';
    } else if (c === '"' || c === "'") {
      // A quote opens a string only where YAML allows one to start (not inside a plain scalar like it's).
      const prev = i === 0 ? ' ' : text[i - 1]!;
      if (/[\s\[{,:]/.test(prev)) quote = c;
    } else if (c === '[' || c === '{') {
      if (++depth > max) return i;
    } else if (c === ']' || c === '}') {
      depth = Math.max(0, depth - 1);
    }
  }
  return -1;
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
