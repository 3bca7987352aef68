import { esc } from '../html.ts';

/**
 * The inventory page's only script: sorts a `table.sortable` by the column whose header button
 * is pressed (click, Enter or Space: it is a real button), toggling ascending and descending,
 * and keeps `aria-sort` and a polite status line in step. A cell's `data-sort` is its sort key
 * (a number for counts, ranks and days), else its text; ties keep the rendered order. Without
 * scripts the tables stay in the order they were rendered in, and the hint that they sort stays hidden.
 *
 * Plain ES2017 text, not a bundled function, so the text hashed into the CSP is exactly the
 * text in the page. It holds no data from reports.
 */
export const SORT_SCRIPT = `
(function () {
  var status = document.getElementById('sort-status');
  var hint = document.getElementById('sort-hint');
  if (hint) hint.hidden = false;
  function key(row, col) {
    var cell = row.cells[col];
    return cell.hasAttribute('data-sort') ? cell.getAttribute('data-sort') : cell.textContent.trim();
  }
  function compare(a, b) {
    var x = Number(a), y = Number(b);
    if (a !== '' && b !== '' && isFinite(x) && isFinite(y)) return x - y;
    return a.localeCompare(b, undefined, { numeric: true, sensitivity: 'base' });
  }
  Array.prototype.forEach.call(document.querySelectorAll('table.sortable'), function (table) {
    var heads = Array.prototype.slice.call(table.tHead.rows[0].cells);
    var body = table.tBodies[0];
    Array.prototype.forEach.call(body.rows, function (row, i) { row.setAttribute('data-order', String(i)); });
    heads.forEach(function (th, col) {
      var button = th.querySelector('button');
      if (!button) return;
      button.addEventListener('click', function () {
        var dir = th.getAttribute('aria-sort') === 'ascending' ? -1 : 1;
        heads.forEach(function (h) { h.removeAttribute('aria-sort'); });
        th.setAttribute('aria-sort', dir === 1 ? 'ascending' : 'descending');
        var rows = Array.prototype.slice.call(body.rows).sort(function (a, b) {
          return dir * compare(key(a, col), key(b, col)) || Number(a.getAttribute('data-order')) - Number(b.getAttribute('data-order'));
        });
        rows.forEach(function (row) { body.appendChild(row); });
        var label = document.getElementById(table.getAttribute('aria-labelledby'));
        if (status) status.textContent = (label ? label.textContent + ': ' : '') + 'sorted by ' + button.textContent.trim() + ', ' + (dir === 1 ? 'ascending' : 'descending') + '.';
      });
    });
  });
})();
`;

/** Header buttons read as headers; the arrow shows the order on screen and is gone in print. */
export const SORTABLE_STYLE = `
th button{font:inherit;color:inherit;background:none;border:0;padding:0;margin:0;width:100%;text-align:inherit;cursor:pointer}
th button:focus-visible{outline:2px solid var(--fg);outline-offset:2px}
.arrow::after{content:"\\2195";color:var(--muted);padding-left:.3em}
th[aria-sort=ascending] .arrow::after{content:"\\25B2";color:inherit}th[aria-sort=descending] .arrow::after{content:"\\25BC";color:inherit}
.n{text-align:right;font-variant-numeric:tabular-nums}tbody th{background:none;font-weight:600}
@media print{.arrow,.hint{display:none}th button{cursor:auto}thead{display:table-header-group}}
`;

export interface Column {
  title: string;
  /** A column of counts: right-aligned (its cells carry their count as the sort key, see `num`). */
  numeric?: boolean;
}

/** One cell: HTML already escaped by the caller, and the key it sorts by when not its text. */
export interface Cell {
  html: string;
  sort?: string | number;
}

export const cell = (html: string, sort?: string | number): Cell => (sort === undefined ? { html } : { html, sort });
export const num = (n: number): Cell => ({ html: String(n), sort: n });

/**
 * A table the script can sort, named by the heading it sits under. The first cell of a row is
 * its row header (the repository or model a screen reader names the other cells by).
 */
export function sortableTable(labelledBy: string, columns: readonly Column[], rows: readonly (readonly Cell[])[]): string {
  const cls = (c: Column | undefined) => (c?.numeric ? ' class="n"' : '');
  const head = columns.map((c) => `<th scope="col"${cls(c)}><button type="button">${esc(c.title)}<span class="arrow" aria-hidden="true"></span></button></th>`).join('');
  const td = (c: Cell, i: number) => {
    const attrs = `${cls(columns[i])}${c.sort === undefined ? '' : ` data-sort="${esc(c.sort)}"`}`;
    return i === 0 ? `<th scope="row"${attrs}>${c.html}</th>` : `<td${attrs}>${c.html}</td>`;
  };
  const body = rows.map((r) => `<tr>${r.map(td).join('')}</tr>`).join('\n');
  return `<table class="sortable" aria-labelledby="${esc(labelledBy)}"><thead><tr>${head}</tr></thead><tbody>\n${body}\n</tbody></table>`;
}
