// The endpoint-id grammar (fal-platform.md 2d) and the normalizations that turn
// the many spellings of an id in code into one request path.
// Every pattern here is anchored and has no nested quantifiers, so it runs in
// linear time on any input.

const SEGMENT = '[A-Za-z0-9][A-Za-z0-9._-]*';
const ID_RE = new RegExp(`^${SEGMENT}(?:/${SEGMENT}){1,7}$`);
const LEGACY_NUMERIC_RE = /^([0-9]+)-([a-zA-Z0-9-]+)$/;
const MAX_ID_LENGTH = 200;

/** Owners that only ever name fal endpoints, so a literal under them is a fal id without a catalog. */
const FAL_OWNED_PREFIXES = ['fal-ai/', 'workflows/', 'comfy/'];

/** Routers take the real model inside their input; that inner model is not a fal call. */
const ROUTER_IDS = ['fal-ai/any-llm', 'openrouter/router'];

export function isIdShaped(value: string): boolean {
  if (value.length > MAX_ID_LENGTH || value.length < 3) return false;
  if (!ID_RE.test(value)) return false;
  // A segment that is only dots or a version-like file extension is not an id ("a/b.png" is a path).
  return !/\.(png|jpe?g|gif|webp|svg|mp[34]|wav|json|ya?ml|toml|tsx?|jsx?|py|go|md|txt|html|css)$/i.test(value);
}

export function isFalOwned(id: string): boolean {
  const lower = id.toLowerCase();
  return FAL_OWNED_PREFIXES.some((p) => lower.startsWith(p));
}

export function isRouterId(id: string): boolean {
  const lower = id.toLowerCase();
  return ROUTER_IDS.some((r) => lower === r || lower.startsWith(r + '/'));
}

/** `110602490-lcm` → `110602490/lcm`: fal's clients turn legacy numeric app ids into owner/alias. */
export function normalizeLegacyId(value: string): string | null {
  const m = LEGACY_NUMERIC_RE.exec(value);
  return m ? `${m[1]}/${m[2]}` : null;
}

/**
 * The id an SDK call actually requests, given the literal it was handed.
 * Returns null when the literal cannot be an endpoint id.
 */
export function normalizeCallId(value: string, via: string): string | null {
  let v = value.trim();
  if (v.startsWith('/')) v = v.slice(1);
  while (v.endsWith('/')) v = v.slice(0, -1);
  if (via === 'ai-sdk-prefixless') {
    // @ai-sdk/fal video/transcription strip a leading fal-ai/ or fal/ and then add fal-ai/.
    const bare = v.replace(/^fal-ai\//i, '').replace(/^fal\//i, '');
    if (!/^[A-Za-z0-9][A-Za-z0-9._/-]*$/.test(bare) || bare.length > MAX_ID_LENGTH) return null;
    const id = `fal-ai/${bare}`;
    return isIdShaped(id) ? id : null;
  }
  const legacy = normalizeLegacyId(v);
  if (legacy) return legacy;
  return isIdShaped(v) ? v : null;
}

/** LiteLLM routes fal through `fal_ai/<path>`; docs show both `fal_ai/fal-ai/…` and `fal_ai/flux/schnell`. */
export function normalizeLiteLlm(value: string, isKnown?: (id: string) => boolean): string | null {
  if (!value.startsWith('fal_ai/')) return null;
  const rest = value.slice('fal_ai/'.length);
  if (!isIdShaped(rest) && !/^[A-Za-z0-9][A-Za-z0-9._-]*$/.test(rest)) return null;
  if (isFalOwned(rest) || (isKnown?.(rest) ?? false)) return isIdShaped(rest) ? rest : null;
  const prefixed = `fal-ai/${rest}`;
  return isIdShaped(prefixed) ? prefixed : null;
}

/** promptfoo names fal providers `fal:image:<endpoint-id>`. */
export function normalizePromptfoo(value: string): string | null {
  const m = /^fal:image:(.+)$/.exec(value.trim());
  if (!m || m[1] === undefined) return null;
  return normalizeCallId(m[1], 'promptfoo');
}
