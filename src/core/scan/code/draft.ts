// The file's analysis while the passes fill it: the FileAnalysis that linking reads, and
// the bookkeeping that makes each literal one candidate however many passes find it.

import { isFalOwned, isIdShaped, normalizeLegacyId, normalizeLiteLlm, normalizePromptfoo } from '../ids.ts';
import { splitArgs } from '../calls.ts';
import type { Candidate, FileAnalysis } from '../model.ts';
import type { Source } from './source.ts';
import type { Budget, Known, LiteralId, ParsedArgs } from './types.ts';

export class Draft {
  readonly out: FileAnalysis;
  readonly src: Source;
  readonly isKnown: Known;
  /** The candidate index of each literal (by literal index) that has one. */
  readonly candidateOf = new Map<number, number>();
  /** Literals a fal call takes as its id (or joined to a fal host): never read again as plain literals. */
  readonly claimed = new Set<number>();
  /** Literals in a router call's arguments (the model inside an `any-llm` input): never findings. */
  readonly excluded = new Set<number>();
  readonly budget: Budget = { place: 2_000_000, param: 2_000_000, args: 5_000_000, argUses: 2000 };

  constructor(out: FileAnalysis, src: Source, isKnown: Known) {
    this.out = out;
    this.src = src;
    this.isKnown = isKnown;
  }

  /**
   * The candidate for literal `li`, added on first sight. Seen again, a call makes it a call
   * (with this id and via), a reference upgrades a candidate that was neither.
   */
  candidate(li: number, id: string, via: string, kind: Candidate['kind']): number {
    const candidates = this.out.candidates;
    const existing = this.candidateOf.get(li);
    if (existing !== undefined) {
      const c = candidates[existing]!;
      if (kind === 'call') { c.kind = 'call'; c.id = id; c.via = via; }
      else if (kind === 'reference' && c.kind === null) c.kind = 'reference';
      return existing;
    }
    const l = this.src.literals[li]!;
    candidates.push({ offset: l.start, raw: this.src.rawOf(l), id, via, kind });
    this.candidateOf.set(li, candidates.length - 1);
    return candidates.length - 1;
  }

  /** 'reference' for an id reportable on its own (fal-owned or catalog-known), else null. */
  referenceKind(id: string): Candidate['kind'] {
    return isFalOwned(id) || (this.isKnown?.(id) ?? false) ? 'reference' : null;
  }

  /** What a literal's value names: LiteLLM and promptfoo forms (calls by themselves), ids, legacy numeric ids. */
  idOf(value: string): LiteralId | null {
    if (value.startsWith('fal_ai/')) {
      const id = normalizeLiteLlm(value, this.isKnown);
      return id ? { id, via: 'litellm', call: true } : null;
    }
    if (value.startsWith('fal:image:')) {
      const id = normalizePromptfoo(value);
      return id ? { id, via: 'promptfoo', call: true } : null;
    }
    if (isIdShaped(value)) return { id: value, via: null, call: false };
    // Legacy numeric app ids (`110602490-lcm`) only count once a call uses them: never a reference alone.
    const legacy = normalizeLegacyId(value);
    return legacy ? { id: legacy, via: null, call: false } : null;
  }

  /** The arguments of the call whose `(` is at `open`, within what the file's argument budget allows. */
  parseArgs(open: number): ParsedArgs {
    const parsed = splitArgs(this.src.code, open, Math.max(200, Math.min(20_000, this.budget.args)));
    this.budget.args -= parsed.close - open;
    return parsed;
  }
}
