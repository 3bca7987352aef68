// A cheap linear test run on every file before the full analysis: can this
// file produce a finding on its own? Most files of a large project cannot, and
// lexing them is most of the scan's cost.
//
// A file can only yield a call, reference or dynamic finding if its text holds
// one of the triggers below (checked against every rule in code/*.ts, config.ts and calls.ts):
// - `fal` in any case (but not as `false`/`fall…`): SDK receivers and imports (fal, fal_client, @fal-ai/…,
//   createFalClient, FalAi::), fal URLs, LiteLLM `fal_ai/`, promptfoo `fal:image:`,
//   bare functions imported from fal_client, the `fal…` wrapper names;
// - `SyncClient` / `AsyncClient` (any case): fal_client's factories make a client
//   variable even without the module name on the line;
// - a language's bare fal callees (lang/*.ts `bareCallees`; Rust's fal-rs `#[endpoint(…)]` attribute is a call);
// - `<owner>/` for a fal-owned owner (fal-ai, workflows, comfy) or an owner the
//   catalog knows (owners compared case-insensitively, as the catalog does):
//   a reference needs isFalOwned or isKnownEndpoint, and the id's owner is the
//   run of id characters just before its first `/` (an id literal is exactly the
//   id, so the run starts at the quote or separator before it);
// - a numeric owner (legacy ids) also as `<owner>-`.
// A file without any of these can still hold a literal that a call elsewhere
// resolves to (an unknown owner's id in a constants file) or a name on the way
// to one: scanProject keeps such files aside and analyses them only when a
// pending call in an analysed file can reach them (see index.ts).

import type { Lang } from './languages.ts';
import { codeLanguage } from './lang/index.ts';

const FAL_OWNED_OWNERS = ['fal-ai', 'workflows', 'comfy'];
/**
 * `fal` except in the words `false`/`False` and `fall…` (fallback): no fal token (receiver,
 * module, package, URL, id, factory) spells fal that way, and they are in nearly every file.
 */
const TRIGGER = /fal(?!se\b|l)|syncclient/i;

export type Prefilter = (lang: Lang, text: string) => boolean;

function isIdChar(c: number): boolean {
  // [A-Za-z0-9._-]
  return (c >= 97 && c <= 122) || (c >= 65 && c <= 90) || (c >= 48 && c <= 57) || c === 46 || c === 95 || c === 45;
}

/** Whether `text` holds `<owner>/` for one of `owners` (lower-case), the owner a whole run of id characters. */
function ownerPrefixTest(owners: ReadonlySet<string>): (text: string) => boolean {
  let maxLen = 0;
  for (const o of owners) maxLen = Math.max(maxLen, o.length);
  return (text) => {
    let at = text.indexOf('/');
    while (at >= 0) {
      let s = at;
      while (s > 0 && at - s <= maxLen && isIdChar(text.charCodeAt(s - 1))) s--;
      if (s < at && at - s <= maxLen && (s === 0 || !isIdChar(text.charCodeAt(s - 1))) && owners.has(text.slice(s, at).toLowerCase())) return true;
      at = text.indexOf('/', at + 1);
    }
    return false;
  };
}

function ownerSet(knownOwners: Iterable<string>): Set<string> {
  const owners = new Set(FAL_OWNED_OWNERS);
  for (const o of knownOwners) if (o !== '') owners.add(o.toLowerCase());
  return owners;
}

/** The test for a set of catalog owners (first segments of catalog ids and aliases). */
export function createPrefilter(knownOwners: Iterable<string> = []): Prefilter {
  const owners = ownerSet(knownOwners);
  const numeric = [...owners].filter((o) => /^[0-9]+$/.test(o));
  const hasOwner = ownerPrefixTest(owners);

  return (lang: Lang, text: string): boolean => {
    if (TRIGGER.test(text)) return true;
    for (const callee of codeLanguage(lang)?.bareCallees ?? []) if (text.includes(callee)) return true;
    for (const o of numeric) if (text.includes(o + '-')) return true;
    return hasOwner(text);
  };
}

const FAL_HOST = /\bfal\.(?:run|ai|media)\b|\bfal_client\b|@fal-ai\//i;

/**
 * For a binary file (not scanned): whether its bytes, read as Latin-1, hold a fal host or an id
 * of a fal-owned or catalog owner. Stricter than the prefilter, whose bare `fal` is everywhere
 * in binary data; such a file is named in a note, since a call inside it is not checked.
 */
export function createBinaryMarker(knownOwners: Iterable<string> = []): (latin1: string) => boolean {
  const hasOwner = ownerPrefixTest(ownerSet(knownOwners));
  return (text) => FAL_HOST.test(text) || hasOwner(text);
}
