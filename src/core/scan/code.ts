// Analysis of one source file in a programming language (and JSON/TOML, which
// share the lexer): fal calls, the literals they use, constants, references.

import { lex, type Literal } from './literals.ts';
import { LEX_SPECS, type Lang, type LineLang } from './languages.ts';
import { callAt, calleeSegments, classifyCallee, idArgument, isWrapperName, splitArgs, type CallArg, type CallContext } from './calls.ts';
import { findAssignments, entryKey, statementEnd } from './symbols.ts';
import { envRefsIn, nameRefOf, nameRefsOf } from './refs.ts';
import { isFalOwned, isIdShaped, isRouterId, normalizeCallId, normalizeLegacyId, normalizeLiteLlm, normalizePromptfoo } from './ids.ts';
import { findFalUrls, HOLE, isFalRunBase } from './urls.ts';
import type { ArgUse, Candidate, FileAnalysis, NameRef, ParamRef, SymbolDef } from './model.ts';
import { position } from './lines.ts';

type Known = ((id: string) => boolean) | undefined;

/** UI state cells: `useState("…")`, Vue `ref(…)`, Solid/Preact signals, Svelte stores, Compose state. */
const STATE_HOOK = /^\s*(?:React\.)?(?:useState|ref|signal|useRef|writable|createSignal|mutableStateOf|\$state)\s*(?:<[^>]*>)?\s*\(/;
type CodeLang = Exclude<Lang, LineLang | 'notebook'>;

/** A settings/config lookup by key (`config('a.b')`, `config.property("a.b")`, `settings.get("a")`, `@Value`). */
const CONFIG_LOOKUP = /\b(?:config|configuration|settings|getProperty|property|getString|getConfig|Value)\b[\w.]*\s*(?:<[^<>()]{0,80}>\s*)?\(/i;
/** A key string: `fal.banner_model`, `fal.portraitModel`, `FAL_MODEL`, `image-model`. */
const LOOKUP_KEY = /^[A-Za-z_][\w-]{0,63}(?:\.[A-Za-z_][\w-]{0,63}){0,7}$/;
/** A config array entry's key at the start of its line: `'banner_model' =>`. */
const LINE_KEY = /^\s*['"]?([A-Za-z_][\w.-]{0,127})['"]?\s*(?:=>|:)/;
const ARRAY_CONFIG_LANGS = new Set<Lang>(['php', 'js']);
const MAX_BINDINGS = 200;

/** Whether the literal whose quote is at `quote` is a call's first argument (`config("a.b")`), not a subscript key. */
function firstArgument(code: string, quote: number): boolean {
  let k = quote - 1;
  while (k >= 0 && (code[k] === ' ' || code[k] === '\t' || code[k] === '\n' || code[k] === '\r') && quote - k < 200) k--;
  return code[k] === '(';
}

/**
 * Names bound to a config key or a flag default without an `=`: Spring `@Value("${fal.tts.model}") private String model;`,
 * Go `flags.StringVarP(&model, "model", "m", "fal-ai/…", …)`, clap `#[arg(default_value = "fal-ai/…")] model: String`.
 */
function bindLookups(
  a: FileAnalysis, text: string, code: string, literals: Literal[], literalsIn: (s: number, e: number) => number[],
  add: (li: number, id: { id: string; via: string | null; call: boolean }) => number | null, isKnown: Known,
): void {
  const bind = (name: string, def: Partial<SymbolDef>): void => {
    const list = a.symbols.get(name) ?? [];
    list.push({ name, topLevel: false, values: [], keyed: new Map(), aliases: [], envRefs: [], ...def });
    a.symbols.set(name, list);
  };
  let count = 0;
  if (text.includes('@Value')) {
    const re = /@Value\(\s*"\$\{([A-Za-z_][\w.-]{0,200})(?::[^}"]{0,200})?\}"\s*\)\s*([^;=,)\n]{0,200})/g;
    for (let m = re.exec(text); m && count < MAX_BINDINGS; m = re.exec(text), count++) {
      let decl = m[2]!;
      const colon = decl.indexOf(':');
      if (colon >= 0) decl = decl.slice(0, colon);
      const name = /([A-Za-z_]\w*)\s*$/.exec(decl);
      if (name) bind(name[1]!, { lookupKeys: [m[1]!] });
    }
  }
  const valueIn = (start: number, end: number, max = 6): number[] => {
    const out: number[] = [];
    for (const li of literalsIn(start, end).slice(0, max)) {
      const l = literals[li]!;
      if (l.holes.length > 0) continue;
      const id = literalId(l.value, isKnown);
      if (!id) continue;
      const ci = add(li, id);
      if (ci !== null) out.push(ci);
    }
    return out;
  };
  if (code.includes('&')) {
    const re = /VarP?\(\s*&([A-Za-z_]\w*)\s*,/g;
    for (let m = re.exec(code); m && count < MAX_BINDINGS; m = re.exec(code), count++) {
      let end = m.index + m[0].length;
      for (let depth = 0, limit = Math.min(code.length, end + 2000); end < limit; end++) {
        const c = code[end];
        if (c === '(' || c === '[' || c === '{') depth++;
        else if (c === ')' || c === ']' || c === '}') { if (depth === 0) break; depth--; }
      }
      const values = valueIn(m.index + m[0].length, end);
      if (values.length > 0) bind(m[1]!, { values });
    }
  }
  // Loop variables over a table (`for model in CANDIDATES:`, `for (const m of MODELS)`, `for _, m := range MODELS`): every element.
  if (code.includes('for')) {
    const re = /\bfor\s*\(?\s*(?:(?:const|let|var|val)\s+)?(?:[A-Za-z_]\w*\s*,\s*)?([A-Za-z_]\w*)\s+(?:in|of|:=\s*range)\s+([A-Za-z_][\w.]{0,200})\s*(?:\)|:|\{|\n)/g;
    for (let m = re.exec(code); m && count < MAX_BINDINGS; m = re.exec(code), count++) {
      const chain = m[2]!.split('.').filter((x) => x !== '');
      if (chain.length === 0 || chain.length > 4 || m[1] === '_') continue;
      bind(m[1]!, { aliases: [{ chain, index: '*' }] });
    }
  }
  // Swift string enums: `enum Style: String { case photo = "fal-ai/…" }`; a value `style: Style` read as `style.rawValue` is any case.
  if (code.includes('rawValue') && code.includes('enum')) {
    const enums = new Map<string, number[]>();
    const re = /\benum\s+([A-Za-z_]\w*)\s*:\s*String\b[^{]{0,200}\{/g;
    for (let m = re.exec(code); m && enums.size < 50; m = re.exec(code)) {
      const open = m.index + m[0].length - 1;
      let end = open + 1;
      for (let depth = 0, limit = Math.min(code.length, open + 20_000); end < limit; end++) {
        if (code[end] === '{') depth++;
        else if (code[end] === '}') { if (depth === 0) break; depth--; }
      }
      const values = valueIn(open, end, 64);
      if (values.length > 0) enums.set(m[1]!, values);
    }
    if (enums.size > 0) {
      const typed = /\b([A-Za-z_]\w*)\s*:\s*([A-Za-z_]\w*)\b/g;
      for (let m = typed.exec(code); m && count < MAX_BINDINGS; m = typed.exec(code)) {
        const values = enums.get(m[2]!);
        if (!values || enums.has(m[1]!)) continue;
        count++;
        bind(m[1]!, { values: [...values], keyed: new Map([['rawValue', [...values]]]) });
      }
    }
  }
  if (code.includes('default_value')) {
    const re = /#\[arg\(([^\]]{0,500})\)\]\s*(?:pub\s+)?([A-Za-z_]\w*)\s*:/g;
    for (let m = re.exec(code); m && count < MAX_BINDINGS; m = re.exec(code), count++) {
      if (!m[1]!.includes('default_value')) continue;
      const values = valueIn(m.index, m.index + m[0].length);
      if (values.length > 0) bind(m[2]!, { values });
    }
  }
}

const CLIENT_FACTORIES = ['createFalClient', 'createFal', 'SyncClient', 'AsyncClient', 'FalClient'];
/** Bounds that keep pathological inputs (a 5 MB line of `a=a=…`) linear; real files stay far below. */
const MAX_FACTORY_HITS = 1000;
/** Call sites examined in depth per file; generated or minified files beyond this are not hand-written calls. */
const MAX_CALL_SITES = 20_000;

export function analyzeCode(a: FileAnalysis, text: string, lang: CodeLang, isKnown: Known): void {
  placeBudget = 2_000_000;
  paramBudget = 2_000_000;
  const { literals, code } = lex(text, LEX_SPECS[lang]);
  const byQuote = new Map<number, number>();
  literals.forEach((l, i) => byQuote.set(l.quote, i));
  const candidateOf = new Map<number, number>();
  const claimed = new Set<number>();
  const excluded = new Set<number>();
  const configVia = lang === 'json' ? 'json' : lang === 'toml' ? 'toml' : null;

  const literalsIn = (start: number, end: number): number[] => {
    // Literals are in source order; binary search the first quote >= start.
    let lo = 0;
    let hi = literals.length;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      if (literals[mid]!.quote < start) lo = mid + 1;
      else hi = mid;
    }
    const out: number[] = [];
    for (let i = lo; i < literals.length && literals[i]!.quote < end; i++) out.push(i);
    return out;
  };

  const rawOf = (l: Literal): string => {
    const s = text.slice(l.start, l.end);
    const nl = s.indexOf('\n');
    return (nl >= 0 ? s.slice(0, nl) : s).replace(/\r$/, '');
  };

  const addCandidate = (li: number, id: string, via: string, kind: Candidate['kind']): number => {
    const existing = candidateOf.get(li);
    if (existing !== undefined) {
      const c = a.candidates[existing]!;
      if (kind === 'call') { c.kind = 'call'; c.id = id; c.via = via; }
      else if (kind === 'reference' && c.kind === null) c.kind = 'reference';
      return existing;
    }
    const l = literals[li]!;
    a.candidates.push({ offset: l.start, raw: rawOf(l), id, via, kind });
    candidateOf.set(li, a.candidates.length - 1);
    return a.candidates.length - 1;
  };

  const referenceKind = (id: string): Candidate['kind'] =>
    isFalOwned(id) || (isKnown?.(id) ?? false) ? 'reference' : null;

  // ---- File-level context: fal client variables, bare imported functions, imported names.
  const ctx: CallContext = { lang: lang as Lang, clientVars: new Set(), bareFunctions: new Set() };
  const lineList = code.split('\n');
  let lineOffset = 0;
  for (let li = 0; li < lineList.length; li++) {
    const line = lineList[li]!;
    const start = lineOffset;
    lineOffset += line.length + 1;
    if (line.length > 2000) continue;
    const orig = text.slice(start, start + line.length);
    const t = line.trim();
    if (/^(import|from|export|const|let|var|use|require)\b/.test(t) || t.includes('require(')) {
      if (/@fal-ai\/|@ai-sdk\/fal|fal_client|fal-client/.test(orig)) {
        const star = /import\s+\*\s+as\s+([A-Za-z_$][\w$]*)/.exec(orig);
        if (star) ctx.clientVars.add(star[1]!);
        const alias = /\bfal\s+as\s+([A-Za-z_$][\w$]*)/.exec(orig);
        if (alias) ctx.clientVars.add(alias[1]!);
        const req = /(?:const|let|var)\s+([A-Za-z_$][\w$]*)\s*=\s*require\(/.exec(orig);
        if (req) ctx.clientVars.add(req[1]!);
        const pyAlias = /^\s*import\s+fal_client\s+as\s+(\w+)/.exec(orig);
        if (pyAlias) ctx.clientVars.add(pyAlias[1]!);
        const pyFrom = /^\s*from\s+fal_client\s+import\s+\(?([^)]*)/.exec(orig);
        if (pyFrom) {
          for (const part of pyFrom[1]!.split(',')) {
            const m = /^\s*(\w+)(?:\s+as\s+(\w+))?/.exec(part);
            if (m && !CLIENT_FACTORIES.includes(m[1]!)) ctx.bareFunctions.add(m[2] ?? m[1]!);
          }
        }
      }
      const pyNames = /^\s*from\s+[\w.]+\s+import\s+\(?([^)#]*)/.exec(orig);
      if (pyNames) for (const part of pyNames[1]!.split(',')) {
        const m = /^\s*(\w+)(?:\s+as\s+(\w+))?/.exec(part);
        if (m) a.imports.add(m[2] ?? m[1]!);
      }
      const jsNames = /import\s+(?:type\s+)?(?:([A-Za-z_$][\w$]*)\s*,?\s*)?(?:\{([^}]*)\})?\s*from/.exec(orig);
      if (jsNames) {
        if (jsNames[1]) a.imports.add(jsNames[1]);
        for (const part of (jsNames[2] ?? '').split(',')) {
          const m = /^\s*(?:type\s+)?([A-Za-z_$][\w$]*)(?:\s+as\s+([A-Za-z_$][\w$]*))?/.exec(part);
          if (m) a.imports.add(m[2] ?? m[1]!);
        }
      }
    }
  }
  const lineStartOf = (offset: number): number => a.lines.starts[position(a.lines, offset).line - 1] ?? 0;
  for (const factory of CLIENT_FACTORIES) {
    let at = code.indexOf(factory);
    let hits = 0;
    while (at >= 0 && hits++ < MAX_FACTORY_HITS) {
      const after = code.slice(at + factory.length, at + factory.length + 20);
      const lineStart = lineStartOf(at);
      const before = code.slice(Math.max(lineStart, at - 200), at);
      const m = /([A-Za-z_$][\w$]*)\s*(?::[^=]*)?:?=\s*(?:await\s+)?(?:new\s+)?(?:[\w$]+\.)*$/.exec(before);
      // `createFalClient(…)`, `new FalClient<…>(…)`, and static factories: `FalClient.withCredentials(key)`.
      if ((/^\s*[(<]/.test(after) || /^\.\s*(?:with\w*|create\w*|builder|fromEnv\w*)\s*\(/.test(after)) && m) ctx.clientVars.add(m[1]!.replace(/^\$/, ''));
      at = code.indexOf(factory, at + factory.length);
    }
  }

  // ---- TypeScript type-only bodies (`type X = { "fal-ai/…": … }`, `interface X { … }`): no literal in them is a use.
  const typeBodies = lang === 'js' || lang === 'vue' ? typeOnlyRanges(code) : [];
  const inTypeBody = (at: number): boolean => {
    let lo = 0;
    let hi = typeBodies.length;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      if (typeBodies[mid]![1] <= at) lo = mid + 1;
      else hi = mid;
    }
    return lo < typeBodies.length && typeBodies[lo]![0] <= at;
  };
  const excludedAt = (l: Literal): boolean => isPositionExcluded(code, l, lang, lineStartOf(l.quote)) || (typeBodies.length > 0 && inTypeBody(l.quote));

  // ---- Symbols: names bound to literals, tables, env variables and other names.
  const assignments = findAssignments(code, lineStartOf);
  const tables = new Map<string, number[]>();
  for (const asg of assignments) {
    const span = literalsIn(asg.rhsStart, asg.rhsEnd);
    const rhsCode = code.slice(asg.rhsStart, asg.rhsEnd);
    const rhsText = text.slice(asg.rhsStart, asg.rhsEnd);
    const def: SymbolDef = { name: asg.name, topLevel: asg.topLevel, values: [], keyed: new Map(), aliases: [], envRefs: envRefsIn(rhsText) };
    const isTable = /^\s*(\{|\[|dict\(|mapOf\(|listOf\(|arrayOf\(|map\[|\[\]|array\(|new\s+Map)/.test(rhsCode);
    if (isTable && tables.size < 100) tables.set(asg.name, def.values);
    for (const li of span) {
      const l = literals[li]!;
      if (l.holes.length > 0) continue;
      const id = literalId(l.value, isKnown);
      if (!id) continue;
      if (excludedAt(l)) continue;
      if (asg.stateHook && !STATE_HOOK.test(rhsCode)) continue;
      const ci = addCandidate(li, id.id, id.via ?? configVia ?? 'constant', id.call ? 'call' : referenceKind(id.id));
      def.values.push(ci);
      if (isTable) {
        const key = entryKey(code, text, l.quote);
        if (key !== null) {
          const list = def.keyed.get(key) ?? [];
          list.push(ci);
          def.keyed.set(key, list);
        }
      }
    }
    // `useState(OPTIONS[0].id)`, `ref(MODEL)`: a state cell starts from its argument.
    const hook = STATE_HOOK.exec(rhsCode);
    const inner = hook && /\)\s*;?\s*$/.test(rhsCode) ? rhsCode.lastIndexOf(')') : -1;
    if (hook && inner > hook[0].length) def.aliases.push(...nameRefsOf(rhsCode.slice(hook[0].length, inner), rhsText.slice(hook[0].length, inner)));
    else def.aliases.push(...nameRefsOf(rhsCode, rhsText));
    if (hook) def.state = true;
    if (def.values.length === 0 && (lang === 'python' || lang === 'js' || lang === 'ruby' || lang === 'go' || lang === 'php')) {
      const loaded = configLoad(rhsCode, rhsText, text);
      if (loaded) { def.configFile = loaded.file; def.configPath = loaded.keys; }
    }
    if (def.values.length === 0 && span.length > 0 && CONFIG_LOOKUP.test(rhsCode)) {
      // `val model = environment.config.property("fal.portraitModel").getString()`: the key it reads.
      for (const li of span.slice(0, 4)) {
        const l = literals[li]!;
        if (l.holes.length === 0 && LOOKUP_KEY.test(l.value) && firstArgument(code, l.quote)) (def.lookupKeys ??= []).push(l.value);
      }
    }
    if (def.values.length > 0 || def.aliases.length > 0 || def.envRefs.length > 0 || def.state || def.configFile || def.lookupKeys) {
      const list = a.symbols.get(asg.name) ?? [];
      list.push(def);
      a.symbols.set(asg.name, list);
    }
  }

  bindLookups(a, text, code, literals, literalsIn, (li, id) => {
    const l = literals[li]!;
    if (excludedAt(l)) return null;
    return addCandidate(li, id.id, id.via ?? 'constant', id.call ? 'call' : referenceKind(id.id));
  }, isKnown);

  // ---- Pickers: tables of ids the file iterates to render choices (`OPTIONS.map(…)`, `v-for="m in OPTIONS"`).
  if (tables.size > 0 && (lang === 'js' || lang === 'vue' || lang === 'kotlin' || lang === 'swift' || lang === 'dart')) {
    for (const [name, values] of tables) {
      if (iterates(text, name)) a.pickerValues.push(...values);
    }
  }

  // ---- Calls.
  const handleIdArg = (site: { calleeStart: number; open: number; close: number }, argStart: number, argEnd: number, valueStart: number, via: string, prefixless: boolean, calleeRaw: string): void => {
    const span = literalsIn(argStart, argEnd);
    const found: number[] = [];
    let routerCall = false;
    for (const li of span) {
      const l = literals[li]!;
      claimed.add(li);
      if (l.holes.length > 0) continue;
      const lit = l.value.startsWith('fal_ai/') ? normalizeLiteLlm(l.value, isKnown) : null;
      const id = lit ?? normalizeCallId(l.value, prefixless ? 'ai-sdk-prefixless' : via);
      if (!id) continue;
      // Only the literal that is the argument (or a branch of it) — not a lookup key like getModel("fast").
      found.push(addCandidate(li, id, via, 'call'));
      if (isRouterId(id)) routerCall = true;
    }
    if (routerCall) {
      for (const li of literalsIn(site.open, site.close)) if (!claimed.has(li)) excluded.add(li);
    }
    const argCode = code.slice(valueStart, argEnd);
    const argText = text.slice(valueStart, argEnd);
    const refs: NameRef[] = nameRefsOf(argCode, argText);
    // Template literal argument with a single interpolation: `${MODEL}`.
    for (const li of span) {
      const l = literals[li]!;
      if (l.holes.length === 1 && l.value === HOLE) {
        const h = l.holes[0]!;
        const r = nameRefOf(code.slice(h.start, h.end), text.slice(h.start, h.end));
        if (r) refs.push(r);
      }
    }
    const envRefs = envRefsIn(argText);
    if (found.length > 0 && refs.length === 0 && envRefs.length === 0) return;
    const raw = callRaw(text, site.calleeStart, site.close, calleeRaw);
    if (found.length === 0 && CONFIG_LOOKUP.test(argCode)) {
      // `FalAi::model(config('fal.banner_model'))`: a settings lookup by key string.
      const keys: string[] = [];
      for (const li of span.slice(0, 4)) {
        const l = literals[li]!;
        if (l.holes.length === 0 && LOOKUP_KEY.test(l.value) && firstArgument(code, l.quote)) keys.push(l.value);
      }
      if (keys.length > 0) {
        a.pending.push({ offset: site.calleeStart, raw, via, refs, envRefs, hasLiteral: false, keys });
        return;
      }
    }
    if (refs.length === 0 && envRefs.length === 0) {
      a.dynamic.push({ offset: site.calleeStart, raw, via });
      return;
    }
    if (found.length === 0 && refs.length === 1 && envRefs.length === 0 && refs[0]!.chain.length === 1 && refs[0]!.index === null) {
      const param = enclosingParam(code, site.calleeStart, refs[0]!.chain[0]!, lang);
      if (param) {
        a.pending.push({ offset: site.calleeStart, raw, via, refs, envRefs, hasLiteral: false, param });
        paramFns.set(param.fn, param);
        return;
      }
    }
    if (found.length > 0) {
      // Literal fallback present (`process.env.X ?? "fal-ai/…"`): resolve the rest, but never dynamic.
      a.pending.push({ offset: site.calleeStart, raw, via, refs, envRefs, hasLiteral: true });
      return;
    }
    a.pending.push({ offset: site.calleeStart, raw, via, refs, envRefs, hasLiteral: false });
  };

  const paramFns = new Map<string, ParamRef>();
  // Total characters argument scans may read: keeps `fal.run(fal.run(…` on a 5 MB line linear.
  let argBudget = 5_000_000;
  const parseArgs = (at: number): ParsedArgs => {
    const parsed = splitArgs(code, at, Math.max(200, Math.min(20_000, argBudget)));
    argBudget -= parsed.close - at;
    return parsed;
  };
  let open = code.indexOf('(');
  let examined = 0;
  while (open >= 0 && examined < MAX_CALL_SITES) {
    const found = callAt(code, open);
    open = code.indexOf('(', open + 1);
    if (!found) continue;
    const site = new LazyCallSite(found, parseArgs);
    let kind = classifyCallee(site.callee, ctx);
    // `fal_client.SyncClient(...).submit(` / `createFalClient({...}).subscribe(`.
    if (!kind && site.calleeStart > 0 && code[site.calleeStart - 1] === '.' && code[site.calleeStart - 2] === ')') {
      const inner = matchingOpen(code, site.calleeStart - 2);
      const recv = inner >= 0 ? callAt(code, inner) : null;
      if (recv && CLIENT_FACTORIES.some((f) => recv.callee.endsWith(f))) {
        const tmp = { ...ctx, clientVars: new Set([...ctx.clientVars, '__client']) };
        kind = classifyCallee('__client.' + site.callee, tmp);
        if (kind) site.calleeStart = recv.calleeStart;
      }
    }
    if (kind) {
      examined++;
      const arg = idArgument(site.args);
      if (!arg) continue;
      handleIdArg(site, arg.start, arg.end, arg.valueStart, kind.via, kind.prefixless, site.callee);
      continue;
    }
    // A fal function object handed to a helper: asyncio.to_thread(fal_client.subscribe, MODEL, …).
    const peek = /^\s*([A-Za-z_$][\w$.]*)\s*,/.exec(code.slice(site.open + 1, site.open + 120));
    const wrapper = isWrapperName(site.callee);
    if (!peek && !wrapper) continue;
    examined++;
    const first = site.args[0];
    if (peek && first && site.args[1]) {
      const fnText = code.slice(first.start, first.end).trim();
      if (/^[A-Za-z_$][\w$.]*$/.test(fnText)) {
        const fnKind = classifyCallee(fnText, ctx);
        if (fnKind) {
          const second = site.args[1]!;
          handleIdArg(site, second.start, second.end, second.valueStart, fnKind.via, fnKind.prefixless, site.callee);
          continue;
        }
      }
    }
    // Project wrappers: a fal-id literal handed straight to a submit/generate-like helper.
    if (wrapper && first && !first.label && !/\b(def|function|func|fun|fn)\s+$/.test(code.slice(Math.max(0, site.calleeStart - 12), site.calleeStart))) {
      const refs = nameRefsOf(code.slice(first.valueStart, first.end), text.slice(first.valueStart, first.end));
      const lis = literalsIn(first.valueStart, first.end);
      if (refs.length > 0 || lis.length === 0) a.argUses.push({ fn: lastSegment(site.callee), index: 0, label: null, cand: null, refs });
      // Later positional names too (`Submit(ctx, model, input)`): matched to the wrapper's id parameter by position.
      const positional = site.args.filter((x) => x.label === null);
      for (let i = 1; i < Math.min(positional.length, 4); i++) {
        const arg = positional[i]!;
        const argRefs = nameRefsOf(code.slice(arg.valueStart, arg.end), text.slice(arg.valueStart, arg.end));
        if (argRefs.length > 0 && literalsIn(arg.valueStart, arg.end).length === 0) a.argUses.push({ fn: lastSegment(site.callee), index: i, label: null, cand: null, refs: argRefs });
      }
    }
    if (wrapper && first) {
      const value = code.slice(first.valueStart, first.end).trim();
      const lis = literalsIn(first.valueStart, first.end);
      if (lis.length === 1 && value.length === literals[lis[0]!]!.end - literals[lis[0]!]!.quote + 1) {
        const l = literals[lis[0]!]!;
        if (l.holes.length === 0 && isIdShaped(l.value) && referenceKind(l.value) && !excluded.has(lis[0]!)) {
          const ci = addCandidate(lis[0]!, l.value, 'wrapper', 'call');
          claimed.add(lis[0]!);
          a.argUses.push({ fn: lastSegment(site.callee), index: 0, label: null, cand: ci, refs: [] });
        }
      }
    }
  }

  // Callers in this file of the functions whose id is a parameter: `run(MODEL)`, `run(model=MODEL)`.
  for (const [fn, param] of paramFns) {
    let hits = 0;
    for (let at = code.indexOf(fn); at >= 0 && hits < 200; at = code.indexOf(fn, at + fn.length)) {
      if (at > 0 && isWordCode(code.charCodeAt(at - 1))) continue;
      let k = at + fn.length;
      while (code[k] === ' ' || code[k] === '\t') k++;
      if (code[k] !== '(') continue;
      if (/\b(def|function|func|fun|fn)\s+$/.test(code.slice(Math.max(0, at - 12), at))) continue;
      hits++;
      const { args } = parseArgs(k);
      const arg = args.find((x) => x.label === param.name) ?? args.filter((x) => x.label === null)[param.index];
      if (!arg) continue;
      // The definition's own parameter list reads as a call too: it passes the parameter itself.
      const argCode = code.slice(arg.valueStart, arg.end);
      const argText = text.slice(arg.valueStart, arg.end);
      if (/^\s*[A-Za-z_$][\w$]*\s*(:[^=]*)?$/.test(argCode) && argCode.trim().split(/[\s:]/)[0] === param.name && /\)\s*(->[^:]*)?:?\s*(\{|:|=>|$)/.test(code.slice(k, k + 400).split('\n')[0] ?? '')) continue;
      const lis = literalsIn(arg.valueStart, arg.end);
      const lit = lis.length === 1 ? literals[lis[0]!]! : null;
      if (lit && lit.holes.length === 0 && isIdShaped(lit.value) && argCode.trim().length === lit.end - lit.quote + 1) {
        a.argUses.push({ fn, index: param.index, label: arg.label, cand: addCandidate(lis[0]!, lit.value, 'wrapper', null), refs: [] });
      } else {
        a.argUses.push({ fn, index: param.index, label: arg.label, cand: null, refs: nameRefsOf(argCode, argText) });
      }
    }
  }

  const joinedBase = (l: Literal): void => {
    let k = l.end + 1;
    while (k < code.length && (code[k] === ' ' || code[k] === '\t')) k++;
    // PHP joins strings with `.`: 'https://fal.run/' . $endpoint.
    if (code[k] !== '+' && code[k] !== ',' && code[k] !== '%' && !(lang === 'php' && code[k] === '.' && code[k + 1] !== '.')) return;
    k++;
    while (k < code.length && (code[k] === ' ' || code[k] === '\t')) k++;
    if (code[k] === '"' || code[k] === "'" || code[k] === '`') {
      // "https://fal.run/" + "fal-ai/…": the joined literal is the id of a call.
      const li = byQuote.get(k);
      const next = li === undefined ? undefined : literals[li];
      const id = next && next.holes.length === 0 ? normalizeCallId(next.value, 'url') : null;
      if (li !== undefined && id) { addCandidate(li, id, 'url', 'call'); claimed.add(li); }
      return;
    }
    let e = k;
    while (e < code.length && e - k < 200 && !'),;\n+'.includes(code[e]!)) e++;
    if (e === k) return;
    const ref = nameRefOf(code.slice(k, e), text.slice(k, e));
    const place = placeAtCall(code, l.quote);
    const raw = place === l.quote ? rawOf(l) : callRaw(text, place, e, rawOf(l));
    const offset = place === l.quote ? l.start : place;
    if (ref) a.pending.push({ offset, raw, via: 'url', refs: [ref], envRefs: [], hasLiteral: false, param: paramOf(ref, l.quote) });
    else a.dynamic.push({ offset, raw, via: 'url' });
  };
  // A joined name that is the enclosing function's parameter (`func Submit(ctx, endpoint string)`): traced to its callers.
  const paramOf = (ref: NameRef, at: number): ParamRef | undefined => {
    if (ref.chain.length !== 1 || ref.index !== null) return undefined;
    return enclosingParam(code, at, ref.chain[0]!, lang) ?? undefined;
  };

  // Names bound to a bare fal host: `const base = "https://fal.run/"; base + "fal-ai/x"`.
  const baseNames = new Set<string>();
  for (const asg of assignments) {
    const lis = literalsIn(asg.rhsStart, asg.rhsEnd);
    if (lis.length === 1 && isFalRunBase(literals[lis[0]!]!.value) && code.slice(asg.rhsStart, asg.rhsEnd).trim().length === literals[lis[0]!]!.end - literals[lis[0]!]!.quote + 1) baseNames.add(asg.name);
  }
  const joinedToBaseName = (l: Literal): boolean => {
    let p = l.quote - 1;
    while (p >= 0 && /\s/.test(code[p]!)) p--;
    if (code[p] !== '+') return false;
    p--;
    while (p >= 0 && /\s/.test(code[p]!)) p--;
    let s0 = p;
    while (s0 >= 0 && /[A-Za-z0-9_$]/.test(code[s0]!)) s0--;
    return baseNames.has(code.slice(s0 + 1, p + 1));
  };

  // A base name joined to a name: `runBase + model`, `url.JoinPath(queueBase, model)`.
  for (const base of baseNames) {
    let hits = 0;
    for (let at = code.indexOf(base); at >= 0 && hits < MAX_FACTORY_HITS; at = code.indexOf(base, at + base.length)) {
      if (at > 0 && isWordCode(code.charCodeAt(at - 1))) continue;
      let k = at + base.length;
      if (isWordCode(code.charCodeAt(k))) continue;
      while (code[k] === ' ' || code[k] === '\t') k++;
      const op = code[k];
      if (op !== '+' && op !== ',') continue;
      if (op === ',') {
        // Only as the first argument of a path-joining call.
        let p = at - 1;
        while (p >= 0 && /\s/.test(code[p]!)) p--;
        const site = code[p] === '(' ? callAt(code, p) : null;
        if (!site || !/join|resolve/i.test(site.callee)) continue;
      }
      hits++;
      k++;
      while (code[k] === ' ' || code[k] === '\t') k++;
      if (code[k] === '"' || code[k] === "'" || code[k] === '`') continue; // a literal: joinedToBaseName
      let e = k;
      while (e < code.length && e - k < 200 && !'),;\n+'.includes(code[e]!)) e++;
      if (e === k) continue;
      const ref = nameRefOf(code.slice(k, e), text.slice(k, e));
      const place = placeAtCall(code, at);
      const raw = callRaw(text, place, Math.min(code.length - 1, e), base);
      if (ref) a.pending.push({ offset: place, raw, via: 'url', refs: [ref], envRefs: [], hasLiteral: false, param: paramOf(ref, at) });
    }
  }

  let argUseBudget = 2000;
  // ---- Every other literal: URLs, prefixed forms, and plain ids.
  literals.forEach((l, li) => {
    if (excluded.has(li)) return;
    const urls = findFalUrls(l.value);
    if (urls.length > 0) {
      for (const m of urls) {
        if (m.id) { addCandidate(li, m.id, m.via, 'call'); continue; }
        if (claimed.has(li) && candidateOf.has(li)) continue;
        const holeIndex = countHoles(l.value, m.start);
        const hole = m.holeIsWholeId ? l.holes[holeIndex] : undefined;
        const ref = hole ? nameRefOf(code.slice(hole.start, hole.end), text.slice(hole.start, hole.end)) : null;
        // Untraceable, it is reported at the call the URL is built for (the literal when none holds it).
        const place = placeAtCall(code, l.quote);
        const raw = place === l.quote ? rawOf(l) : callRaw(text, place, l.end, rawOf(l));
        const offset = place === l.quote ? l.start : place;
        if (ref) a.pending.push({ offset, raw, via: m.via, refs: [ref], envRefs: envRefsIn(text.slice(hole!.start, hole!.end)), hasLiteral: false });
        else a.dynamic.push({ offset, raw, via: m.via });
      }
      return;
    }
    if (l.holes.length === 0 && isFalRunBase(l.value)) {
      // A bare fal host joined to a name: "https://fal.run/" + model, url.JoinPath("https://queue.fal.run", model).
      joinedBase(l);
      return;
    }
    if (l.holes.length === 0 && baseNames.size > 0 && !claimed.has(li) && joinedToBaseName(l)) {
      const id = normalizeCallId(l.value, 'url');
      if (id) { addCandidate(li, id, 'url', 'call'); return; }
    }
    if (!claimed.has(li) && candidateOf.has(li) && configVia === null && l.holes.length === 0 && argUseBudget > 0) {
      // `job = render_video.delay(p, model="fal-ai/…")`: bound to a name, and also an argument of a project function.
      argUseBudget--;
      const ci = candidateOf.get(li)!;
      const use = a.candidates[ci]!.kind !== 'call' ? argumentOf(code, l, parseArgs) : null;
      if (use) a.argUses.push({ ...use, cand: ci, refs: [] });
      return;
    }
    if (claimed.has(li) || candidateOf.has(li) || l.holes.length > 0) return;
    const id = literalId(l.value, isKnown);
    if (!id) return;
    if (excludedAt(l)) return;
    const kind = id.call ? 'call' : referenceKind(id.id);
    if (!kind && configVia === null) return;
    const ci = addCandidate(li, id.id, id.via ?? configVia ?? 'literal', kind);
    if (configVia === null && !id.call && ARRAY_CONFIG_LANGS.has(lang)) {
      // A config array entry (`'banner_model' => env('X', 'fal-ai/…')`): known by the line's key.
      const head = LINE_KEY.exec(text.slice(lineStartOf(l.quote), l.quote));
      if (head) {
        const list = a.configKeys.get(head[1]!) ?? [];
        list.push(ci);
        a.configKeys.set(head[1]!, list);
      }
    }
    if (configVia === null && !id.call) {
      const use = argumentOf(code, l, parseArgs);
      if (use) a.argUses.push({ ...use, cand: ci, refs: [] });
    }
    if (configVia !== null) {
      // A config value code may load: known by its nearest key.
      const key = entryKey(code, text, l.quote) ?? (lang === 'toml' ? tomlKey(code, l.quote) : null);
      if (key !== null) {
        const list = a.configKeys.get(key) ?? [];
        list.push(ci);
        a.configKeys.set(key, list);
      }
    }
  });
}

interface ParsedArgs { args: CallArg[]; close: number }

/** A call site whose arguments are split only when asked for (most call sites are not fal calls). */
class LazyCallSite {
  calleeStart: number;
  readonly callee: string;
  readonly open: number;
  readonly #parse: (open: number) => ParsedArgs;
  #parsed: ParsedArgs | null = null;

  constructor(found: { calleeStart: number; callee: string; open: number }, parse: (open: number) => ParsedArgs) {
    this.calleeStart = found.calleeStart;
    this.callee = found.callee;
    this.open = found.open;
    this.#parse = parse;
  }

  get args(): CallArg[] {
    return (this.#parsed ??= this.#parse(this.open)).args;
  }

  get close(): number {
    return (this.#parsed ??= this.#parse(this.open)).close;
  }
}

function literalId(value: string, isKnown: Known): { id: string; via: string | null; call: boolean } | null {
  if (value.startsWith('fal_ai/')) {
    const id = normalizeLiteLlm(value, isKnown);
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

function countHoles(value: string, upTo: number): number {
  let n = 0;
  for (let i = 0; i < upTo && i < value.length; i++) if (value[i] === HOLE) n++;
  return n;
}

function matchingOpen(code: string, close: number): number {
  let depth = 0;
  for (let k = close; k >= 0 && k > close - 2000; k--) {
    if (code[k] === ')') depth++;
    else if (code[k] === '(') { depth--; if (depth === 0) return k; }
  }
  return -1;
}

function callRaw(text: string, calleeStart: number, close: number, callee: string): string {
  const window = text.slice(calleeStart, calleeStart + 200);
  const nl = window.indexOf('\n');
  const end = Math.min(close + 1, calleeStart + (nl < 0 ? window.length : nl));
  const raw = text.slice(calleeStart, end).replace(/\r$/, '');
  return raw.length > 0 ? raw : callee;
}

const IMPORT_LINE = /^\s*(import|from|export\s+\*|export\s*\{|#include|use|using|require|@import)\b/;

/** Positions where an id-shaped literal is not a use: imports, types, object keys. */
function isPositionExcluded(code: string, l: Literal, lang: Lang, lineStart: number): boolean {
  const head = code.slice(lineStart, Math.min(l.quote, lineStart + 200));
  if (IMPORT_LINE.test(head) || /(require|import)\s*\(\s*$/.test(head)) return true;
  let p = l.quote - 1;
  while (p >= 0 && /\s/.test(code[p]!)) p--;
  const prev = code[p] ?? '';
  let q = l.end;
  // Skip the closing quote(s).
  while (q < code.length && (code[q] === '"' || code[q] === "'" || code[q] === '`') && q <= l.end + 3) q++;
  while (q < code.length && /\s/.test(code[q]!)) q++;
  const next = code[q] ?? '';
  // Object/dict keys: ids used only as keys (price tables, validation lists).
  if ((next === ':' && code[q + 1] !== ':') || (next === '=' && code[q + 1] === '>') || (next === '?' && code[q + 1] === ':')) {
    // (`;` separates members of a TypeScript type literal.)
    if (prev === '{' || prev === ',' || prev === '[' || prev === '(' || prev === ';' || p < 0 || prev === '\n') return true;
  }
  if (lang === 'toml' && next === '=' && code[q + 1] !== '=') return true;
  if (lang === 'js' || lang === 'vue') {
    // Type-only positions: OutputType<"fal-ai/lora">, unions in type aliases, `extends "…"`.
    if (prev === '<' || next === '>') return true;
    if ((prev === '|' && code[p - 1] !== '|') || (next === '|' && code[q + 1] !== '|')) return true;
    if (/^\s*(export\s+)?(declare\s+)?type\s/.test(head)) return true;
    if (/\b(extends|keyof|typeof)\s*$/.test(code.slice(Math.max(0, l.quote - 20), l.quote))) return true;
  }
  return false;
}

const TYPE_DECL = /^[ \t]*(?:export[ \t]+)?(?:declare[ \t]+)?(type|interface)[ \t]+[A-Za-z_$][\w$]*/gm;
/** Most type declarations scanned per file; each scan is bounded, so the whole is linear. */
const MAX_TYPE_DECLS = 5000;

/**
 * Offset ranges [start, end) of TypeScript type alias right-hand sides and interface bodies,
 * sorted and disjoint. A literal inside one is a type, never a value (`"fal-ai/x": { input: … }`).
 */
function typeOnlyRanges(code: string): Array<[number, number]> {
  if (!code.includes('type') && !code.includes('interface')) return [];
  const out: Array<[number, number]> = [];
  TYPE_DECL.lastIndex = 0;
  let count = 0;
  for (let m = TYPE_DECL.exec(code); m && count < MAX_TYPE_DECLS; m = TYPE_DECL.exec(code)) {
    count++;
    const after = m.index + m[0].length;
    if (out.length > 0 && after < out[out.length - 1]![1]) continue;
    let k = after;
    const limit = Math.min(code.length, after + 400);
    // Generic parameters, `extends …`: up to the `=` (type) or the `{` (interface).
    if (m[1] === 'type') {
      while (k < limit && code[k] !== '=' && code[k] !== '\n' && code[k] !== ';') k++;
      if (code[k] !== '=' || code[k + 1] === '=') continue;
      const end = statementEnd(code, k + 1);
      out.push([k + 1, end + 1]);
      TYPE_DECL.lastIndex = Math.max(TYPE_DECL.lastIndex, end);
    } else {
      while (k < limit && code[k] !== '{' && code[k] !== ';') k++;
      if (code[k] !== '{') continue;
      const end = closingBrace(code, k);
      out.push([k, end + 1]);
      TYPE_DECL.lastIndex = Math.max(TYPE_DECL.lastIndex, end);
    }
  }
  return out;
}

function closingBrace(code: string, open: number): number {
  let depth = 0;
  const limit = Math.min(code.length, open + 200_000);
  for (let k = open; k < limit; k++) {
    const c = code[k];
    if (c === '{') depth++;
    else if (c === '}' && --depth === 0) return k;
  }
  return limit;
}

/** Whether `text` iterates the table `name` (map/forEach, for…in/of, v-for, Svelte each, ForEach). Bounded: a few indexOf passes. */
function iterates(text: string, name: string): boolean {
  if (!/^[A-Za-z_$][\w$]*$/.test(name)) return false;
  for (let at = text.indexOf(name); at >= 0; at = text.indexOf(name, at + name.length)) {
    const before = text.charCodeAt(at - 1);
    if (at > 0 && (isWordCode(before))) continue;
    const after = text.slice(at + name.length, at + name.length + 24);
    if (isWordCode(after.charCodeAt(0))) continue;
    if (/^\s*\??\.\s*(map|forEach|flatMap|mapIndexed|forEachIndexed)\s*[({]/.test(after)) return true;
    const head = text.slice(Math.max(0, at - 12), at);
    if (/(\bin|\bof|#each|ForEach\()\s*$/.test(head)) return true;
  }
  return false;
}

function isWordCode(c: number): boolean {
  return (c >= 48 && c <= 57) || (c >= 65 && c <= 90) || (c >= 97 && c <= 122) || c === 95 || c === 36;
}

/** Characters all call-placement scans of a file may read together: keeps a 5 MB line of templates linear. */
let placeBudget = 0;

/**
 * Where a URL-built call is reported: the callee of the innermost call whose arguments hold
 * `at` (`fetch(PROXY, { headers: { "x-fal-target-url": `…${id}` } })` → `fetch`), passing over
 * URL builders (`URI(…)`, `url.JoinPath(…)`, `fmt.Sprintf(…)`) to the call they feed on the same
 * statement. `at` itself when no call holds it (`const url = `…`;`) or the search gives up.
 */
export function placeAtCall(code: string, at: number): number {
  let depth = 0;
  let found = -1;
  const stop = Math.max(0, at - 2000);
  for (let k = at - 1; k >= stop && placeBudget > 0; k--, placeBudget--) {
    const c = code[k]!;
    if (c === ')' || c === ']' || c === '}') { depth++; continue; }
    if (c === '(' || c === '[' || c === '{') {
      if (depth > 0) { depth--; continue; }
      if (c === '[') continue;
      let p = k - 1;
      while (p >= 0 && /\s/.test(code[p]!)) p--;
      if (c === '{') {
        // An object literal in the arguments goes on outward; a block ends the search.
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
      // `name=` inside a call is a keyword argument; any other `=` is an assignment: stop.
      let p = k - 1;
      while (p >= 0 && (code[p] === ' ' || code[p] === '\t')) p--;
      let s0 = p;
      while (s0 >= 0 && isWordCode(code.charCodeAt(s0))) s0--;
      while (s0 >= 0 && /\s/.test(code[s0]!)) s0--;
      if (s0 < p && (code[s0] === '(' || code[s0] === ',')) continue;
      break;
    }
  }
  return found >= 0 ? found : at;
}

const URL_BUILDER = /(^|[.:])(URI|URL|Uri|parse|create|JoinPath|joinpath|urljoin|join|Sprintf|format|format!|sprintf|encodeURI|String)$/;

const CONFIG_FILE = /^[\w./-]*\.(?:ya?ml|json|toml)$/;
const LOADER = /\b(?:safe_load|load|loads|parse|load_yaml|load_json|readFileSync|read_text|open|YAML\.load_file|load_file|ReadFile|Unmarshal|parse_file)\b/;

/**
 * A right-hand side that loads a YAML/JSON/TOML file by a literal path
 * (`yaml.safe_load(open("config/models.yaml"))`, `JSON.parse(readFileSync("./models.json"))`,
 * `yaml.safe_load(f)` after `with open("…") as f`), with any keys applied after the load.
 */
function configLoad(rhsCode: string, rhsText: string, text: string): { file: string; keys: string[] } | null {
  if (rhsCode.length > 600 || !LOADER.test(rhsCode)) return null;
  // Keys applied to the loaded value: `…)["fal"]["models"]`.
  const keys: string[] = [];
  let end = rhsCode.trimEnd().length;
  while (end > 0 && rhsCode[end - 1] === ']') {
    const open = rhsCode.lastIndexOf('[', end - 1);
    if (open < 0) break;
    const m = /^\s*["']([^"']*)["']\s*$/.exec(rhsText.slice(open + 1, end - 1));
    keys.unshift(m ? m[1]! : '*');
    end = open;
  }
  if (end <= 0 || rhsCode[end - 1] !== ')') return null;
  const quoted = /["'`]([\w./-]+\.(?:ya?ml|json|toml))["'`]/.exec(rhsText.slice(0, end));
  if (quoted && CONFIG_FILE.test(quoted[1]!)) return { file: quoted[1]!, keys };
  // `with open("config/models.yaml") as f:` … `yaml.safe_load(f)`.
  const arg = /\(\s*([A-Za-z_]\w*)\s*\)\s*$/.exec(rhsCode.slice(0, end));
  if (!arg) return null;
  const opened = new RegExp(`open\\(\\s*["']([\\w./-]+\\.(?:ya?ml|json|toml))["'][^)\\n]{0,80}\\)\\s+as\\s+${arg[1]}\\b`).exec(text);
  return opened ? { file: opened[1]!, keys } : null;
}

/** The key of a TOML `key = "value"` line. */
function tomlKey(code: string, quote: number): string | null {
  const lineStart = code.lastIndexOf('\n', quote) + 1;
  const m = /^\s*([A-Za-z0-9_-]+)\s*=\s*$/.exec(code.slice(lineStart, quote));
  return m ? m[1]! : null;
}

function lastSegment(callee: string): string {
  const segs = calleeSegments(callee);
  // A Celery task queued with `render_video.delay(…)` is called with those arguments.
  if (segs.length >= 2 && segs[segs.length - 1] === 'delay') return segs[segs.length - 2]!;
  return segs[segs.length - 1] ?? callee;
}

/** The call a literal is a whole argument of (`make_image("fal-ai/x", args)`), as function name and position. */
function argumentOf(code: string, l: Literal, parseArgs: (open: number) => ParsedArgs): Omit<ArgUse, 'cand' | 'refs'> | null {
  let p = l.quote - 1;
  while (p >= 0 && /\s/.test(code[p]!)) p--;
  let labelEnd = -1;
  if (code[p] === '=' || code[p] === ':') {
    // A named argument: `model="fal-ai/x"`.
    labelEnd = p;
    p--;
    while (p >= 0 && (code[p] === ' ' || code[p] === '\t')) p--;
    while (p >= 0 && isWordCode(code.charCodeAt(p))) p--;
    while (p >= 0 && /\s/.test(code[p]!)) p--;
  }
  if (code[p] !== '(' && code[p] !== ',') return null;
  let q = l.end + 1;
  while (q < code.length && /\s/.test(code[q]!)) q++;
  if (code[q] !== ',' && code[q] !== ')') return null;
  // Back to the call's `(` over earlier arguments (bounded).
  let depth = 0;
  let open = -1;
  for (let k = p, stop = Math.max(0, p - 2000); k >= stop; k--) {
    const c = code[k]!;
    if (c === ')' || c === ']' || c === '}') depth++;
    else if (c === '(' || c === '[' || c === '{') {
      if (depth === 0) { if (c === '(') open = k; break; }
      depth--;
    }
  }
  if (open < 0) return null;
  const site = callAt(code, open);
  if (!site) return null;
  const { args } = parseArgs(open);
  const at = args.findIndex((x) => x.start <= l.quote && l.quote < x.end);
  if (at < 0) return null;
  const arg = args[at]!;
  const index = args.slice(0, at).filter((x) => x.label === null).length;
  return { fn: lastSegment(site.callee), index, label: labelEnd >= 0 ? arg.label : null };
}

const FN_HEADERS: RegExp[] = [
  /\b(?:def|function|func|fun|fn)\s+(?:\([^()]*\)\s*)?([A-Za-z_$][\w$]*)\s*(?:<[^<>()]*>)?\s*\(([^()]*)\)/g,
  /\b([A-Za-z_$][\w$]*)\s*=\s*(?:async\s+)?(?:function\s*)?\(([^()]*)\)\s*(?::[^=;{()]*)?(?:=>|\{)/g,
  /^[ \t]*(?:(?:public|private|protected|static|async|override|suspend|final|internal)\s+)*(?:[\w<>\[\],.?]+\s+)?([A-Za-z_$][\w$]*)\s*\(([^()]*)\)\s*(?::\s*[^{;=()]+)?\{/gm,
];
const NOT_FUNCTIONS = new Set(['if', 'for', 'while', 'switch', 'catch', 'return', 'with', 'elif', 'except', 'await', 'new', 'else']);
/** Characters the enclosing-function searches of a file may read together. */
let paramBudget = 0;

/** The function around `at` that takes `name` as a parameter, with the position callers pass it at. */
function enclosingParam(code: string, at: number, name: string, lang: Lang): ParamRef | null {
  if (paramBudget <= 0) return null;
  const from = Math.max(0, at - 6000);
  paramBudget -= at - from;
  const window = code.slice(from, at);
  let best: { index: number; fn: string; params: string } | null = null;
  for (const re of FN_HEADERS) {
    re.lastIndex = 0;
    for (let m = re.exec(window); m; m = re.exec(window)) {
      if (NOT_FUNCTIONS.has(m[1]!)) continue;
      if (!best || m.index > best.index) best = { index: m.index, fn: m[1]!, params: m[2]! };
    }
  }
  if (!best) return null;
  const params = best.params.split(',').map((x) => x.trim()).filter((x) => x !== '');
  if (lang === 'python' && (params[0] === 'self' || params[0] === 'cls' || /^(self|cls)\s*:/.test(params[0] ?? ''))) params.shift();
  const index = params.findIndex((x) => {
    const head = x.split('=')[0]!.split(':')[0]!;
    return head.split(/[^\w$]+/).includes(name);
  });
  return index < 0 ? null : { fn: best.fn, index, name };
}
