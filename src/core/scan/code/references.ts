// Pass 4, references: every literal the earlier passes left, in source order. A fal URL is a
// call (or, with its id interpolated, a pending or dynamic call at the call it is built for);
// a bare fal host joined to an id is a call (joins.ts); a plain id is a reference (or, in a data
// file, a config value known by its key; in code, also an argument of a project function).

import { entryKey } from '../symbols.ts';
import { normalizeCallId } from '../ids.ts';
import { envRefsAt, refAt } from '../refs.ts';
import { findFalUrls, HOLE, isFalRunBase, type UrlMatch } from '../urls.ts';
import type { Literal } from '../literals.ts';
import type { Draft } from './draft.ts';
import type { Source } from './source.ts';
import type { Bindings } from './types.ts';
import { placeUrlCall } from './place.ts';
import { joinedBase, joinedToBaseName } from './joins.ts';
import { argumentOf } from './params.ts';

/** A config array entry's key at the start of its line: `'banner_model' =>`. */
const LINE_KEY = /^\s*['"]?([A-Za-z_][\w.-]{0,127})['"]?\s*(?:=>|:)/;

export function referencesPass(src: Source, draft: Draft, bindings: Bindings): void {
  src.literals.forEach((l, li) => {
    if (!draft.excluded.has(li)) reference(src, draft, bindings, l, li);
  });
}

function reference(src: Source, draft: Draft, bindings: Bindings, l: Literal, li: number): void {
  const urls = findFalUrls(l.value);
  if (urls.length > 0) return urlLiteral(src, draft, l, li, urls);
  const plain = l.holes.length === 0;
  // A bare fal host joined to a name: "https://fal.run/" + model, url.JoinPath("https://queue.fal.run", model).
  if (plain && isFalRunBase(l.value)) return joinedBase(src, draft, l);
  if (plain && bindings.baseNames.size > 0 && !draft.claimed.has(li) && joinedToBaseName(src.code, l, bindings.baseNames)) {
    const id = normalizeCallId(l.value, 'url');
    if (id) { draft.candidate(li, id, 'url', 'call'); return; }
  }
  const bound = draft.candidateOf.get(li);
  if (!draft.claimed.has(li) && bound !== undefined && !src.language.data && plain && draft.budget.argUses > 0) {
    // `job = render_video.delay(p, model="fal-ai/…")`: bound to a name, and also an argument of a project function.
    draft.budget.argUses--;
    const use = draft.out.candidates[bound]!.kind !== 'call' ? argumentOf(src, draft, l) : null;
    if (use) draft.out.argUses.push({ ...use, cand: bound, refs: [] });
    return;
  }
  if (draft.claimed.has(li) || bound !== undefined || !plain) return;
  plainLiteral(src, draft, l, li);
}

/** A literal holding fal URLs: each with an id is a call; an interpolated id is traced through its name, or dynamic. */
function urlLiteral(src: Source, draft: Draft, l: Literal, li: number, urls: UrlMatch[]): void {
  for (const m of urls) {
    if (m.id) { draft.candidate(li, m.id, m.via, 'call'); continue; }
    if (draft.claimed.has(li) && draft.candidateOf.has(li)) continue;
    const hole = m.holeIsWholeId ? l.holes[countHoles(l.value, m.start)] : undefined;
    const ref = hole ? refAt(src, hole.start, hole.end) : null;
    // Untraceable, it is reported at the call the URL is built for (the literal when none holds it).
    const { offset, raw } = placeUrlCall(src, draft.budget, l, l.end);
    if (ref) draft.out.pending.push({ offset, raw, via: m.via, refs: [ref], envRefs: envRefsAt(src, hole!.start, hole!.end), hasLiteral: false });
    else draft.out.dynamic.push({ offset, raw, via: m.via });
  }
}

/** A literal no pass has taken: an id reference (or a data file's value), known by its key where it has one. */
function plainLiteral(src: Source, draft: Draft, l: Literal, li: number): void {
  const id = draft.idOf(l.value);
  if (!id || src.isExcluded(l)) return;
  const data = src.language.data;
  const kind = id.call ? 'call' : draft.referenceKind(id.id);
  if (!kind && !data) return;
  const ci = draft.candidate(li, id.id, id.via ?? data?.via ?? 'literal', kind);
  if (data) {
    // A config value code may load: known by its nearest key.
    const key = entryKey(src.code, src.text, l.quote) ?? data.keyAt?.(src.code, l.quote) ?? null;
    if (key !== null) keyValue(draft, key, ci);
    return;
  }
  if (id.call) return;
  if (src.language.lineKeys) {
    // A config array entry (`'banner_model' => env('X', 'fal-ai/…')`): known by the line's key.
    const head = LINE_KEY.exec(src.text.slice(src.lineStartOf(l.quote), l.quote));
    if (head) keyValue(draft, head[1]!, ci);
  }
  const use = argumentOf(src, draft, l);
  if (use) draft.out.argUses.push({ ...use, cand: ci, refs: [] });
}

function keyValue(draft: Draft, key: string, ci: number): void {
  const list = draft.out.configKeys.get(key) ?? [];
  list.push(ci);
  draft.out.configKeys.set(key, list);
}

function countHoles(value: string, upTo: number): number {
  let n = 0;
  for (let i = 0; i < upTo && i < value.length; i++) if (value[i] === HOLE) n++;
  return n;
}
