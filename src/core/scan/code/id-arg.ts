// A fal call's id argument: the literals it holds become calls; what else it reads (names,
// env variables, a settings key, the enclosing function's parameter) is left to linking as a
// pending call; an argument that reads nothing traceable is a dynamic call.

import { normalizeCallId, normalizeLiteLlm, isRouterId } from '../ids.ts';
import { envRefsAt, refAt, refsAt } from '../refs.ts';
import { HOLE } from '../urls.ts';
import type { CallArg, FalCallKind } from '../calls.ts';
import type { NameRef, ParamRef, PendingCall } from '../model.ts';
import type { Draft } from './draft.ts';
import type { Source } from './source.ts';
import type { LazyCallSite } from './calls.ts';
import { callRaw } from './place.ts';
import { CONFIG_LOOKUP, lookupKeys } from './lookups.ts';
import { enclosingParam } from './params.ts';

export function idArgumentUse(src: Source, draft: Draft, site: LazyCallSite, arg: CallArg, kind: FalCallKind, paramFns: Map<string, ParamRef>): void {
  const span = src.literalsIn(arg.start, arg.end);
  const found = idLiterals(src, draft, site, span, kind);
  const refs: NameRef[] = [...refsAt(src, arg.valueStart, arg.end), ...holeRefs(src, span)];
  const envRefs = envRefsAt(src, arg.valueStart, arg.end);
  if (found > 0 && refs.length === 0 && envRefs.length === 0) return;
  const call = { offset: site.calleeStart, raw: callRaw(src.text, site.calleeStart, site.close, site.callee), via: kind.via };
  const pending = (rest: Pick<PendingCall, 'hasLiteral' | 'keys' | 'param'>): void => { draft.out.pending.push({ ...call, refs, envRefs, ...rest }); };
  if (found === 0 && CONFIG_LOOKUP.test(src.code.slice(arg.valueStart, arg.end))) {
    // `FalAi::model(config('fal.banner_model'))`: a settings lookup by key string.
    const keys = lookupKeys(src, span);
    if (keys.length > 0) return pending({ hasLiteral: false, keys });
  }
  if (refs.length === 0 && envRefs.length === 0) { draft.out.dynamic.push(call); return; }
  const ref = refs[0]!;
  if (found === 0 && refs.length === 1 && envRefs.length === 0 && ref.chain.length === 1 && ref.index === null) {
    const param = enclosingParam(src, draft.budget, site.calleeStart, ref.chain[0]!);
    if (param) {
      paramFns.set(param.fn, param);
      return pending({ hasLiteral: false, param });
    }
  }
  // A literal fallback (`process.env.X ?? "fal-ai/…"`) resolves the rest but is never dynamic.
  pending({ hasLiteral: found > 0 });
}

/**
 * The id literals of the argument (or a branch of it), each a call; not a lookup key like
 * getModel("fast"). A router id (`fal-ai/any-llm`) keeps the call's other literals (its input's
 * model) from ever being findings. Returns how many were found.
 */
function idLiterals(src: Source, draft: Draft, site: LazyCallSite, span: number[], kind: FalCallKind): number {
  let found = 0;
  let routerCall = false;
  for (const li of span) {
    const l = src.literals[li]!;
    draft.claimed.add(li);
    if (l.holes.length > 0) continue;
    const lit = l.value.startsWith('fal_ai/') ? normalizeLiteLlm(l.value, draft.isKnown) : null;
    const id = lit ?? normalizeCallId(l.value, kind.prefixless ? 'ai-sdk-prefixless' : kind.via);
    if (!id) continue;
    draft.candidate(li, id, kind.via, 'call');
    found++;
    if (isRouterId(id)) routerCall = true;
  }
  if (routerCall) {
    for (const li of src.literalsIn(site.open, site.close)) if (!draft.claimed.has(li)) draft.excluded.add(li);
  }
  return found;
}

/** A template literal argument that is a single interpolation: `${MODEL}`. */
function holeRefs(src: Source, span: number[]): NameRef[] {
  const out: NameRef[] = [];
  for (const li of span) {
    const l = src.literals[li]!;
    if (l.holes.length !== 1 || l.value !== HOLE) continue;
    const r = refAt(src, l.holes[0]!.start, l.holes[0]!.end);
    if (r) out.push(r);
  }
  return out;
}
