/**
 * One CSV cell (RFC 4180). Cells that a spreadsheet would run as a formula (=, +, -, @ first)
 * get a leading apostrophe: the content comes from code and catalogs, not from the reader.
 */
export function csvCell(value: string | number | boolean | null | undefined): string {
  let s = value === null || value === undefined ? '' : String(value);
  if (/^[=+\-@\t\r]/.test(s)) s = `'${s}`;
  return /[",\r\n]/.test(s) ? `"${s.replace(/"/g, '""')}"` : s;
}

/** A whole CSV document: a header row, then the rows, CRLF line ends. */
export function csvDocument(header: readonly string[], rows: readonly (readonly Parameters<typeof csvCell>[0][])[]): string {
  return `${[header.map(csvCell).join(','), ...rows.map((r) => r.map(csvCell).join(','))].join('\r\n')}\r\n`;
}
