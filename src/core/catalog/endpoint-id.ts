/**
 * Endpoint ids as fal resolves them. Owners are compared case-insensitively (fal-js types say
 * `CassetteAI/…`, the website `cassetteai/…`); the rest of the id is compared as written.
 */
export function endpointKey(id: string): string {
  const slash = id.indexOf('/');
  return slash < 0 ? id.toLowerCase() : id.slice(0, slash).toLowerCase() + id.slice(slash);
}

/**
 * The part of a request path that can name a model: query and fragment dropped, and the
 * queue's `/requests/<id>…` tail cut, since status/result/cancel URLs are not part of the id.
 */
export function requestPath(raw: string): string {
  let p = raw.trim();
  const cut = p.search(/[?#]/);
  if (cut >= 0) p = p.slice(0, cut);
  const segments = p.split('/').filter((s) => s.length > 0);
  const requests = segments.indexOf('requests', 2);
  return (requests >= 0 ? segments.slice(0, requests) : segments).join('/');
}

/**
 * The prefixes of a request path that can name a catalog id, longest first, each at least
 * `owner/alias`, with what follows it (null for the whole path): `fal-ai/flux/dev/stream` →
 * `fal-ai/flux/dev/stream`, `fal-ai/flux/dev` (+ `stream`), `fal-ai/flux` (+ `dev/stream`).
 */
export function* idPrefixes(raw: string): Generator<{ id: string; subpath: string | null }> {
  const segments = requestPath(raw).split('/');
  for (let n = segments.length; n >= 2; n--) {
    yield { id: segments.slice(0, n).join('/'), subpath: n < segments.length ? segments.slice(n).join('/') : null };
  }
}

/** Whether a request path resolves to one of `ids` (ids and aliases), as the catalog resolves it. */
export function knownIdTest(ids: Iterable<string>): (raw: string) => boolean {
  const keys = new Set<string>();
  for (const id of ids) keys.add(endpointKey(id));
  return (raw) => {
    for (const { id } of idPrefixes(raw)) if (keys.has(endpointKey(id))) return true;
    return false;
  };
}
