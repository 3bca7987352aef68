import { z } from 'zod';

/**
 * fal's model pages (`https://fal.ai/models/<id>`) carry the endpoint's billing data as a JSON
 * object `publicEndpointBilling` (older pages: `endpointBilling`) with `is_partner_api`,
 * `provider_type`, `price` and `billing_unit`. It sits in the page's data: a Next.js
 * `__NEXT_DATA__` script, React Server Component chunks (`self.__next_f.push([1,"…"])`, where the
 * JSON is inside a string literal and may be split across chunks), or an HTML attribute. This
 * reads it from any of them, without evaluating anything.
 */

export const PageBilling = z.looseObject({
  is_partner_api: z.boolean().nullish(),
  provider_type: z.string().nullish(),
  billing_unit: z.string().nullish(),
});
export type PageBilling = z.infer<typeof PageBilling>;

/** Preferred first. */
export const BILLING_KEYS = ['publicEndpointBilling', 'endpointBilling'] as const;

export type BillingRead =
  | { found: true; key: (typeof BILLING_KEYS)[number]; billing: PageBilling }
  | { found: false; reason: string };

/**
 * The page's billing object. When the page carries the chosen key more than once with different
 * Partner facts (a page that also shows other endpoints' data), it states nothing rather than
 * guess which one is the page's own.
 */
export function readBilling(html: string): BillingRead {
  const texts = candidateTexts(html);
  for (const key of BILLING_KEYS) {
    const found: PageBilling[] = [];
    for (const text of texts) for (const b of objectsAt(text, key)) if (statesPartnerFacts(b)) found.push(b);
    if (found.length === 0) continue;
    const distinct = new Set(found.map((b) => `${b.is_partner_api}|${b.provider_type}`));
    if (distinct.size > 1) return { found: false, reason: `the page carries ${distinct.size} different \`${key}\` objects` };
    return { found: true, key, billing: found[0]! };
  }
  return { found: false, reason: 'no publicEndpointBilling or endpointBilling object in the page' };
}

function statesPartnerFacts(b: PageBilling): boolean {
  return typeof b.is_partner_api === 'boolean' || typeof b.provider_type === 'string';
}

/** The page as written, its RSC chunks decoded and joined, and its text with one level of escaping or entities undone. */
function candidateTexts(html: string): string[] {
  const out = [html];
  const chunks: string[] = [];
  for (const m of html.matchAll(/self\.__next_f\.push\(\[\s*1\s*,\s*("(?:[^"\\]|\\.)*")\s*\]\)/g)) {
    try {
      chunks.push(JSON.parse(m[1]!) as string);
    } catch {
      // not a JSON-compatible literal: skip that chunk
    }
  }
  if (chunks.length > 0) out.push(chunks.join(''));
  if (html.includes('\\"')) out.push(html.replace(/\\(["\\/])/g, '$1'));
  if (html.includes('&quot;')) out.push(html.replace(/&quot;/g, '"').replace(/&#x27;|&#39;/g, "'").replace(/&lt;/g, '<').replace(/&gt;/g, '>').replace(/&amp;/g, '&'));
  return out;
}

/** Every JSON object written as the value of `"key":` in `text` that parses and fits PageBilling. */
function objectsAt(text: string, key: string): PageBilling[] {
  const out: PageBilling[] = [];
  const pattern = new RegExp(`"${key}"\\s*:\\s*`, 'g');
  for (const m of text.matchAll(pattern)) {
    const start = m.index + m[0].length;
    if (text[start] !== '{') continue;
    const end = objectEnd(text, start);
    if (end < 0) continue;
    try {
      const parsed = PageBilling.safeParse(JSON.parse(text.slice(start, end)));
      if (parsed.success) out.push(parsed.data);
    } catch {
      // not JSON (e.g. a JavaScript object literal): not the data we read
    }
  }
  return out;
}

/** The index just past the `}` that closes the object opening at `start`, or -1. */
function objectEnd(text: string, start: number): number {
  let depth = 0;
  let inString = false;
  for (let i = start; i < text.length; i++) {
    const c = text[i];
    if (inString) {
      if (c === '\\') i++;
      else if (c === '"') inString = false;
    } else if (c === '"') inString = true;
    else if (c === '{' || c === '[') depth++;
    else if (c === '}' || c === ']') {
      depth--;
      if (depth === 0) return c === '}' ? i + 1 : -1;
    }
  }
  return -1;
}
