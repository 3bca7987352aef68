/**
 * Bar-chart geometry for the stats page, computed at build time so the browser draws plain SVG.
 */
export interface Bar {
  label: string;
  value: number;
  /** Width of the bar in chart units (0..barMax). */
  width: number;
  y: number;
}

export interface BarChart {
  bars: Bar[];
  width: number;
  height: number;
  labelWidth: number;
  barMax: number;
  rowHeight: number;
  total: number;
}

export function countBy<T>(items: readonly T[], key: (t: T) => string): [string, number][] {
  const m = new Map<string, number>();
  for (const it of items) m.set(key(it), (m.get(key(it)) ?? 0) + 1);
  return [...m].sort((a, b) => b[1] - a[1] || (a[0] < b[0] ? -1 : 1));
}

/** Lays out horizontal bars; beyond `limit` rows, the rest are summed into "other (N values)". */
export function barChart(counts: readonly [string, number][], opts: { limit?: number; width?: number } = {}): BarChart {
  const limit = opts.limit ?? 20;
  let rows = [...counts];
  if (rows.length > limit) {
    const rest = rows.slice(limit - 1);
    rows = [...rows.slice(0, limit - 1), [`other (${rest.length} values)`, rest.reduce((s, [, v]) => s + v, 0)]];
  }
  const width = opts.width ?? 640;
  const labelWidth = Math.min(260, Math.max(80, Math.max(0, ...rows.map(([l]) => l.length)) * 7 + 12));
  const rowHeight = 24;
  const barMax = width - labelWidth - 56;
  const max = Math.max(1, ...rows.map(([, v]) => v));
  const bars = rows.map(([label, value], i) => ({ label, value, width: Math.max(value > 0 ? 1 : 0, Math.round((value / max) * barMax)), y: i * rowHeight }));
  return { bars, width, height: rows.length * rowHeight, labelWidth, barMax, rowHeight, total: counts.reduce((s, [, v]) => s + v, 0) };
}
