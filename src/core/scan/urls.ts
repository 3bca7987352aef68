// fal URL forms (fal-platform.md 2a) → the endpoint id they request.
// Status/result URLs (`…/requests/<id>/status`) carry only owner/app and the
// submit that matters is elsewhere, so they yield nothing. Storage, media and
// the platform API live on other hosts and are never matched.

import { normalizeCallId, normalizeLegacyId } from './ids.ts';

/** Stands in for an interpolation (`${x}`, `{x}`) inside a template literal. */
export const HOLE = '\u0000';

export interface UrlMatch {
  /** Offset of the URL's first character in the scanned text. */
  start: number;
  /** Normalized id, or null when the id part is interpolated (a dynamic call). */
  id: string | null;
  /** The interpolation index whose value is the whole id, when the id is exactly one hole. */
  holeIsWholeId: boolean;
  via: string;
}

const PATH_CHAR = /[A-Za-z0-9._\/-]/;

function readPath(text: string, from: number): { path: string; end: number; hole: boolean } {
  let i = from;
  while (i < text.length && PATH_CHAR.test(text[i]!)) i++;
  const hole = text[i] === HOLE;
  return { path: text.slice(from, i), end: i, hole };
}

/** Interpret the path after a fal host. */
function pathToMatch(path: string, hole: boolean, start: number, via: string, stripFalAi: boolean): UrlMatch | null {
  let p = path;
  while (p.startsWith('/')) p = p.slice(1);
  if (stripFalAi) {
    if (!p.toLowerCase().startsWith('fal-ai/') && !(p === '' && hole)) return null;
    p = p.slice('fal-ai/'.length);
  }
  if (/(^|\/)requests(\/|$)/.test(p)) return null;
  if (hole) return { start, id: null, holeIsWholeId: p === '', via };
  while (p.endsWith('/')) p = p.slice(0, -1);
  if (p === '') return null;
  const id = normalizeCallId(p, via);
  return id ? { start, id, holeIsWholeId: false, via } : null;
}

function urlStart(text: string, hostAt: number): number {
  // Walk back over the scheme and subdomain so the finding points at the URL's start.
  let i = hostAt;
  while (i > 0 && /[A-Za-z0-9.\-]/.test(text[i - 1]!)) i--;
  if (i >= 3 && text.slice(i - 3, i) === '://') {
    let j = i - 3;
    while (j > 0 && /[a-z]/i.test(text[j - 1]!)) j--;
    return j;
  }
  return i;
}

function isBoundary(ch: string | undefined): boolean {
  return ch === undefined || !/[A-Za-z0-9_-]/.test(ch);
}

/** Find every fal model URL in `text` (a literal's value or an unquoted config line). */
export function findFalUrls(text: string): UrlMatch[] {
  const out: UrlMatch[] = [];
  if (text.length > 100_000 && !text.includes('fal')) return out;

  let from = 0;
  for (;;) {
    const at = text.indexOf('fal.run', from);
    if (at < 0) break;
    from = at + 7;
    const before = text[at - 1];
    if (!(before === '/' || before === '.' )) continue;
    const after = text[at + 7];
    if (after === ':') {
      // Port: skip it.
      let k = at + 8;
      while (k < text.length && /[0-9]/.test(text[k]!)) k++;
      if (text[k] !== '/') continue;
      const r = readPath(text, k + 1);
      const m = pathToMatch(r.path, r.hole, urlStart(text, at), 'url', false);
      if (m) out.push(m);
      continue;
    }
    if (after === HOLE) continue;
    if (after !== '/') continue;
    const r = readPath(text, at + 8);
    const m = pathToMatch(r.path, r.hole, urlStart(text, at), 'url', false);
    if (m) out.push(m);
  }

  from = 0;
  for (;;) {
    const at = text.indexOf('gateway.alpha.fal.ai', from);
    if (at < 0) break;
    from = at + 20;
    if (text[at - 1] === '.') {
      // <app-id>.gateway.alpha.fal.ai
      let i = at - 1;
      while (i > 0 && /[A-Za-z0-9-]/.test(text[i - 1]!)) i--;
      const app = text.slice(i, at - 1);
      const id = normalizeLegacyId(app) ?? null;
      if (id) out.push({ start: urlStart(text, i), id, holeIsWholeId: false, via: 'url-legacy' });
      else if (text[i - 1] === HOLE) out.push({ start: urlStart(text, i), id: null, holeIsWholeId: false, via: 'url-legacy' });
      continue;
    }
    const trigger = '/trigger/';
    if (text.startsWith(trigger, at + 20)) {
      const r = readPath(text, at + 20 + trigger.length);
      let p = r.path;
      while (p.endsWith('/')) p = p.slice(0, -1);
      const first = p.split('/')[0] ?? '';
      // A legacy trigger path names the app as `<owner>-<alias>` or `<owner>/<alias>`.
      const legacy = normalizeLegacyId(first);
      const id = legacy ?? (p.includes('/') ? normalizeCallId(p.split('/').slice(0, 2).join('/'), 'url') : null);
      if (r.hole && !id) out.push({ start: urlStart(text, at), id: null, holeIsWholeId: p === '', via: 'url-legacy' });
      else if (id) out.push({ start: urlStart(text, at), id, holeIsWholeId: false, via: 'url-legacy' });
    }
  }

  from = 0;
  const hf = 'router.huggingface.co/fal-ai/';
  for (;;) {
    const at = text.indexOf(hf, from);
    if (at < 0) break;
    from = at + hf.length;
    const r = readPath(text, at + hf.length);
    const m = pathToMatch(r.path, r.hole, urlStart(text, at), 'hf-router', false);
    if (m) out.push(m);
  }
  return out.filter((m) => isBoundary(text[m.start - 1]) || m.start === 0);
}

/** True when the text mentions a fal host that serves models (used to spot base-URL constants). */
export function isFalRunBase(text: string): boolean {
  return /^(https?|wss?):\/\/([a-z]+\.)?fal\.run\/?(\{\}|\{0\}|%s|%v)?$/.test(text.trim());
}
