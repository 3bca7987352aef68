import { createHash } from 'node:crypto';

/** HTML text escaping: every string from code, catalog, config or a report goes through this. */
export function esc(value: string | number | null | undefined): string {
  return String(value ?? '').replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;').replace(/'/g, '&#39;');
}

/**
 * Escaped, with a line-break opportunity (`<wbr>`) after each `/ @ . ? & = _`: a path, URL or
 * address then wraps at its parts in a narrow table column (a printed page) instead of widening
 * the table past the page. The text a reader sees or copies is unchanged.
 */
export function escWrap(value: string): string {
  return value.split(/(?<=[/@.?&=_])/).map(esc).join('<wbr>');
}

/** Only http(s) links are rendered as links; anything else stays text. */
export function link(url: string | null | undefined, text: string): string {
  return url && /^https?:\/\//i.test(url) ? `<a href="${esc(url)}" rel="noopener noreferrer">${esc(text)}</a>` : esc(text);
}

/** The CSP source that allows exactly this inline `<script>` or `<style>` text, and nothing else. */
export function cspHash(text: string): string {
  return `'sha256-${createHash('sha256').update(text, 'utf8').digest('base64')}'`;
}

/** The opening of a self-contained HTML file, up to `<body>`: its CSP, title and one inline style. */
export function pageStart(o: { title: string; csp: string; style: string }): string {
  return `<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta http-equiv="Content-Security-Policy" content="${o.csp}">
<title>${esc(o.title)}</title>
<style>${o.style}</style>
</head>
<body>
`;
}

/**
 * The look the self-contained HTML files (legal report, inventory) share: GitHub-like colours
 * that pass WCAG AA contrast in both colour schemes, plain tables, verdict badges, and print
 * rules that show link targets and keep rows whole.
 */
export const PAGE_STYLE = `
:root{color-scheme:light dark;--fg:#1b1f24;--muted:#57606a;--bg:#fff;--line:#d0d7de;--ok:#1a7f37;--warn:#9a6700;--bad:#cf222e;--chip:#f6f8fa}
@media (prefers-color-scheme:dark){:root{--fg:#e6edf3;--muted:#9198a1;--bg:#0d1117;--line:#30363d;--ok:#3fb950;--warn:#d29922;--bad:#f85149;--chip:#161b22}}
body{font:15px/1.5 system-ui,-apple-system,"Segoe UI",sans-serif;color:var(--fg);background:var(--bg);max-width:72rem;margin:2rem auto;padding:0 1rem}
h1{font-size:1.6rem;margin:0 0 .25rem}h2{margin-top:2rem;border-bottom:1px solid var(--line);padding-bottom:.25rem}h3{margin:1.5rem 0 .5rem}
.meta{color:var(--muted);font-size:.9rem}table{border-collapse:collapse;width:100%;margin:.5rem 0}th,td{border:1px solid var(--line);padding:.3rem .5rem;text-align:left;vertical-align:top}
th{background:var(--chip)}code{font:.85rem ui-monospace,SFMono-Regular,Menlo,monospace;word-break:break-all}
.v{font-weight:600;padding:.05rem .45rem;border-radius:.3rem;border:1px solid currentColor;white-space:nowrap}
.v-allowed{color:var(--ok)}.v-review{color:var(--warn)}.v-denied{color:var(--bad)}
dl{display:grid;grid-template-columns:max-content 1fr;gap:.2rem 1rem;margin:.5rem 0}dt{color:var(--muted)}dd{margin:0}
@media print{body{margin:0;max-width:none;font-size:10.5pt;color:#000;background:#fff}a{color:#000;text-decoration:none}a[href]::after{content:" (" attr(href) ")";font-size:.8em;word-break:break-all}
h2{break-after:avoid}table{page-break-inside:auto}tr{break-inside:avoid}.v{color:#000!important}}
`;
