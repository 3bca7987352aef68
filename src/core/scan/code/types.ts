// The data the code pipeline's passes hand on (code/pipeline.ts):
//   lex        text → Source (source.ts): literals, masked code, module-level scope
//   bindings   Source → Bindings: names bound to literals, tables, fal base-URL names
//   calls      Source + Bindings → fal calls, their id arguments, wrapper and caller arguments
//   references Source + Bindings → every literal left: URLs, joined bases, plain ids, config values
//   findings   link.ts: names resolved across the file and the project, findings sorted
// Every pass writes what it finds into the file's FileAnalysis through the Draft (draft.ts),
// which numbers the candidate literals once, so a literal found twice is one candidate.

import type { CallArg } from '../calls.ts';
import type { Assignment } from '../symbols.ts';

export type Known = ((id: string) => boolean) | undefined;

/** What a literal's value names: an id, the pattern that spelled it (`litellm`…), and whether that spelling is a call by itself. */
export interface LiteralId {
  id: string;
  via: string | null;
  call: boolean;
}

/** A call's arguments, split in the masked code, and the offset of its closing bracket. */
export interface ParsedArgs {
  args: CallArg[];
  close: number;
}

/** Output of the bindings pass. */
export interface Bindings {
  /** Every simple assignment of the file, in source order. */
  assignments: Assignment[];
  /** Names bound to object/array/dict tables → their candidate indices (live arrays). */
  tables: Map<string, number[]>;
  /** Names bound to a bare fal host (`base = "https://fal.run/"`). */
  baseNames: Set<string>;
}

/**
 * What the bounded scans of one file may still read (characters, or uses for argUses):
 * keeps a 5 MB line of `fal.run(fal.run(…` or templates linear. Spent by every pass alike.
 */
export interface Budget {
  /** Call-placement scans (place.ts). */
  place: number;
  /** Enclosing-function searches (params.ts). */
  param: number;
  /** Argument splits (Draft.parseArgs). */
  args: number;
  /** Literals bound to a name looked at as arguments too (references.ts). */
  argUses: number;
}
