// Analysis of one source file in a programming language (and JSON/TOML, which share the
// lexer): fal calls, the literals they use, constants, references. A short pipeline of passes,
// each reading the previous ones' output (types.ts); linking (link.ts) makes the findings.

import type { CodeLanguage } from '../lang/types.ts';
import type { FileAnalysis } from '../model.ts';
import type { Known } from './types.ts';
import { Source } from './source.ts';
import { Draft } from './draft.ts';
import { bindingsPass } from './bindings.ts';
import { callsPass } from './calls.ts';
import { referencesPass } from './references.ts';

export function analyzeCode(a: FileAnalysis, text: string, language: CodeLanguage, isKnown: Known): void {
  const src = new Source(text, a.lines, language); // 1. lex: literals, masked code, module scope
  for (const name of src.imports) a.imports.add(name);
  const draft = new Draft(a, src, isKnown);
  const bindings = bindingsPass(src, draft); //      2. names bound to literals, tables, fal bases
  callsPass(src, draft, bindings); //                3. fal calls and what their ids read
  referencesPass(src, draft, bindings); //           4. every other literal
}
