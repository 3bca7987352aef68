// Line-oriented config files: .env, .ini/.cfg, YAML and shell scripts.
// Read line by line instead of parsed, so positions are exact and a malformed
// file still yields what it holds (a YAML parse error never hides a call).
// Every pattern is anchored at the line start and lines are length-capped.

import type { ConfigLang } from './languages.ts';
import { isFalOwned, isIdShaped, normalizeLiteLlm, normalizePromptfoo } from './ids.ts';
import { findFalUrls, HOLE } from './urls.ts';
import type { FileAnalysis } from './model.ts';

type Known = ((id: string) => boolean) | undefined;

const MAX_LINE = 4000;
const ENV_LINE = /^(\s*(?:export\s+)?)([A-Za-z_][A-Za-z0-9_.-]*)(\s*[?:+]?=\s*)/;
const INI_LINE = /^(\s*)([A-Za-z_][A-Za-z0-9_.\- ]*?)(\s*[=:]\s*)/;
const YAML_KEY = /^("[^"]*"|'[^']*'|[^'"\s#\-{[][^:#]*?)\s*:(?:\s+|$)/;

/** Where the comment starts (`#` at line start or after whitespace, outside quotes), or the line length. */
function commentStart(line: string, markers: string): number {
  let quote = '';
  for (let i = 0; i < line.length; i++) {
    const c = line[i]!;
    if (quote) { if (c === quote) quote = ''; continue; }
    if (c === '"' || c === "'") { quote = c; continue; }
    if (markers.includes(c) && (i === 0 || line[i - 1] === ' ' || line[i - 1] === '\t')) return i;
  }
  return line.length;
}

/** Strip matching quotes from a scalar, returning the inner text and its offset shift. */
function unquote(value: string): { inner: string; shift: number } {
  const v = value.trimEnd();
  const q = v[0];
  if ((q === '"' || q === "'") ) {
    const close = v.indexOf(q, 1);
    return { inner: v.slice(1, close < 0 ? v.length : close), shift: 1 };
  }
  return { inner: v, shift: 0 };
}

function envValue(body: string, valueAt: number): { inner: string; at: number } {
  const value = unquote(body.slice(valueAt));
  return { inner: value.inner, at: valueAt + value.shift };
}

const NEXT_ASSIGNMENT = /^\s+(?:export\s+)?([A-Za-z_][A-Za-z0-9_]*)=/;

/** The assignments a shell line starts with: each value ends at its closing quote or the first blank. */
function shellAssignments(body: string, first: RegExpExecArray): { name: string; inner: string; at: number }[] {
  const out: { name: string; inner: string; at: number }[] = [];
  let name = first[2]!;
  let at = first[0].length;
  for (let guard = 0; guard < 64; guard++) {
    const q = body[at];
    let end: number;
    let inner: string;
    let start = at;
    if (q === '"' || q === "'") {
      const close = body.indexOf(q, at + 1);
      end = close < 0 ? body.length : close + 1;
      inner = body.slice(at + 1, close < 0 ? body.length : close);
      start = at + 1;
    } else {
      const blank = body.slice(at).search(/\s/);
      end = blank < 0 ? body.length : at + blank;
      inner = body.slice(at, end);
    }
    out.push({ name, inner, at: start });
    const next = NEXT_ASSIGNMENT.exec(body.slice(end));
    if (!next) break;
    name = next[1]!;
    at = end + next[0].length;
  }
  return out;
}

export function analyzeConfig(a: FileAnalysis, text: string, lang: ConfigLang, isKnown: Known): void {
  const via = lang;
  let offset = 0;
  // Make's `$(NAME)` reads a variable like the shell's `${NAME}` (same length: offsets unchanged).
  if (lang === 'shell' && text.includes('$(') && /(^|\/)(GNUmakefile|[Mm]akefile|[^/]*\.mk)$/.test(a.relPath)) text = text.replace(/\$\(([A-Za-z_][A-Za-z0-9_]*)\)/g, '$${$1}');
  const lines = text.split('\n');
  const keyStack: { indent: number; key: string }[] = [];
  for (const rawLine of lines) {
    const lineOffset = offset;
    offset += rawLine.length + 1;
    const line = rawLine.endsWith('\r') ? rawLine.slice(0, -1) : rawLine;
    if (line.length > MAX_LINE) {
      scanUrls(a, line, lineOffset, via);
      continue;
    }
    const trimmed = line.trimStart();
    if (trimmed === '' || trimmed.startsWith('#') || (lang === 'ini' && (trimmed.startsWith(';') || trimmed.startsWith('[')))) continue;
    const body = line.slice(0, commentStart(line, lang === 'ini' ? '#;' : '#'));

    if (lang === 'env' || lang === 'shell') {
      const m = ENV_LINE.exec(body);
      // `out=$(curl … "https://queue.fal.run/$MODEL")`: a command substitution is a command, not a value.
      const substitution = m !== null && lang === 'shell' && /^\s*["']?(\$\(|`)/.test(body.slice(m[0].length));
      if (m && !substitution) {
        let found = false;
        // A shell line may hold several assignments (`A=1 B="fal-ai/…" cmd`, a Dockerfile's
        // `ENV A=1 B=2`); an .env value runs to the end of the line.
        for (const { name, inner, at } of lang === 'shell' ? shellAssignments(body, m) : [{ name: m[2]!, ...envValue(body, m[0].length) }]) {
          const ci = addValue(a, inner, lineOffset + at, via, isKnown);
          if (ci === null) continue;
          found = true;
          const list = a.envDefs.get(name) ?? [];
          list.push(ci);
          a.envDefs.set(name, list);
        }
        if (found || lang === 'env') continue;
      }
      if (lang === 'env') continue;
      scanShellLine(a, body, lineOffset, isKnown);
      continue;
    }
    if (lang === 'ini') {
      const m = INI_LINE.exec(body);
      if (!m) continue;
      const valueAt = m[0].length;
      const value = unquote(body.slice(valueAt));
      const ci = addValue(a, value.inner, lineOffset + valueAt + value.shift, via, isKnown);
      if (ci !== null) {
        // Java `.properties` / HOCON: the key (`fal.model.tts`) a settings lookup may name.
        const key = m[2]!.trim();
        const list = a.configKeys.get(key) ?? [];
        list.push(ci);
        a.configKeys.set(key, list);
      }
      continue;
    }
    // YAML: list markers, then an optional key, then the value.
    let at = 0;
    while (at < body.length && (body[at] === ' ' || body[at] === '\t')) at++;
    const indent = at;
    while (keyStack.length > 0 && keyStack[keyStack.length - 1]!.indent >= indent) keyStack.pop();
    while (body[at] === '-' && (body[at + 1] === ' ' || body[at + 1] === undefined)) {
      at++;
      while (at < body.length && body[at] === ' ') at++;
    }
    const listed = at > indent;
    const parentKey = keyStack.length > 0 ? keyStack[keyStack.length - 1]!.key : '';
    if (listed && (parentKey === 'environment' || parentKey === 'env')) {
      // compose `environment:` as a list: `- FAL_MODEL=fal-ai/…` defines an environment variable.
      const item = /^["']?([A-Za-z_][A-Za-z0-9_]*)=/.exec(body.slice(at));
      if (item) {
        const quoted = body[at] === '"' || body[at] === "'";
        const valueAt = at + item[0].length;
        const raw = body.slice(valueAt).replace(quoted ? /["']\s*$/ : /\s+$/, '');
        const ci = addValue(a, unquote(raw).inner, lineOffset + valueAt + unquote(raw).shift, via, isKnown);
        if (ci !== null) {
          const list = a.envDefs.get(item[1]!) ?? [];
          list.push(ci);
          a.envDefs.set(item[1]!, list);
        }
        continue;
      }
    }
    const key = YAML_KEY.exec(body.slice(at));
    if (key) at += key[0].length;
    const rest = body.slice(at);
    const keyName = key ? key[1]!.replace(/^["']|["']$/g, '') : null;
    if (keyName !== null && rest.trim() === '' && keyStack.length < 64) {
      keyStack.push({ indent, key: keyName });
      continue;
    }
    const record = (ci: number | null): void => {
      if (ci === null || keyName === null) return;
      // CI/compose `env:` maps define environment variables (`run: curl …/$MODEL`, `os.environ["MODEL"]`).
      const parent = keyStack.length > 0 ? keyStack[keyStack.length - 1]!.key : '';
      if ((parent === 'env' || parent === 'environment' || parent === 'variables') && /^[A-Za-z_][A-Za-z0-9_]*$/.test(keyName)) {
        const list = a.envDefs.get(keyName) ?? [];
        list.push(ci);
        a.envDefs.set(keyName, list);
      }
      const path = [...keyStack.map((e) => e.key), keyName].join('.');
      const list = a.configKeys.get(path) ?? [];
      list.push(ci);
      a.configKeys.set(path, list);
    };
    if (rest.trimStart().startsWith('[')) {
      // Flow sequence: [a, "b", c]
      let k = at + rest.indexOf('[') + 1;
      for (const part of rest.slice(rest.indexOf('[') + 1).split(',')) {
        const lead = part.length - part.trimStart().length;
        const item = part.trim().replace(/]$/, '').trimEnd();
        const value = unquote(item);
        addValue(a, value.inner, lineOffset + k + lead + value.shift, via, isKnown);
        k += part.length + 1;
      }
      continue;
    }
    if (rest.trim() === '' || rest.trimStart().startsWith('{') || /^[|>]/.test(rest.trimStart())) {
      scanUrls(a, body, lineOffset, via);
      continue;
    }
    const value = unquote(rest.trim());
    const lead = rest.length - rest.trimStart().length;
    record(addValue(a, value.inner, lineOffset + at + lead + value.shift, via, isKnown));
  }
}

/** Record a config value that names an endpoint; returns its candidate index. */
function addValue(a: FileAnalysis, value: string, valueOffset: number, via: string, isKnown: Known): number | null {
  const v = value.trim();
  const offset = valueOffset + (value.length - value.trimStart().length);
  if (v === '' || v.length > 2000) return null;
  const urls = findFalUrls(v.replaceAll('$', HOLE));
  if (urls.length > 0) {
    let last: number | null = null;
    for (const m of urls) {
      if (m.id) {
        a.candidates.push({ offset, raw: v, id: m.id, via: 'url', kind: 'call' });
        last = a.candidates.length - 1;
      } else {
        // `URL="https://queue.fal.run/$MODEL"`: the id is a variable, resolved like any env reference.
        const envName = m.holeIsWholeId ? /\$\{?([A-Za-z_][A-Za-z0-9_]*)/.exec(v.slice(m.start)) : null;
        if (envName) a.pending.push({ offset, raw: v, via: 'url', refs: [], envRefs: [envName[1]!], hasLiteral: false });
        else a.dynamic.push({ offset, raw: v, via: 'url' });
      }
    }
    return last;
  }
  let id: string | null = null;
  let kind: 'call' | 'reference' | null = null;
  let tag = via;
  if (v.startsWith('fal:image:')) { id = normalizePromptfoo(v); kind = 'call'; tag = 'promptfoo'; }
  else if (v.startsWith('fal_ai/')) { id = normalizeLiteLlm(v, isKnown); kind = 'call'; tag = 'litellm'; }
  else if (isIdShaped(v)) { id = v; kind = isFalOwned(v) || (isKnown?.(v) ?? false) ? 'reference' : null; }
  if (!id) return null;
  a.candidates.push({ offset, raw: v, id, via: tag, kind });
  return a.candidates.length - 1;
}

/** fal URLs anywhere on a line (shell commands, YAML block scalars, over-long lines). */
function scanUrls(a: FileAnalysis, line: string, lineOffset: number, via: string): void {
  if (!line.includes('fal')) return;
  const masked = line.replaceAll('$', HOLE);
  for (const m of findFalUrls(masked)) {
    let end = m.start;
    const stop = Math.min(line.length, m.start + 300);
    while (end < stop && !/[\s"'`)]/.test(line[end]!)) end++;
    const raw = line.slice(m.start, end);
    if (m.id) a.candidates.push({ offset: lineOffset + m.start, raw, id: m.id, via: via === 'shell' ? 'url' : 'url', kind: 'call' });
    else {
      const envName = /\$\{?([A-Za-z_][A-Za-z0-9_]*)/.exec(raw);
      if (envName && m.holeIsWholeId) a.pending.push({ offset: lineOffset + m.start, raw, via: 'url', refs: [], envRefs: [envName[1]!], hasLiteral: false });
      else a.dynamic.push({ offset: lineOffset + m.start, raw, via: 'url' });
    }
  }
}

function scanShellLine(a: FileAnalysis, body: string, lineOffset: number, isKnown: Known): void {
  scanUrls(a, body, lineOffset, 'shell');
  // Quoted ids given as arguments (`--model "fal-ai/flux/dev"`).
  let k = 0;
  while (k < body.length) {
    const c = body[k]!;
    if (c !== '"' && c !== "'") { k++; continue; }
    const close = body.indexOf(c, k + 1);
    if (close < 0) break;
    const inner = body.slice(k + 1, close);
    if (isIdShaped(inner) && (isFalOwned(inner) || (isKnown?.(inner) ?? false))) {
      a.candidates.push({ offset: lineOffset + k + 1, raw: inner, id: inner, via: 'shell', kind: 'reference' });
    }
    k = close + 1;
  }
  // Bare ids as arguments (`--model fal-ai/flux/dev`, `--model=fal-ai/…`), outside quotes and URLs.
  const bare = /(^|[\s=])([A-Za-z0-9][A-Za-z0-9._-]*\/[A-Za-z0-9][A-Za-z0-9._/-]*)(?=$|[\s;&|)])/g;
  for (let m = bare.exec(body); m; m = bare.exec(body)) {
    const id = m[2]!;
    const at = m.index + m[1]!.length;
    if (quotedAt(body, at)) continue;
    if (isIdShaped(id) && (isFalOwned(id) || (isKnown?.(id) ?? false))) {
      a.candidates.push({ offset: lineOffset + at, raw: id, id, via: 'shell', kind: 'reference' });
    }
  }
}

/** Whether position `at` of a shell line lies inside quotes. */
function quotedAt(line: string, at: number): boolean {
  let quote = '';
  for (let i = 0; i < at; i++) {
    const c = line[i]!;
    if (quote) { if (c === quote) quote = ''; }
    else if (c === '"' || c === "'") quote = c;
  }
  return quote !== '';
}
