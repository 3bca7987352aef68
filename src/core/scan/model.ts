// What one file contributes before linking: candidate literals, the names
// they are bound to, and fal calls whose id is a name still to be resolved.
// Linking (link.ts) turns these into findings, across files when scanning a project.

import type { UsageContext } from './types.ts';
import type { LineIndex } from './lines.ts';

/** A literal (or config value) that names an endpoint id. */
export interface Candidate {
  offset: number;
  raw: string;
  id: string;
  via: string;
  /** 'call'/'reference' when reportable on its own; null when it only counts if a call resolves to it. */
  kind: 'call' | 'reference' | null;
}

/** `MODELS.fast` → chain ['MODELS','fast']; `MODELS["fast"]` → chain ['MODELS'], index 'fast'; `MODELS[k]` → index '*'. */
export interface NameRef {
  chain: string[];
  index: string | null;
  /** Every key of a nested lookup (`CFG["fal"]["models"]["image"]`), when more than one. */
  path?: string[];
}

export interface SymbolDef {
  name: string;
  topLevel: boolean;
  /** Candidate indices bound to this name (all values for a table). */
  values: number[];
  /** Candidate indices by key, for object/dict tables. */
  keyed: Map<string, number[]>;
  aliases: NameRef[];
  envRefs: string[];
  /** A UI state cell (`const [model, setModel] = useState(…)`, `ref(…)`): the user can set it. */
  state?: boolean;
  /** Bound to a loaded config file (`yaml.safe_load(open("config/models.yaml"))`): its path as written… */
  configFile?: string;
  /** …and the keys already applied (`…)["fal"]["models"]`). */
  configPath?: string[];
  /** Key strings a settings/config lookup reads (`config.property("fal.model")`, `@Value("${fal.tts.model}")`). */
  lookupKeys?: string[];
}

export interface PendingCall {
  offset: number;
  raw: string;
  via: string;
  refs: NameRef[];
  envRefs: string[];
  /** The argument also holds an id literal (`process.env.X ?? "fal-ai/…"`), so it is never dynamic. */
  hasLiteral: boolean;
  /** The id is a parameter of the enclosing function: traced to the arguments its callers pass. */
  param?: ParamRef;
  /** Key strings the id argument looks up (`config('fal.banner_model')`). */
  keys?: string[];
}

export interface ParamRef {
  /** Function or method name (`submit_and_get_result`). */
  fn: string;
  /** Position among the arguments a caller passes (Python `self`/`cls` not counted). */
  index: number;
  name: string;
}

/** An argument a call site passes to a project function: an id literal (cand) or names (refs). */
export interface ArgUse {
  fn: string;
  index: number;
  label: string | null;
  cand: number | null;
  refs: NameRef[];
}

export interface DynamicCall {
  offset: number;
  raw: string;
  via: string;
}

export interface FileAnalysis {
  relPath: string;
  usage: UsageContext;
  lines: LineIndex;
  /** File name without directory and extension: `config` for `app/config.py`. */
  stem: string;
  candidates: Candidate[];
  symbols: Map<string, SymbolDef[]>;
  /** `.env`-style definitions: variable name → candidate indices. */
  envDefs: Map<string, number[]>;
  /** Names this file imports from elsewhere (by name). */
  imports: Set<string>;
  pending: PendingCall[];
  /** Set when a reader failed on this file: its findings are unknown, which must be said. */
  failure?: string;
  dynamic: DynamicCall[];
  /** Id literals of tables this file iterates (`OPTIONS.map(…)`): the choices of a picker, should UI state reach a call. */
  pickerValues: number[];
  /** Config values by key path (YAML: the full nesting; JSON: the nearest key): `fal.models.image` → candidate indices. */
  configKeys: Map<string, number[]>;
  /** Arguments call sites pass to project functions, for tracing a wrapper's id parameter. */
  argUses: ArgUse[];
}

/** File name without directory and extension: `config` for `app/config.py`. */
export function stemOf(relPath: string): string {
  const base = relPath.slice(relPath.lastIndexOf('/') + 1);
  const dot = base.indexOf('.', 1);
  return dot > 0 ? base.slice(0, dot) : base;
}

export function emptyAnalysis(relPath: string, usage: UsageContext, lines: LineIndex): FileAnalysis {
  return {
    relPath, usage, lines,
    stem: stemOf(relPath),
    candidates: [], symbols: new Map(), envDefs: new Map(), imports: new Set(), pending: [], dynamic: [], pickerValues: [], configKeys: new Map(), argUses: [],
  };
}
