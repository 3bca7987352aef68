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
