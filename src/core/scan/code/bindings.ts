// Pass 2, bindings: which names the file binds to id literals, tables, env variables, other
// names, loaded config files and settings lookups (`=` assignments here, the other binding
// forms in binding-forms.ts); the tables a UI iterates (pickers); names bound to a fal host.

import { entryKey, findAssignments, type Assignment } from '../symbols.ts';
import { envRefsAt, refsAt } from '../refs.ts';
import { isFalRunBase } from '../urls.ts';
import type { SymbolDef } from '../model.ts';
import type { Draft } from './draft.ts';
import type { Source } from './source.ts';
import type { Bindings } from './types.ts';
import { bindingForms } from './binding-forms.ts';
import { CONFIG_LOOKUP, lookupKeys } from './lookups.ts';
import { configLoad } from './config-load.ts';
import { isWordCode } from './place.ts';

/** UI state cells: `useState("…")`, Vue `ref(…)`, Solid/Preact signals, Svelte stores, Compose state. */
const STATE_HOOK = /^\s*(?:React\.)?(?:useState|ref|signal|useRef|writable|createSignal|mutableStateOf|\$state)\s*(?:<[^>]*>)?\s*\(/;
const TABLE = /^\s*(\{|\[|dict\(|mapOf\(|listOf\(|arrayOf\(|map\[|\[\]|array\(|new\s+Map)/;
const MAX_TABLES = 100;

export function bindingsPass(src: Source, draft: Draft): Bindings {
  const assignments = findAssignments(src.code, (offset) => src.lineStartOf(offset));
  const tables = new Map<string, number[]>();
  for (const asg of assignments) bindAssignment(src, draft, asg, tables);
  bindingForms(src, draft);
  if (tables.size > 0 && src.language.pickers) {
    // Pickers: tables of ids the file iterates to render choices (`OPTIONS.map(…)`, `v-for="m in OPTIONS"`).
    for (const [name, values] of tables) if (iterates(src.text, name)) draft.out.pickerValues.push(...values);
  }
  return { assignments, tables, baseNames: baseNames(src, assignments) };
}

function bindAssignment(src: Source, draft: Draft, asg: Assignment, tables: Map<string, number[]>): void {
  const { rhsStart, rhsEnd } = asg;
  const span = src.literalsIn(rhsStart, rhsEnd);
  const rhsCode = src.code.slice(rhsStart, rhsEnd);
  const def: SymbolDef = { name: asg.name, topLevel: asg.topLevel, values: [], keyed: new Map(), aliases: [], envRefs: envRefsAt(src, rhsStart, rhsEnd) };
  const isTable = TABLE.test(rhsCode);
  if (isTable && tables.size < MAX_TABLES) tables.set(asg.name, def.values);
  // `const [model, setModel] = …`: bound to values only when a state hook makes the cell.
  bindValues(src, draft, span, def, isTable, asg.stateHook && !STATE_HOOK.test(rhsCode));
  bindAliases(src, asg, rhsCode, def);
  if (def.values.length === 0 && src.language.configLoads) {
    const loaded = configLoad(src, rhsStart, rhsEnd);
    if (loaded) { def.configFile = loaded.file; def.configPath = loaded.keys; }
  }
  if (def.values.length === 0 && span.length > 0 && CONFIG_LOOKUP.test(rhsCode)) {
    // `val model = environment.config.property("fal.portraitModel").getString()`: the key it reads.
    const keys = lookupKeys(src, span);
    if (keys.length > 0) def.lookupKeys = keys;
  }
  if (def.values.length > 0 || def.aliases.length > 0 || def.envRefs.length > 0 || def.state || def.configFile || def.lookupKeys) {
    const list = draft.out.symbols.get(asg.name) ?? [];
    list.push(def);
    draft.out.symbols.set(asg.name, list);
  }
}

/** The id literals of a right-hand side (a table's by key too). */
function bindValues(src: Source, draft: Draft, span: number[], def: SymbolDef, isTable: boolean, notState: boolean): void {
  const dataVia = src.language.data?.via ?? null;
  for (const li of span) {
    const l = src.literals[li]!;
    if (l.holes.length > 0) continue;
    const id = draft.idOf(l.value);
    if (!id || src.isExcluded(l) || notState) continue;
    const ci = draft.candidate(li, id.id, id.via ?? dataVia ?? 'constant', id.call ? 'call' : draft.referenceKind(id.id));
    def.values.push(ci);
    const key = isTable ? entryKey(src.code, src.text, l.quote) : null;
    if (key !== null) {
      const list = def.keyed.get(key) ?? [];
      list.push(ci);
      def.keyed.set(key, list);
    }
  }
}

/** The names a right-hand side reads; `useState(OPTIONS[0].id)`, `ref(MODEL)`: a state cell starts from its argument. */
function bindAliases(src: Source, asg: Assignment, rhsCode: string, def: SymbolDef): void {
  const hook = STATE_HOOK.exec(rhsCode);
  const inner = hook && /\)\s*;?\s*$/.test(rhsCode) ? rhsCode.lastIndexOf(')') : -1;
  if (hook && inner > hook[0].length) def.aliases.push(...refsAt(src, asg.rhsStart + hook[0].length, asg.rhsStart + inner));
  else def.aliases.push(...refsAt(src, asg.rhsStart, asg.rhsEnd));
  if (hook) def.state = true;
}

/** Names bound to a bare fal host: `const base = "https://fal.run/"; base + "fal-ai/x"`. */
function baseNames(src: Source, assignments: Assignment[]): Set<string> {
  const out = new Set<string>();
  for (const asg of assignments) {
    const lis = src.literalsIn(asg.rhsStart, asg.rhsEnd);
    if (lis.length !== 1) continue;
    const l = src.literals[lis[0]!]!;
    if (isFalRunBase(l.value) && src.code.slice(asg.rhsStart, asg.rhsEnd).trim().length === l.end - l.quote + 1) out.add(asg.name);
  }
  return out;
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
