// Linking: resolve the names fal calls pass to the literals behind them.
//
// Rule (one finding per literal, never double-counted):
// - The literal is the finding. A literal that reaches a fal call — directly,
//   through a constant, a table entry, an env variable or another file's
//   top-level constant — is reported once, at the literal, as kind 'call'.
//   Otherwise a fal id literal is a 'reference'.
// - A call site produces a finding of its own only when its id cannot be
//   traced to any literal: kind 'dynamic', id null, at the call.
// - Across files a name is followed only when the link is explicit: the name
//   is imported by this file (`from config import MODEL`, `import { MODEL }`),
//   or it is qualified by the other file's stem (`config.MODEL`). Only
//   top-level definitions are visible across files. `.env*` values are
//   visible project-wide through process.env.X / os.environ["X"] / getenv.

import type { Finding } from './types.ts';
import type { ArgUse, FileAnalysis, NameRef, PendingCall, SymbolDef } from './model.ts';
import { displayLine, position } from './lines.ts';

interface Target { file: FileAnalysis; index: number }

interface Project {
  byStem: Map<string, FileAnalysis[]>;
  env: Map<string, Target[]>;
  files: FileAnalysis[];
}

const MAX_DEPTH = 5;

function indexProject(files: FileAnalysis[]): Project {
  const byStem = new Map<string, FileAnalysis[]>();
  const env = new Map<string, Target[]>();
  for (const f of files) {
    const list = byStem.get(f.stem) ?? [];
    list.push(f);
    byStem.set(f.stem, list);
    for (const [name, indices] of f.envDefs) {
      const t = env.get(name) ?? [];
      for (const index of indices) t.push({ file: f, index });
      env.set(name, t);
    }
  }
  return { byStem, env, files };
}

/** Values of config files `configFile` names, at the key path `keys` (compared from the end; `*` is any key). */
function configValues(p: Project, configFile: string, keys: string[]): Target[] {
  const want = configFile.replace(/^(\.\.?\/)+/, '');
  const base = want.slice(want.lastIndexOf('/') + 1);
  const out: Target[] = [];
  for (const f of p.files) {
    if (f.configKeys.size === 0) continue;
    if (!(f.relPath === want || f.relPath.endsWith('/' + want) || (want.includes('/') ? false : f.relPath.endsWith('/' + base) || f.relPath === base))) continue;
    for (const [path, indices] of f.configKeys) {
      const have = path.split('.');
      const n = Math.min(have.length, keys.length);
      let ok = true;
      for (let i = 1; i <= n && ok; i++) {
        const k = keys[keys.length - i]!;
        if (k !== '*' && k !== have[have.length - i]) ok = false;
      }
      if (ok) for (const index of indices) out.push({ file: f, index });
    }
  }
  return out;
}

function valuesOf(p: Project, file: FileAnalysis, defs: SymbolDef[], key: string | null, depth: number, path?: string[]): Target[] {
  const out: Target[] = [];
  for (const def of defs) {
    if (def.configFile) {
      const keys = [...(def.configPath ?? []), ...(path ?? (key !== null ? [key] : []))];
      out.push(...configValues(p, def.configFile, keys));
      continue;
    }
    if (key !== null && key !== '*') {
      for (const index of def.keyed.get(key) ?? []) out.push({ file, index });
      // `const choice = UPSCALERS.find(…)`; `choice.endpointId`: the field of the aliased table's elements.
      for (const alias of def.aliases) {
        // The alias's own keys come first: `STAGES = CFG["pipeline"]`; `STAGES["thumbs"]["endpoint"]`.
        const keys = [...(alias.path ?? (alias.index !== null ? [alias.index] : [])), ...(path ?? [key])];
        out.push(...resolveRef(p, file, { chain: alias.chain, index: key, path: keys }, depth + 1));
      }
      continue;
    }
    for (const index of def.values) out.push({ file, index });
    if (key === null) {
      for (const alias of def.aliases) out.push(...resolveRef(p, file, alias, depth + 1));
      for (const name of def.envRefs) out.push(...(p.env.get(name) ?? []));
    }
  }
  return out;
}

export function resolveRef(p: Project, file: FileAnalysis, ref: NameRef, depth = 0): Target[] {
  if (depth > MAX_DEPTH) return [];
  const { chain, index } = ref;
  const head = chain[0]!;
  const last = chain[chain.length - 1]!;
  const local = file.symbols.get(head);
  if (local) {
    if (chain.length === 1) {
      const r = valuesOf(p, file, local, index, depth, ref.path);
      if (r.length > 0) return r;
    } else if (chain.length === 2 && index === null && local.some((d) => d.keyed.has(last) || d.aliases.length > 0 || d.configFile)) {
      return valuesOf(p, file, local, last, depth);
    }
  }
  if (chain.length >= 2) {
    const named = file.symbols.get(last);
    if (named) {
      const r = valuesOf(p, file, named, index, depth);
      if (r.length > 0) return r;
    }
  }
  // Across files, only through an explicit import or a module-qualified name.
  const out: Target[] = [];
  const visit = (other: FileAnalysis, name: string, key: string | null): void => {
    if (other === file) return;
    const defs = (other.symbols.get(name) ?? []).filter((d) => d.topLevel);
    if (defs.length > 0) out.push(...valuesOf(p, other, defs, key, depth));
  };
  if (chain.length >= 2) {
    for (const other of p.byStem.get(chain[chain.length - 2]!) ?? []) visit(other, last, index);
  }
  if (file.imports.has(head)) {
    const key = chain.length === 2 && index === null ? chain[1]! : index;
    for (const other of p.files) {
      if (chain.length === 1 || chain.length === 2) visit(other, head, key);
    }
  }
  return out;
}

/** Resolve every file's pending calls and produce the sorted findings. */
export function link(files: FileAnalysis[]): Finding[] {
  const p = indexProject(files);
  const extraDynamic: { file: FileAnalysis; offset: number; raw: string; via: string }[] = [];
  let uses: Map<string, (ArgUse & { file: FileAnalysis })[]> | null = null;
  let keyIndex: KeyIndex | null = null;
  const usesOf = (fn: string): (ArgUse & { file: FileAnalysis })[] => {
    if (uses === null) {
      uses = new Map();
      for (const f of files) for (const u of f.argUses) {
        const list = uses.get(u.fn) ?? [];
        list.push({ ...u, file: f });
        uses.set(u.fn, list);
      }
    }
    return uses.get(fn) ?? [];
  };
  for (const file of files) {
    for (const call of file.pending) {
      const targets: Target[] = [];
      for (const ref of call.refs) {
        targets.push(...resolveRef(p, file, ref));
        // UI state the user sets from a picker: every choice the file renders can reach the call.
        // (Also through a local alias of the state: `const target = hq ? "…" : endpointId`.)
        const isState = (name: string): boolean => file.symbols.get(name)?.some((d) => d.state) ?? false;
        if (file.pickerValues.length > 0 && ref.chain.length === 1 && ref.index === null
          && (isState(ref.chain[0]!) || (file.symbols.get(ref.chain[0]!)?.some((d) => d.aliases.some((al) => al.chain.length === 1 && al.index === null && isState(al.chain[0]!))) ?? false))) {
          for (const index of file.pickerValues) targets.push({ file, index });
        }
      }
      for (const name of call.envRefs) targets.push(...(p.env.get(name) ?? []));
      let traced = targets.length > 0;
      if (call.param) {
        // (Also when the parameter has a traced default: the literals callers pass reach the call too.)
        const before = traced;
        // A wrapper's id parameter: what its callers pass. Dynamic unless every recorded caller is traced.
        let untraced = false;
        for (const use of usesOf(call.param.fn)) {
          if (use.label !== null ? use.label !== call.param.name : use.index !== call.param.index) continue;
          const got: Target[] = use.cand !== null ? [{ file: use.file, index: use.cand }] : [];
          for (const ref of use.refs) got.push(...resolveRef(p, use.file, ref));
          if (got.length === 0) untraced = true;
          targets.push(...got);
        }
        traced = before || (targets.length > 0 && !untraced);
      }
      {
        // A settings/config/flag lookup: the project's config value (or flag default) under a matching key.
        // (Also when the name is traced otherwise: scope is ignored, another binding may be the lookup.)
        const got = lookupTargets(keyIndex ??= indexKeys(files), lookupsOf(file, call));
        if (got.length > 0) { targets.push(...got); traced = true; }
      }
      for (const t of targets) t.file.candidates[t.index]!.kind = 'call';
      if (!traced && !call.hasLiteral) extraDynamic.push({ file, ...call });
    }
  }
  const findings: Finding[] = [];
  const make = (file: FileAnalysis, offset: number, raw: string, kind: Finding['kind'], id: string | null, via: string): void => {
    const { line, column } = position(file.lines, offset);
    findings.push({ file: file.relPath, line, column, kind, usage: file.usage, id, raw, via, lineText: displayLine(file.lines, line) });
  };
  for (const file of files) {
    for (const c of file.candidates) if (c.kind !== null) make(file, c.offset, c.raw, c.kind, c.id, c.via);
    for (const d of file.dynamic) make(file, d.offset, d.raw, 'dynamic', null, d.via);
  }
  for (const d of extraDynamic) make(d.file, d.offset, d.raw, 'dynamic', null, d.via);
  return dedupe(findings).sort(compareFindings);
}

function dedupe(findings: Finding[]): Finding[] {
  const seen = new Set<string>();
  return findings.filter((f) => {
    const key = `${f.file}\u0000${f.line}\u0000${f.column}\u0000${f.kind}\u0000${f.id}`;
    if (seen.has(key)) return false;
    seen.add(key);
    return true;
  });
}

export function compareFindings(a: Finding, b: Finding): number {
  if (a.file !== b.file) return a.file < b.file ? -1 : 1;
  if (a.line !== b.line) return a.line - b.line;
  if (a.column !== b.column) return a.column - b.column;
  if (a.kind !== b.kind) return a.kind < b.kind ? -1 : 1;
  const ai = a.id ?? '';
  const bi = b.id ?? '';
  return ai < bi ? -1 : ai > bi ? 1 : 0;
}

/** Key tokens: `fal.tts.model`, `FAL_TTS_MODEL`, `falTtsModel`, `fal-tts-model` → ['fal','tts','model']. */
export function keyTokens(key: string): string[] {
  return key.replace(/([a-z0-9])([A-Z])/g, '$1 $2').toLowerCase().split(/[^a-z0-9]+/).filter((t) => t !== '');
}

/** Config values, env values and named defaults with a fal id, by the last token of their key. */
type KeyIndex = Map<string, { tokens: string[]; target: Target }[]>;
const MAX_KEY_TARGETS = 64;

function indexKeys(files: FileAnalysis[]): KeyIndex {
  const index: KeyIndex = new Map();
  const add = (file: FileAnalysis, key: string, indices: number[]): void => {
    const tokens = keyTokens(key);
    if (tokens.length === 0 || tokens.length > 16) return;
    const last = tokens[tokens.length - 1]!;
    const list = index.get(last) ?? [];
    for (const i of indices) if (list.length < MAX_KEY_TARGETS) list.push({ tokens, target: { file, index: i } });
    index.set(last, list);
  };
  for (const f of files) {
    for (const [key, indices] of f.configKeys) add(f, key, indices);
    for (const [key, indices] of f.envDefs) add(f, key, indices);
    for (const [name, defs] of f.symbols) for (const d of defs) if (d.values.length > 0 && d.keyed.size === 0) add(f, name, d.values);
  }
  return index;
}

const GENERIC_KEYS = new Set(['model', 'models', 'id', 'endpoint', 'name', 'value', 'default', 'url', 'key', 'path', 'app', 'type']);

/** Names that hold settings, config or parsed flags (`settings.image_model`, `args.model`, `config.falModel`). */
const CONFIG_HOLDER = /^(?:[a-z_]*(?:settings|config|conf|cfg|configuration|options|opts|flags|props|properties|env|environment)|args|cli|params)$/i;

/** What a pending call's id looks up by key: `settings.image_model`, `config('fal.model')`, a name bound to such a lookup. */
function lookupsOf(file: FileAnalysis, call: PendingCall): string[][] {
  const out: string[][] = [];
  // A key string that says nothing on its own (`get("model")`) is too weak to name a config value.
  const keyed = (k: string): string[] => { const t = keyTokens(k); return t.length === 1 && GENERIC_KEYS.has(t[0]!) ? [] : t; };
  for (const k of call.keys ?? []) out.push(keyed(k));
  for (const ref of call.refs) {
    if (ref.chain.length >= 2) {
      if (ref.chain.slice(0, -1).some((seg) => CONFIG_HOLDER.test(seg))) out.push(keyTokens(ref.chain[ref.chain.length - 1]!));
    }
    else if (ref.index === null) {
      for (const d of file.symbols.get(ref.chain[0]!) ?? []) for (const k of d.lookupKeys ?? []) out.push(keyed(k));
    }
  }
  return out.filter((t) => t.length > 0);
}

/** Targets whose key ends like the lookup (or the lookup ends like the key, when the key is qualified enough). */
function lookupTargets(index: KeyIndex, lookups: string[][]): Target[] {
  const out: Target[] = [];
  const endsWith = (a: string[], b: string[]): boolean => b.length <= a.length && b.every((t, i) => a[a.length - b.length + i] === t);
  for (const want of lookups) {
    for (const e of index.get(want[want.length - 1]!) ?? []) {
      // Only ids reportable on their own (fal-owned or catalog-known): a key match is weaker than a named link,
      // and such ids always pass the prefilter, so a set-aside file never holds a value this rule needs.
      if (e.target.file.candidates[e.target.index]!.kind === null) continue;
      // A bare one-word key (`upscaler:` under `fal: {…}`) answers `fal.upscaler`, unless the word says nothing (`model`).
      const specific = e.tokens.length >= 2 || !GENERIC_KEYS.has(e.tokens[0]!);
      if (endsWith(e.tokens, want) || (specific && endsWith(want, e.tokens))) out.push(e.target);
    }
  }
  return out;
}
