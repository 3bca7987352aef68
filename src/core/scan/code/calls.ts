// Pass 3, calls: every call site in the masked code that is a fal call (calls.ts classifies the
// callee), a fal function handed to a helper, or a project wrapper; then the callers of the
// functions whose id is a parameter (params.ts) and the names joined to a fal base URL (joins.ts).

import { callAt, classifyCallee, idArgument, isWrapperName, type CallArg, type CallSite, type FalCallKind } from '../calls.ts';
import { isIdShaped } from '../ids.ts';
import { refsAt } from '../refs.ts';
import type { ParamRef } from '../model.ts';
import type { Draft } from './draft.ts';
import type { Source } from './source.ts';
import type { Bindings, ParsedArgs } from './types.ts';
import { CLIENT_FACTORIES } from './scope.ts';
import { matchingOpen } from './place.ts';
import { idArgumentUse } from './id-arg.ts';
import { DEF_BEFORE, lastSegment, paramCallers } from './params.ts';
import { baseJoins } from './joins.ts';

/** Call sites examined in depth per file; generated or minified files beyond this are not hand-written calls. */
const MAX_CALL_SITES = 20_000;

export function callsPass(src: Source, draft: Draft, bindings: Bindings): void {
  /** Functions whose id is a parameter (`def run(model): fal_client.subscribe(model)`), by name. */
  const paramFns = new Map<string, ParamRef>();
  callSites(src, draft, paramFns);
  paramCallers(src, draft, paramFns);
  baseJoins(src, draft, bindings.baseNames);
}

/** A call site whose arguments are split only when asked for (most call sites are not fal calls). */
export class LazyCallSite {
  /** Where the call is reported; moved back to the receiver for `createFalClient(…).subscribe(`. */
  calleeStart: number;
  readonly callee: string;
  readonly open: number;
  readonly #draft: Draft;
  #parsed: ParsedArgs | null = null;

  constructor(found: CallSite, draft: Draft) {
    this.calleeStart = found.calleeStart;
    this.callee = found.callee;
    this.open = found.open;
    this.#draft = draft;
  }

  get args(): CallArg[] {
    return (this.#parsed ??= this.#draft.parseArgs(this.open)).args;
  }

  get close(): number {
    return (this.#parsed ??= this.#draft.parseArgs(this.open)).close;
  }
}

function callSites(src: Source, draft: Draft, paramFns: Map<string, ParamRef>): void {
  const code = src.code;
  let open = code.indexOf('(');
  let examined = 0;
  while (open >= 0 && examined < MAX_CALL_SITES) {
    const found = callAt(code, open);
    open = code.indexOf('(', open + 1);
    if (found && callSite(src, draft, new LazyCallSite(found, draft), paramFns)) examined++;
  }
}

/** Reads one call site; whether it was examined in depth (a fal call, a fal function handed on, a wrapper). */
function callSite(src: Source, draft: Draft, site: LazyCallSite, paramFns: Map<string, ParamRef>): boolean {
  const kind = falCallKind(src, site);
  if (kind) {
    const arg = idArgument(site.args);
    if (arg) idArgumentUse(src, draft, site, arg, kind, paramFns);
    return true;
  }
  const peek = /^\s*([A-Za-z_$][\w$.]*)\s*,/.exec(src.code.slice(site.open + 1, site.open + 120));
  const wrapper = isWrapperName(site.callee);
  if (!peek && !wrapper) return false;
  if (peek && handedFalFunction(src, draft, site, paramFns)) return true;
  if (wrapper) wrapperCall(src, draft, site);
  return true;
}

/** The fal call a callee makes, also through a client made in place: `fal_client.SyncClient(...).submit(`. */
function falCallKind(src: Source, site: LazyCallSite): FalCallKind | null {
  const kind = classifyCallee(site.callee, src.calls);
  const code = src.code;
  if (kind || site.calleeStart <= 0 || code[site.calleeStart - 1] !== '.' || code[site.calleeStart - 2] !== ')') return kind;
  const inner = matchingOpen(code, site.calleeStart - 2);
  const recv = inner >= 0 ? callAt(code, inner) : null;
  if (!recv || !CLIENT_FACTORIES.some((f) => recv.callee.endsWith(f))) return null;
  const withClient = { ...src.calls, clientVars: new Set([...src.calls.clientVars, '__client']) };
  const made = classifyCallee('__client.' + site.callee, withClient);
  if (made) site.calleeStart = recv.calleeStart;
  return made;
}

/** A fal function object handed to a helper: `asyncio.to_thread(fal_client.subscribe, MODEL, …)`. */
function handedFalFunction(src: Source, draft: Draft, site: LazyCallSite, paramFns: Map<string, ParamRef>): boolean {
  const [first, second] = site.args;
  if (!first || !second) return false;
  const fnText = src.code.slice(first.start, first.end).trim();
  if (!/^[A-Za-z_$][\w$.]*$/.test(fnText)) return false;
  const kind = classifyCallee(fnText, src.calls);
  if (!kind) return false;
  idArgumentUse(src, draft, site, second, kind, paramFns);
  return true;
}

/** Project wrappers that hide the SDK (`generate_image(MODEL, …)`): the arguments they are handed. */
function wrapperCall(src: Source, draft: Draft, site: LazyCallSite): void {
  const first = site.args[0];
  if (!first) return;
  const fn = lastSegment(site.callee);
  if (!first.label && !DEF_BEFORE.test(src.code.slice(Math.max(0, site.calleeStart - 12), site.calleeStart))) wrapperNames(src, draft, site.args, fn);
  wrapperLiteral(src, draft, first, fn);
}

/** Names handed to a wrapper: the first argument, and later positional ones (`Submit(ctx, model, input)`), matched to its id parameter by position. */
function wrapperNames(src: Source, draft: Draft, args: CallArg[], fn: string): void {
  const first = args[0]!;
  const refs = refsAt(src, first.valueStart, first.end);
  if (refs.length > 0 || src.literalsIn(first.valueStart, first.end).length === 0) draft.out.argUses.push({ fn, index: 0, label: null, cand: null, refs });
  const positional = args.filter((x) => x.label === null);
  for (let i = 1; i < Math.min(positional.length, 4); i++) {
    const arg = positional[i]!;
    const argRefs = refsAt(src, arg.valueStart, arg.end);
    if (argRefs.length > 0 && src.literalsIn(arg.valueStart, arg.end).length === 0) draft.out.argUses.push({ fn, index: i, label: null, cand: null, refs: argRefs });
  }
}

/** A fal-id literal handed straight to a wrapper (`submit_and_get_result("fal-ai/…", args)`) is a call. */
function wrapperLiteral(src: Source, draft: Draft, first: CallArg, fn: string): void {
  const lis = src.literalsIn(first.valueStart, first.end);
  if (lis.length !== 1) return;
  const li = lis[0]!;
  const l = src.literals[li]!;
  if (src.code.slice(first.valueStart, first.end).trim().length !== l.end - l.quote + 1) return;
  if (l.holes.length > 0 || !isIdShaped(l.value) || !draft.referenceKind(l.value) || draft.excluded.has(li)) return;
  const ci = draft.candidate(li, l.value, 'wrapper', 'call');
  draft.claimed.add(li);
  draft.out.argUses.push({ fn, index: 0, label: null, cand: ci, refs: [] });
}
