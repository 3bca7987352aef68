// What a file says at module level, read while lexing: the variables that hold a fal client
// (`import * as falClient`, `createFalClient(…)`, `SyncClient()`), the bare functions it imports
// from fal_client, and every name it imports from elsewhere (for linking across files).
// The import forms are JavaScript's and Python's; like every rule not in lang/*.ts they are
// tried on every file.

import type { CallContext } from '../calls.ts';
import type { Source } from './source.ts';

export const CLIENT_FACTORIES = ['createFalClient', 'createFal', 'SyncClient', 'AsyncClient', 'FalClient'];
/** Bounds that keep pathological inputs (a 5 MB line of `a=a=…`) linear; real files stay far below. */
export const MAX_FACTORY_HITS = 1000;

type ScopeSource = Pick<Source, 'text' | 'code' | 'language' | 'lineStartOf'>;

export function fileScope(src: ScopeSource): { calls: CallContext; imports: Set<string> } {
  const calls: CallContext = { language: src.language, clientVars: new Set(), bareFunctions: new Set() };
  const imports = new Set<string>();
  const lines = src.code.split('\n');
  let lineOffset = 0;
  for (const line of lines) {
    const start = lineOffset;
    lineOffset += line.length + 1;
    if (line.length > 2000) continue;
    const t = line.trim();
    if (!/^(import|from|export|const|let|var|use|require)\b/.test(t) && !t.includes('require(')) continue;
    const orig = src.text.slice(start, start + line.length);
    if (/@fal-ai\/|@ai-sdk\/fal|fal_client|fal-client/.test(orig)) falImports(orig, calls);
    namedImports(orig, imports);
  }
  clientFactories(src, calls.clientVars);
  return { calls, imports };
}

/** An import of a fal SDK: the names it binds to the client, or the bare functions it takes from fal_client. */
function falImports(line: string, calls: CallContext): void {
  const star = /import\s+\*\s+as\s+([A-Za-z_$][\w$]*)/.exec(line);
  if (star) calls.clientVars.add(star[1]!);
  const alias = /\bfal\s+as\s+([A-Za-z_$][\w$]*)/.exec(line);
  if (alias) calls.clientVars.add(alias[1]!);
  const req = /(?:const|let|var)\s+([A-Za-z_$][\w$]*)\s*=\s*require\(/.exec(line);
  if (req) calls.clientVars.add(req[1]!);
  const pyAlias = /^\s*import\s+fal_client\s+as\s+(\w+)/.exec(line);
  if (pyAlias) calls.clientVars.add(pyAlias[1]!);
  const pyFrom = /^\s*from\s+fal_client\s+import\s+\(?([^)]*)/.exec(line);
  if (pyFrom) {
    for (const part of pyFrom[1]!.split(',')) {
      const m = /^\s*(\w+)(?:\s+as\s+(\w+))?/.exec(part);
      if (m && !CLIENT_FACTORIES.includes(m[1]!)) calls.bareFunctions.add(m[2] ?? m[1]!);
    }
  }
}

/** Names imported by name: `from app.models import MODEL, OTHER as O`, `import D, { A, B as C } from "…"`. */
function namedImports(line: string, imports: Set<string>): void {
  const pyNames = /^\s*from\s+[\w.]+\s+import\s+\(?([^)#]*)/.exec(line);
  if (pyNames) for (const part of pyNames[1]!.split(',')) {
    const m = /^\s*(\w+)(?:\s+as\s+(\w+))?/.exec(part);
    if (m) imports.add(m[2] ?? m[1]!);
  }
  const jsNames = /import\s+(?:type\s+)?(?:([A-Za-z_$][\w$]*)\s*,?\s*)?(?:\{([^}]*)\})?\s*from/.exec(line);
  if (jsNames) {
    if (jsNames[1]) imports.add(jsNames[1]);
    for (const part of (jsNames[2] ?? '').split(',')) {
      const m = /^\s*(?:type\s+)?([A-Za-z_$][\w$]*)(?:\s+as\s+([A-Za-z_$][\w$]*))?/.exec(part);
      if (m) imports.add(m[2] ?? m[1]!);
    }
  }
}

/** `const client = createFalClient(…)`, `new FalClient<…>(…)`, static factories `FalClient.withCredentials(key)`. */
function clientFactories(src: ScopeSource, clientVars: Set<string>): void {
  const code = src.code;
  for (const factory of CLIENT_FACTORIES) {
    let at = code.indexOf(factory);
    let hits = 0;
    while (at >= 0 && hits++ < MAX_FACTORY_HITS) {
      const after = code.slice(at + factory.length, at + factory.length + 20);
      const before = code.slice(Math.max(src.lineStartOf(at), at - 200), at);
      const m = /([A-Za-z_$][\w$]*)\s*(?::[^=]*)?:?=\s*(?:await\s+)?(?:new\s+)?(?:[\w$]+\.)*$/.exec(before);
      if ((/^\s*[(<]/.test(after) || /^\.\s*(?:with\w*|create\w*|builder|fromEnv\w*)\s*\(/.test(after)) && m) clientVars.add(m[1]!.replace(/^\$/, ''));
      at = code.indexOf(factory, at + factory.length);
    }
  }
}
