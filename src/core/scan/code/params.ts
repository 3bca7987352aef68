// A project function's id parameter and the arguments its callers pass: the function around a
// fal call whose id is one of its parameters, the calls to it in this file, and the project
// function a literal is an argument of (link.ts matches them across the project).

import { callAt, calleeSegments } from '../calls.ts';
import { isIdShaped } from '../ids.ts';
import { refsAt } from '../refs.ts';
import type { Literal } from '../literals.ts';
import type { ArgUse, ParamRef } from '../model.ts';
import type { Draft } from './draft.ts';
import type { Source } from './source.ts';
import type { Budget } from './types.ts';
import { isWordCode } from './place.ts';

/** Just after a function keyword: a definition, not a call. */
export const DEF_BEFORE = /\b(def|function|func|fun|fn)\s+$/;

const FN_HEADERS: RegExp[] = [
  /\b(?:def|function|func|fun|fn)\s+(?:\([^()]*\)\s*)?([A-Za-z_$][\w$]*)\s*(?:<[^<>()]*>)?\s*\(([^()]*)\)/g,
  /\b([A-Za-z_$][\w$]*)\s*=\s*(?:async\s+)?(?:function\s*)?\(([^()]*)\)\s*(?::[^=;{()]*)?(?:=>|\{)/g,
  /^[ \t]*(?:(?:public|private|protected|static|async|override|suspend|final|internal)\s+)*(?:[\w<>\[\],.?]+\s+)?([A-Za-z_$][\w$]*)\s*\(([^()]*)\)\s*(?::\s*[^{;=()]+)?\{/gm,
];
const NOT_FUNCTIONS = new Set(['if', 'for', 'while', 'switch', 'catch', 'return', 'with', 'elif', 'except', 'await', 'new', 'else']);
/** Calls to one id-parameter function looked at per file. */
const MAX_CALLERS = 200;

/** The function around `at` that takes `name` as a parameter, with the position callers pass it at. */
export function enclosingParam(src: Source, budget: Budget, at: number, name: string): ParamRef | null {
  if (budget.param <= 0) return null;
  const from = Math.max(0, at - 6000);
  budget.param -= at - from;
  const window = src.code.slice(from, at);
  const headers: { index: number; fn: string; params: string }[] = [];
  for (const re of FN_HEADERS) {
    re.lastIndex = 0;
    for (let m = re.exec(window); m; m = re.exec(window)) {
      if (!NOT_FUNCTIONS.has(m[1]!)) headers.push({ index: m.index, fn: m[1]!, params: m[2]! });
    }
  }
  // The nearest function that takes `name`: a closure inside it (`const run = () => fal.subscribe(model)`)
  // reads the outer function's parameter.
  headers.sort((a, b) => b.index - a.index);
  for (const h of headers) {
    const ref = paramIn(src, h, name);
    if (ref) return ref;
  }
  return null;
}

/** `name` among a function header's parameters, with the position callers pass it at. */
function paramIn(src: Source, h: { fn: string; params: string }, name: string): ParamRef | null {
  const params = h.params.split(',').map((x) => x.trim()).filter((x) => x !== '');
  const first = params[0] ?? '';
  if (src.language.implicitParams?.some((p) => first === p || (first.startsWith(p) && /^\s*:/.test(first.slice(p.length))))) params.shift();
  const index = params.findIndex((x) => {
    const head = x.split('=')[0]!.split(':')[0]!;
    return head.split(/[^\w$]+/).includes(name);
  });
  return index < 0 ? null : { fn: h.fn, index, name };
}

/** Callers in this file of the functions whose id is a parameter: `run(MODEL)`, `run(model=MODEL)`. */
export function paramCallers(src: Source, draft: Draft, paramFns: Map<string, ParamRef>): void {
  const code = src.code;
  for (const [fn, param] of paramFns) {
    let hits = 0;
    for (let at = code.indexOf(fn); at >= 0 && hits < MAX_CALLERS; at = code.indexOf(fn, at + fn.length)) {
      if (at > 0 && isWordCode(code.charCodeAt(at - 1))) continue;
      let k = at + fn.length;
      while (code[k] === ' ' || code[k] === '\t') k++;
      if (code[k] !== '(' || DEF_BEFORE.test(code.slice(Math.max(0, at - 12), at))) continue;
      hits++;
      callerArgument(src, draft, param, k);
    }
  }
}

/** What the call whose `(` is at `open` passes for `param`: an id literal (a candidate) or names. */
function callerArgument(src: Source, draft: Draft, param: ParamRef, open: number): void {
  const code = src.code;
  const { args } = draft.parseArgs(open);
  const arg = args.find((x) => x.label === param.name) ?? args.filter((x) => x.label === null)[param.index];
  if (!arg) return;
  const argCode = code.slice(arg.valueStart, arg.end);
  // The definition's own parameter list reads as a call too: it passes the parameter itself.
  if (/^\s*[A-Za-z_$][\w$]*\s*(:[^=]*)?$/.test(argCode) && argCode.trim().split(/[\s:]/)[0] === param.name && /\)\s*(->[^:]*)?:?\s*(\{|:|=>|$)/.test(code.slice(open, open + 400).split('\n')[0] ?? '')) return;
  const lis = src.literalsIn(arg.valueStart, arg.end);
  const lit = lis.length === 1 ? src.literals[lis[0]!]! : null;
  const use = { fn: param.fn, index: param.index, label: arg.label };
  if (lit && lit.holes.length === 0 && isIdShaped(lit.value) && argCode.trim().length === lit.end - lit.quote + 1) {
    draft.out.argUses.push({ ...use, cand: draft.candidate(lis[0]!, lit.value, 'wrapper', null), refs: [] });
  } else {
    draft.out.argUses.push({ ...use, cand: null, refs: refsAt(src, arg.valueStart, arg.end) });
  }
}

/** The project function a call's callee names; a Celery task queued with `render_video.delay(…)` is called with those arguments. */
export function lastSegment(callee: string): string {
  const segs = calleeSegments(callee);
  if (segs.length >= 2 && segs[segs.length - 1] === 'delay') return segs[segs.length - 2]!;
  return segs[segs.length - 1] ?? callee;
}

/** The call a literal is a whole argument of (`make_image("fal-ai/x", args)`), as function name and position. */
export function argumentOf(src: Source, draft: Draft, l: Literal): Omit<ArgUse, 'cand' | 'refs'> | null {
  const code = src.code;
  let p = l.quote - 1;
  while (p >= 0 && /\s/.test(code[p]!)) p--;
  let labelEnd = -1;
  if (code[p] === '{' && src.language.jsx) {
    // `endpoint={"fal-ai/x"}`: a JSX expression attribute.
    let e = p - 1;
    while (e >= 0 && /\s/.test(code[e]!)) e--;
    if (code[e] === '=') {
      const jsx = jsxAttribute(src, l, e);
      if (jsx) return jsx;
    }
  }
  if (code[p] === '=' || code[p] === ':') {
    // A named argument: `model="fal-ai/x"`.
    labelEnd = p;
    p--;
    while (p >= 0 && (code[p] === ' ' || code[p] === '\t')) p--;
    while (p >= 0 && isWordCode(code.charCodeAt(p))) p--;
    while (p >= 0 && /\s/.test(code[p]!)) p--;
  }
  if (labelEnd >= 0 && code[labelEnd] === '=' && src.language.jsx) {
    const jsx = jsxAttribute(src, l, labelEnd);
    if (jsx) return jsx;
  }
  if (code[p] !== '(' && code[p] !== ',') return null;
  let q = l.end + 1;
  while (q < code.length && /\s/.test(code[q]!)) q++;
  if (code[q] !== ',' && code[q] !== ')') return null;
  const open = openingParen(code, p);
  const site = open < 0 ? null : callAt(code, open);
  if (!site) return null;
  const { args } = draft.parseArgs(open);
  const at = args.findIndex((x) => x.start <= l.quote && l.quote < x.end);
  if (at < 0) return null;
  const index = args.slice(0, at).filter((x) => x.label === null).length;
  return { fn: lastSegment(site.callee), index, label: labelEnd >= 0 ? args[at]!.label : null };
}

const JSX_TAG = /<([A-Z][\w$]*(?:\.[A-Z][\w$]*)*)\s$/;

/**
 * A JSX attribute `model="fal-ai/x"` (or `model={"fal-ai/x"}`) of a component `<Generator …>`:
 * a prop the component is called with, matched to its parameter by name like a named argument.
 */
function jsxAttribute(src: Source, l: Literal, eq: number): Omit<ArgUse, 'cand' | 'refs'> | null {
  const code = src.code;
  // The value ends the attribute: a blank, `/>`, `>` or the `}` of `{"…"}`.
  let q = l.end + 1;
  if (code[q] === '}') q++;
  if (!/[\s/>]/.test(code[q] ?? '')) return null;
  let k = eq - 1;
  while (k >= 0 && /\s/.test(code[k]!)) k--;
  const labelEnd = k + 1;
  while (k >= 0 && (isWordCode(code.charCodeAt(k)) || code[k] === '-')) k--;
  const label = code.slice(k + 1, labelEnd);
  if (label === '') return null;
  // Back over the earlier attributes to the tag: `<Generator a="…" b={x} model=`.
  let depth = 0;
  for (let i = k, stop = Math.max(0, k - 2000); i >= stop; i--) {
    const c = code[i]!;
    if (c === '}') depth++;
    else if (c === '{') depth--;
    else if (depth === 0 && (c === '>' || c === ';' || c === '(' || c === ')')) return null;
    else if (depth === 0 && c === '<') {
      const tag = JSX_TAG.exec(code.slice(i, k + 2).replace(/\s[\s\S]*$/, ' '));
      if (!tag) return null;
      const fn = tag[1]!.split('.').at(-1)!;
      return { fn, index: 0, label };
    }
  }
  return null;
}

/** Back from `p` over earlier arguments to the `(` of the call they are in (bounded), or -1. */
function openingParen(code: string, p: number): number {
  let depth = 0;
  for (let k = p, stop = Math.max(0, p - 2000); k >= stop; k--) {
    const c = code[k]!;
    if (c === ')' || c === ']' || c === '}') depth++;
    else if (c === '(' || c === '[' || c === '{') {
      if (depth === 0) return c === '(' ? k : -1;
      depth--;
    }
  }
  return -1;
}
