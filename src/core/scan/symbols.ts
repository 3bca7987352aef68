// Assignments in masked code: which name a literal is bound to, so a call that
// passes the name can be traced to the literal. Scope is ignored on purpose —
// a name bound anywhere in the file counts — which errs toward finding calls.

const DEF_KEYWORDS = /^\s*(async\s+)?(def|fun|func|function|fn)\b/;

export interface Assignment {
  name: string;
  /** Offsets of the right-hand side in the source. */
  rhsStart: number;
  rhsEnd: number;
  topLevel: boolean;
  /** `const [model, setModel] = useState("…")`: the state variable is the name. */
  stateHook: boolean;
}

function isSpace(c: string | undefined): boolean {
  return c === ' ' || c === '\t' || c === '\r';
}

/** The name on the left of an assignment whose `=` (or `:=`) starts at `eq`. */
export function lhsName(code: string, lineStart: number, eq: number): string | null {
  const prefix = code.slice(Math.max(lineStart, eq - 300), eq).replace(/\s+$/, '');
  if (prefix === '') return null;
  // Destructured state hook: `[model, setModel]`.
  if (prefix.endsWith(']')) {
    const open = prefix.lastIndexOf('[');
    const inner = open >= 0 ? prefix.slice(open + 1, -1) : '';
    const m = /^\s*([A-Za-z_$][A-Za-z0-9_$]*)\s*,/.exec(inner);
    if (m && /(const|let|var|val)\s*$/.test(prefix.slice(0, open))) return m[1]!;
  }
  // A declaration with any type annotation: `const OPTIONS: { id: string; label: string }[] =`.
  const decl = /^\s*(?:export\s+)?(?:const|let|var|val)\s+([A-Za-z_$][A-Za-z0-9_$]*)\s*:/.exec(prefix.slice(0, 200));
  if (decl && code.slice(lineStart, eq).startsWith(prefix.slice(0, 200)) && !/[=]/.test(prefix.slice(decl[0].length))) return decl[1]!.replace(/^\$/, '');
  // Type annotation: `NAME: Type =`, `val NAME: String? =`, `const NAME: &str =`.
  const colon = findAnnotationColon(prefix);
  const target = colon >= 0 ? prefix.slice(0, colon).replace(/\s+$/, '') : prefix;
  const m = /([A-Za-z_$][A-Za-z0-9_$]*)$/.exec(target.slice(-120));
  if (!m) return null;
  const name = m[1]!.replace(/^\$/, '');
  const before = target.slice(0, target.length - m[1]!.length).replace(/\s+$/, '');
  // Keyword arguments (`f(model="x")`) bind nothing, except defaults in a def/fun/function signature.
  if ((before.endsWith('(') || before.endsWith(',')) && !DEF_KEYWORDS.test(code.slice(lineStart, eq))) return null;
  if (/[)\]}'"]$/.test(before)) return null;
  return name;
}

function findAnnotationColon(prefix: string): number {
  for (let k = prefix.length - 1; k >= 0 && k > prefix.length - 120; k--) {
    const c = prefix[k]!;
    if (c === ':') {
      if (prefix[k - 1] === ':' || prefix[k + 1] === ':') return -1;
      return /[A-Za-z0-9_$]\s*$/.test(prefix.slice(0, k)) ? k : -1;
    }
    if (!/[A-Za-z0-9_\s<>\[\],.&*?'|]/.test(c)) return -1;
  }
  return -1;
}

/** End of the statement starting at `from`: depth-0 `;` `,`, a closing bracket, or a line break that ends it. */
export function statementEnd(code: string, from: number, maxSpan = 20_000): number {
  let depth = 0;
  const limit = Math.min(code.length, from + maxSpan);
  for (let k = from; k < limit; k++) {
    const c = code[k]!;
    if (c === '(' || c === '[' || c === '{') depth++;
    else if (c === ')' || c === ']' || c === '}') {
      if (depth === 0) return k;
      depth--;
    } else if (depth === 0 && (c === ';' || c === ',')) return k;
    else if (depth === 0 && c === '\n') {
      let p = k - 1;
      while (p >= from && isSpace(code[p])) p--;
      let q = k + 1;
      while (q < code.length && (isSpace(code[q]) || code[q] === '\n')) q++;
      const prev = p >= from ? code[p]! : '=';
      const next = code[q] ?? '';
      if ('=+-*/?:|&,(\\'.includes(prev) && prev !== '') continue;
      if ('?:.|&+'.includes(next) && next !== '' && code.slice(q, q + 2) !== '::') {
        // A line starting with `.` or `?`/`:` continues the expression (ternaries, chains).
        continue;
      }
      if (/^(if|else)\b/.test(code.slice(q, q + 5)) && /["'`]\s*$/.test(code.slice(Math.max(from, k - 3), k))) continue;
      return k;
    }
  }
  return limit;
}

/** Every simple assignment in the file. Linear: each `=` is examined once with bounded look-back. */
const MAX_ASSIGNMENTS = 50_000;
/** Total characters all right-hand-side scans may read, so `a=a=a=…` stays linear. */
const RHS_BUDGET = 5_000_000;

export function findAssignments(code: string, lineStartOf: (offset: number) => number): Assignment[] {
  const out: Assignment[] = [];
  let budget = RHS_BUDGET;
  let at = code.indexOf('=');
  while (at >= 0 && out.length < MAX_ASSIGNMENTS) {
    const eq = at;
    at = code.indexOf('=', at + 1);
    const next = code[eq + 1];
    const prev = code[eq - 1] ?? '';
    if (next === '=' || next === '>' || next === '~') { at = code.indexOf('=', eq + 2); continue; }
    if ('=!<>+-*/%&|^~?.'.includes(prev) && prev !== '') continue;
    const opStart = prev === ':' ? eq - 1 : eq;
    const lineStart = lineStartOf(eq);
    const name = lhsName(code, lineStart, opStart);
    if (!name) continue;
    let rhsStart = eq + 1;
    while (rhsStart < code.length && (isSpace(code[rhsStart]) || code[rhsStart] === '\n')) rhsStart++;
    const rhsEnd = statementEnd(code, rhsStart, Math.max(200, Math.min(20_000, budget)));
    budget -= rhsEnd - rhsStart;
    const lineHead = code.slice(lineStart, Math.min(eq, lineStart + 40));
    const topLevel = !isSpace(code[lineStart]) || /^\s*export\b/.test(lineHead);
    const stateHook = /(?:const|let|var|val)\s*\[\s*[A-Za-z_$][\w$]*\s*,[^\]]*\]\s*$/.test(code.slice(Math.max(lineStart, eq - 200), eq));
    out.push({ name, rhsStart, rhsEnd, topLevel, stateHook });
  }
  return out;
}

/** The key of an object/dict entry whose value literal's quote is at `quote`: `fast: "…"`, `"fast": "…"`, `'fast' => '…'`. */
export function entryKey(code: string, text: string, quote: number): string | null {
  let k = quote - 1;
  while (k >= 0 && (isSpace(code[k]) || code[k] === '\n')) k--;
  if (code[k] === '>' && code[k - 1] === '=') k -= 2;
  else if (code[k] === ':' && code[k - 1] !== ':') k -= 1;
  else if (code[k] === 'o' && code[k - 1] === 't' && isSpace(code[k - 2])) k -= 2;
  else return null;
  while (k >= 0 && isSpace(code[k])) k--;
  const c = code[k];
  if (c === '"' || c === "'") {
    const open = code.lastIndexOf(c, k - 1);
    if (open < 0 || k - open > 200) return null;
    return text.slice(open + 1, k);
  }
  let s = k;
  while (s >= 0 && /[A-Za-z0-9_$]/.test(code[s]!)) s--;
  return s < k ? code.slice(s + 1, k + 1) : null;
}
