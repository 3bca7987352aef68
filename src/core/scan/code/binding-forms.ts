// Names bound without an `=`: a Spring `@Value` field, a Go flag variable, a loop variable,
// a Swift string enum's value, a clap argument's default. Each form is spelled so that no
// other language writes it alike, so (as every rule not in lang/*.ts) each is tried on every file.

import type { SymbolDef } from '../model.ts';
import type { Draft } from './draft.ts';
import type { Source } from './source.ts';

/** Bindings all forms may add per file together: keeps `for for for …` linear. */
const MAX_BINDINGS = 200;

interface Forms {
  src: Source;
  draft: Draft;
  /** Bindings made so far (or matches tried, for the forms that count those). */
  count: number;
}

export function bindingForms(src: Source, draft: Draft): void {
  const f: Forms = { src, draft, count: 0 };
  if (src.text.includes('@Value')) springValues(f);
  if (src.code.includes('&')) goFlags(f);
  if (src.code.includes('for')) loopVariables(f);
  if (src.code.includes('rawValue') && src.code.includes('enum')) swiftEnums(f);
  if (src.code.includes('default_value')) clapDefaults(f);
}

function bind(f: Forms, name: string, def: Partial<SymbolDef>): void {
  const symbols = f.draft.out.symbols;
  const list = symbols.get(name) ?? [];
  list.push({ name, topLevel: false, values: [], keyed: new Map(), aliases: [], envRefs: [], ...def });
  symbols.set(name, list);
}

/** Candidates for the first `max` id literals in [start, end) (interpolated and excluded ones left out). */
function valuesIn(f: Forms, start: number, end: number, max = 6): number[] {
  const { src, draft } = f;
  const out: number[] = [];
  for (const li of src.literalsIn(start, end).slice(0, max)) {
    const l = src.literals[li]!;
    if (l.holes.length > 0) continue;
    const id = draft.idOf(l.value);
    if (!id || src.isExcluded(l)) continue;
    out.push(draft.candidate(li, id.id, id.via ?? 'constant', id.call ? 'call' : draft.referenceKind(id.id)));
  }
  return out;
}

/** Spring `@Value("${fal.tts.model}") private String model;`: the field reads that config key. */
function springValues(f: Forms): void {
  const text = f.src.text;
  const re = /@Value\(\s*"\$\{([A-Za-z_][\w.-]{0,200})(?::[^}"]{0,200})?\}"\s*\)\s*([^;=,)\n]{0,200})/g;
  for (let m = re.exec(text); m && f.count < MAX_BINDINGS; m = re.exec(text), f.count++) {
    let decl = m[2]!;
    const colon = decl.indexOf(':');
    if (colon >= 0) decl = decl.slice(0, colon);
    const name = /([A-Za-z_]\w*)\s*$/.exec(decl);
    if (name) bind(f, name[1]!, { lookupKeys: [m[1]!] });
  }
}

/** Go `flags.StringVarP(&model, "model", "m", "fal-ai/…", …)`: the variable's default. */
function goFlags(f: Forms): void {
  const code = f.src.code;
  const re = /VarP?\(\s*&([A-Za-z_]\w*)\s*,/g;
  for (let m = re.exec(code); m && f.count < MAX_BINDINGS; m = re.exec(code), f.count++) {
    let end = m.index + m[0].length;
    for (let depth = 0, limit = Math.min(code.length, end + 2000); end < limit; end++) {
      const c = code[end];
      if (c === '(' || c === '[' || c === '{') depth++;
      else if (c === ')' || c === ']' || c === '}') { if (depth === 0) break; depth--; }
    }
    const values = valuesIn(f, m.index + m[0].length, end);
    if (values.length > 0) bind(f, m[1]!, { values });
  }
}

/** Loop variables over a table (`for model in CANDIDATES:`, `for (const m of MODELS)`, `for _, m := range MODELS`): every element. */
function loopVariables(f: Forms): void {
  const code = f.src.code;
  const re = /\bfor\s*\(?\s*(?:(?:const|let|var|val)\s+)?(?:[A-Za-z_]\w*\s*,\s*)?([A-Za-z_]\w*)\s+(?:in|of|:=\s*range)\s+([A-Za-z_][\w.]{0,200})\s*(?:\)|:|\{|\n)/g;
  for (let m = re.exec(code); m && f.count < MAX_BINDINGS; m = re.exec(code), f.count++) {
    const chain = m[2]!.split('.').filter((x) => x !== '');
    if (chain.length === 0 || chain.length > 4 || m[1] === '_') continue;
    bind(f, m[1]!, { aliases: [{ chain, index: '*' }] });
  }
}

/** Swift string enums: `enum Style: String { case photo = "fal-ai/…" }`; a value `style: Style` read as `style.rawValue` is any case. */
function swiftEnums(f: Forms): void {
  const code = f.src.code;
  const enums = new Map<string, number[]>();
  const re = /\benum\s+([A-Za-z_]\w*)\s*:\s*String\b[^{]{0,200}\{/g;
  for (let m = re.exec(code); m && enums.size < 50; m = re.exec(code)) {
    const open = m.index + m[0].length - 1;
    let end = open + 1;
    for (let depth = 0, limit = Math.min(code.length, open + 20_000); end < limit; end++) {
      if (code[end] === '{') depth++;
      else if (code[end] === '}') { if (depth === 0) break; depth--; }
    }
    const values = valuesIn(f, open, end, 64);
    if (values.length > 0) enums.set(m[1]!, values);
  }
  if (enums.size === 0) return;
  const typed = /\b([A-Za-z_]\w*)\s*:\s*([A-Za-z_]\w*)\b/g;
  for (let m = typed.exec(code); m && f.count < MAX_BINDINGS; m = typed.exec(code)) {
    const values = enums.get(m[2]!);
    if (!values || enums.has(m[1]!)) continue;
    f.count++;
    bind(f, m[1]!, { values: [...values], keyed: new Map([['rawValue', [...values]]]) });
  }
}

/** clap `#[arg(default_value = "fal-ai/…")] model: String`: the field's default. */
function clapDefaults(f: Forms): void {
  const code = f.src.code;
  const re = /#\[arg\(([^\]]{0,500})\)\]\s*(?:pub\s+)?([A-Za-z_]\w*)\s*:/g;
  for (let m = re.exec(code); m && f.count < MAX_BINDINGS; m = re.exec(code), f.count++) {
    if (!m[1]!.includes('default_value')) continue;
    const values = valuesIn(f, m.index, m.index + m[0].length);
    if (values.length > 0) bind(f, m[2]!, { values });
  }
}
