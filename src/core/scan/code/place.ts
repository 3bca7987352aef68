// Where a call is reported and how it reads: the callee a URL-built call is made with, the
// call's text as written, and the scanning helpers the call passes share.

import { callAt } from '../calls.ts';
import type { Literal } from '../literals.ts';
import type { Source } from './source.ts';
import type { Budget } from './types.ts';

const URL_BUILDER = /(^|[.:])(URI|URL|Uri|parse|create|JoinPath|joinpath|urljoin|join|Sprintf|format|format!|sprintf|encodeURI|String)$/;

/**
 * Where a URL-built call is reported: the callee of the innermost call whose arguments hold
 * `at` (`fetch(PROXY, { headers: { "x-fal-target-url": `…${id}` } })` → `fetch`), passing over
 * URL builders (`URI(…)`, `url.JoinPath(…)`, `fmt.Sprintf(…)`) to the call they feed on the same
 * statement. `at` itself when no call holds it (`const url = `…`;`) or the search gives up.
 * Reads at most `budget.place` characters of the file altogether.
 */
export function placeAtCall(code: string, at: number, budget: Budget): number {
  let depth = 0;
  let found = -1;
  const stop = Math.max(0, at - 2000);
  for (let k = at - 1; k >= stop && budget.place > 0; k--, budget.place--) {
    const c = code[k]!;
    if (c === ')' || c === ']' || c === '}') { depth++; continue; }
    if (c === '(' || c === '[' || c === '{') {
      if (depth > 0) { depth--; continue; }
      if (c === '[') continue;
      if (c === '{') {
        // An object literal in the arguments goes on outward; a block ends the search.
        let p = k - 1;
        while (p >= 0 && /\s/.test(code[p]!)) p--;
        if (p >= 0 && '(,:[='.includes(code[p]!)) continue;
        break;
      }
      const site = callAt(code, k);
      if (!site) break;
      found = site.calleeStart;
      if (!URL_BUILDER.test(site.callee)) break;
      k = site.calleeStart;
      continue;
    }
    if (depth > 0) continue;
    if (c === ';') break;
    if (c === '=' && code[k + 1] !== '=' && code[k + 1] !== '>' && !'=!<>'.includes(code[k - 1] ?? '')) {
      if (isKeywordArgument(code, k)) continue;
      break;
    }
  }
  return found >= 0 ? found : at;
}

/** `name=` inside a call is a keyword argument; any other `=` (at `eq`) is an assignment. */
function isKeywordArgument(code: string, eq: number): boolean {
  let p = eq - 1;
  while (p >= 0 && (code[p] === ' ' || code[p] === '\t')) p--;
  let s0 = p;
  while (s0 >= 0 && isWordCode(code.charCodeAt(s0))) s0--;
  while (s0 >= 0 && /\s/.test(code[s0]!)) s0--;
  return s0 < p && (code[s0] === '(' || code[s0] === ',');
}

/** A call's text as written: from the callee to its `)`, on the callee's line (the callee alone if empty). */
export function callRaw(text: string, calleeStart: number, close: number, callee: string): string {
  const window = text.slice(calleeStart, calleeStart + 200);
  const nl = window.indexOf('\n');
  const end = Math.min(close + 1, calleeStart + (nl < 0 ? window.length : nl));
  const raw = text.slice(calleeStart, end).replace(/\r$/, '');
  return raw.length > 0 ? raw : callee;
}

/** The `(` matching the `)` at `close` (within 2000 characters), or -1. */
export function matchingOpen(code: string, close: number): number {
  let depth = 0;
  for (let k = close; k >= 0 && k > close - 2000; k--) {
    if (code[k] === ')') depth++;
    else if (code[k] === '(') { depth--; if (depth === 0) return k; }
  }
  return -1;
}

/** [A-Za-z0-9_$] */
export function isWordCode(c: number): boolean {
  return (c >= 48 && c <= 57) || (c >= 65 && c <= 90) || (c >= 97 && c <= 122) || c === 95 || c === 36;
}

/**
 * Offset and text of a call a URL literal `l` is built for: the enclosing call (placeAtCall) from
 * its callee to `end`, or the literal itself when no call holds it.
 */
export function placeUrlCall(src: Source, budget: Budget, l: Literal, end: number): { offset: number; raw: string } {
  const place = placeAtCall(src.code, l.quote, budget);
  if (place === l.quote) return { offset: l.start, raw: src.rawOf(l) };
  return { offset: place, raw: callRaw(src.text, place, end, src.rawOf(l)) };
}
