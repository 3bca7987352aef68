// fal base URLs joined to an id: a bare host literal joined to a literal or a name
// (`"https://fal.run/" + model`, `url.JoinPath("https://queue.fal.run", model)`, PHP
// `'https://fal.run/' . $model`), and a name bound to a bare host joined the same way
// (`runBase + model`, `url.JoinPath(queueBase, model)`). A joined literal is a call; a joined
// name is a pending call (traced to the enclosing function's callers when it is a parameter).

import { callAt } from '../calls.ts';
import { normalizeCallId } from '../ids.ts';
import { refAt } from '../refs.ts';
import type { Literal } from '../literals.ts';
import type { NameRef, ParamRef } from '../model.ts';
import type { Draft } from './draft.ts';
import type { Source } from './source.ts';
import { callRaw, isWordCode, placeAtCall, placeUrlCall } from './place.ts';
import { enclosingParam } from './params.ts';
import { MAX_FACTORY_HITS } from './scope.ts';

/** A bare fal host literal `l` joined to what follows it. */
export function joinedBase(src: Source, draft: Draft, l: Literal): void {
  const code = src.code;
  let k = skipBlanks(code, l.end + 1);
  if (code[k] !== '+' && code[k] !== ',' && code[k] !== '%' && !(src.language.dotJoinsStrings && code[k] === '.' && code[k + 1] !== '.')) return;
  k = skipBlanks(code, k + 1);
  if (code[k] === '"' || code[k] === "'" || code[k] === '`') {
    // "https://fal.run/" + "fal-ai/…": the joined literal is the id of a call.
    const li = src.literalAt(k);
    const next = li === undefined ? undefined : src.literals[li];
    const id = next && next.holes.length === 0 ? normalizeCallId(next.value, 'url') : null;
    if (li !== undefined && id) { draft.candidate(li, id, 'url', 'call'); draft.claimed.add(li); }
    return;
  }
  const e = operandEnd(code, k);
  if (e === k) return;
  const ref = refAt(src, k, e);
  const { offset, raw } = placeUrlCall(src, draft.budget, l, e);
  if (ref) draft.out.pending.push({ offset, raw, via: 'url', refs: [ref], envRefs: [], hasLiteral: false, param: paramOf(src, draft, ref, l.quote) });
  else draft.out.dynamic.push({ offset, raw, via: 'url' });
}

/** Whether the literal `l` follows `+` after a name bound to a bare fal host (`base + "fal-ai/x"`). */
export function joinedToBaseName(code: string, l: Literal, baseNames: Set<string>): boolean {
  let p = l.quote - 1;
  while (p >= 0 && /\s/.test(code[p]!)) p--;
  if (code[p] !== '+') return false;
  p--;
  while (p >= 0 && /\s/.test(code[p]!)) p--;
  let s0 = p;
  while (s0 >= 0 && /[A-Za-z0-9_$]/.test(code[s0]!)) s0--;
  return baseNames.has(code.slice(s0 + 1, p + 1));
}

/** A base name joined to a name: `runBase + model`, `url.JoinPath(queueBase, model)`. */
export function baseJoins(src: Source, draft: Draft, baseNames: Set<string>): void {
  const code = src.code;
  for (const base of baseNames) {
    let hits = 0;
    for (let at = code.indexOf(base); at >= 0 && hits < MAX_FACTORY_HITS; at = code.indexOf(base, at + base.length)) {
      const k = joinOperand(code, base, at);
      if (k === null) continue;
      hits++;
      // A literal operand is a call of its own (joinedToBaseName).
      if (code[k] === '"' || code[k] === "'" || code[k] === '`') continue;
      const e = operandEnd(code, k);
      if (e === k) continue;
      const ref = refAt(src, k, e);
      const place = placeAtCall(code, at, draft.budget);
      const raw = callRaw(src.text, place, Math.min(code.length - 1, e), base);
      if (ref) draft.out.pending.push({ offset: place, raw, via: 'url', refs: [ref], envRefs: [], hasLiteral: false, param: paramOf(src, draft, ref, at) });
    }
  }
}

/** Where the operand joined to the base name at `at` starts, or null when it is not joined: `base + x`, or `join(base, x)`. */
function joinOperand(code: string, base: string, at: number): number | null {
  if (at > 0 && isWordCode(code.charCodeAt(at - 1))) return null;
  let k = at + base.length;
  if (isWordCode(code.charCodeAt(k))) return null;
  k = skipBlanks(code, k);
  const op = code[k];
  if (op !== '+' && op !== ',') return null;
  if (op === ',') {
    // Only as the first argument of a path-joining call.
    let p = at - 1;
    while (p >= 0 && /\s/.test(code[p]!)) p--;
    const site = code[p] === '(' ? callAt(code, p) : null;
    if (!site || !/join|resolve/i.test(site.callee)) return null;
  }
  return skipBlanks(code, k + 1);
}

/** A joined name that is the enclosing function's parameter (`func Submit(ctx, endpoint string)`): traced to its callers. */
function paramOf(src: Source, draft: Draft, ref: NameRef, at: number): ParamRef | undefined {
  if (ref.chain.length !== 1 || ref.index !== null) return undefined;
  return enclosingParam(src, draft.budget, at, ref.chain[0]!) ?? undefined;
}

function skipBlanks(code: string, k: number): number {
  while (k < code.length && (code[k] === ' ' || code[k] === '\t')) k++;
  return k;
}

/** The end of a joined operand: up to `)`, `,`, `;`, `+` or the line's end (200 characters at most). */
function operandEnd(code: string, k: number): number {
  let e = k;
  while (e < code.length && e - k < 200 && !'),;\n+'.includes(code[e]!)) e++;
  return e;
}
