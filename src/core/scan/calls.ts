// Which call sites are fal calls, and which argument carries the endpoint id.
// Works on the masked code (comments and string contents blanked), so brackets
// and commas inside strings never confuse the argument split.

import type { CodeLanguage } from './lang/types.ts';

export interface CallArg {
  start: number;
  end: number;
  /** `to:` / `application=` / `model:` … when the argument is named. */
  label: string | null;
  /** Offset where the value starts (after the label). */
  valueStart: number;
}

export interface CallSite {
  calleeStart: number;
  callee: string;
  open: number;
}

const MAX_BACK = 300;
const MAX_ARGS_SPAN = 20_000;

/** The call site whose `(` is at `open`, or null if no callee name precedes it. */
export function callAt(code: string, open: number): CallSite | null {
  let k = open - 1;
  while (k >= 0 && (code[k] === ' ' || code[k] === '\t')) k--;
  if (code[k] === '>') {
    // Generic arguments: fal.realtime.connect<In, Out>(…).
    let depth = 0;
    const stop = Math.max(0, k - MAX_BACK);
    for (; k >= stop; k--) {
      if (code[k] === '>') depth++;
      else if (code[k] === '<') { depth--; if (depth === 0) break; }
    }
    if (depth !== 0) return null;
    k--;
    while (k >= 0 && (code[k] === ' ' || code[k] === '\t')) k--;
  }
  const end = k + 1;
  const stop = Math.max(0, end - MAX_BACK);
  while (k >= stop) {
    const c = code[k]!;
    if (/[A-Za-z0-9_$.?!]/.test(c)) { k--; continue; }
    if ((c === ' ' || c === '\t' || c === '\n' || c === '\r') && code[k + 1] === '.' || (/\s/.test(c) && /^\s*\./.test(code.slice(k, k + 40)) && k + 1 < end)) {
      // A chain broken over lines: `fal\n  .subscribe(`.
      let j = k;
      while (j >= stop && /\s/.test(code[j]!)) j--;
      if (j >= stop && /[A-Za-z0-9_$)]/.test(code[j]!)) { k = j; continue; }
    }
    if (c === '>' && code[k - 1] === '-') { k -= 2; continue; }
    if (c === ':' && code[k - 1] === ':') { k -= 2; continue; }
    break;
  }
  let calleeStart = k + 1;
  while (calleeStart < end && /[.?!]/.test(code[calleeStart]!)) calleeStart++;
  const callee = code.slice(calleeStart, end).replace(/\s+/g, '');
  if (!/^[A-Za-z_$]/.test(callee)) return null;
  return { calleeStart, callee, open };
}

export function splitArgs(code: string, open: number, maxSpan = MAX_ARGS_SPAN): { args: CallArg[]; close: number } {
  const args: CallArg[] = [];
  let depth = 0;
  let argStart = open + 1;
  const limit = Math.min(code.length, open + maxSpan);
  let k = open + 1;
  const push = (end: number): void => {
    const raw = code.slice(argStart, end);
    if (raw.trim() === '') return;
    const m = /^\s*([A-Za-z_$][A-Za-z0-9_$]*)\s*(:(?!:)|=(?![=>]))/.exec(raw.slice(0, 80));
    args.push({
      start: argStart, end,
      label: m ? m[1]! : null,
      valueStart: m ? argStart + m[0].length : argStart,
    });
  };
  for (; k < limit; k++) {
    const c = code[k];
    if (c === '(' || c === '[' || c === '{') depth++;
    else if (c === ')' || c === ']' || c === '}') {
      if (depth === 0) { push(k); return { args, close: k }; }
      depth--;
    } else if (c === ',' && depth === 0) {
      push(k);
      argStart = k + 1;
    }
  }
  push(k);
  return { args, close: k };
}

export interface FalCallKind {
  via: string;
  /** @ai-sdk/fal video/transcription take ids without the fal-ai/ prefix. */
  prefixless: boolean;
}

export interface CallContext {
  language: CodeLanguage;
  /** Variables holding a fal client (createFalClient(), SyncClient(), `import * as falClient`). */
  clientVars: Set<string>;
  /** Bare functions imported from fal_client (`from fal_client import submit`). */
  bareFunctions: Set<string>;
}

const FAL_RECEIVER = /^(fal|fal_?client|fal_?ai|fal_?sdk|fal_?api|fal_?service|fal_?app)$/i;
const TOP_METHODS = new Set(['run', 'subscribe', 'stream', 'submit', 'status', 'result', 'cancel', 'realtime', 'ws', 'ws_connect']);
const QUEUE_METHODS = new Set(['submit', 'status', 'result', 'cancel', 'subscribetostatus', 'streamstatus', 'subscribe']);
const AI_SDK_METHODS = new Set(['image', 'imagemodel', 'speech', 'speechmodel']);
const AI_SDK_PREFIXLESS = new Set(['video', 'videomodel', 'transcription', 'transcriptionmodel']);
const APPS_METHODS = new Set(['run', 'submit', 'stream', 'ws']);

export function calleeSegments(callee: string): string[] {
  // Most callees are plain `a.b.c`: skip the rewrites when no character they act on is present.
  const plain = /[-:?!$]/.test(callee) ? callee.replace(/->|::|\?\.|!\./g, '.').replace(/^\$/, '') : callee;
  const segs = plain.split('.').filter((s) => s !== '');
  while (segs.length > 1 && (segs[0] === 'this' || segs[0] === 'self' || segs[0] === 'it' || segs[0] === 'await')) segs.shift();
  return segs;
}

/** Classify a callee as a fal SDK call, or null. */
export function classifyCallee(callee: string, ctx: CallContext): FalCallKind | null {
  const segs = calleeSegments(callee);
  if (segs.length === 0) return null;
  const method = segs[segs.length - 1]!.toLowerCase().replace(/_?async$/, '');
  const recv = segs.slice(0, -1);
  const via = ctx.language.sdkVia;
  if (recv.length === 0) {
    if (ctx.bareFunctions.has(segs[0]!)) return { via, prefixless: false };
    // fal-rs: #[endpoint(endpoint = "fal-ai/flux/dev")] on the request type.
    if (ctx.language.bareCallees?.includes(segs[0]!)) return { via, prefixless: false };
    return null;
  }
  const falAt = recv.findIndex((s) => FAL_RECEIVER.test(s) || ctx.clientVars.has(s));
  if (falAt < 0) {
    // `SyncClient(...).submit(` is handled by the caller via clientVars; a PHP facade is `FalAi::model`.
    return null;
  }
  const middle = recv.slice(falAt + 1).map((s) => s.toLowerCase());
  if (middle.length === 0) {
    if (TOP_METHODS.has(method)) return { via, prefixless: false };
    if (AI_SDK_METHODS.has(method)) return { via: 'ai-sdk', prefixless: false };
    if (AI_SDK_PREFIXLESS.has(method)) return { via: 'ai-sdk', prefixless: true };
    if (ctx.language.modelMethods?.includes(method)) return { via, prefixless: false };
    return null;
  }
  if (middle.length !== 1) return null;
  const m = middle[0];
  if (m === 'queue' && QUEUE_METHODS.has(method)) return { via, prefixless: false };
  if (m === 'realtime' && method === 'connect') return { via, prefixless: false };
  if (m === 'streaming' && method === 'stream') return { via, prefixless: false };
  if (m === 'apps' && APPS_METHODS.has(method)) return { via: 'fal-apps', prefixless: false };
  return null;
}

/** Labels under which SDKs take the endpoint id as a named argument. */
export const ID_LABELS = new Set(['to', 'application', 'app', 'app_id', 'appId', 'endpoint', 'endpointId', 'endpoint_id', 'model', 'modelId', 'model_id', 'id']);

/** The argument that carries the id: a named one if present, else the first positional. */
export function idArgument(args: CallArg[]): CallArg | null {
  const named = args.find((a) => a.label !== null && ID_LABELS.has(a.label));
  if (named) return named;
  const first = args[0];
  if (!first) return null;
  if (first.label !== null && first.label !== 'to') return null;
  return first;
}

/** Project wrappers that hide the SDK: `ApiHandler.submit_and_get_result("fal-ai/…", args)`. */
export function isWrapperName(callee: string): boolean {
  const segs = calleeSegments(callee);
  const name = segs[segs.length - 1] ?? '';
  return /submit|subscribe|generate|infer|predict|fal/i.test(name) && !/^(describe|it|test|expect)$/.test(name);
}
