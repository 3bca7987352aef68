/** EU member states (ISO 3166-1 alpha-2), for licences that exclude "the European Union". */
export const EU_MEMBERS: ReadonlySet<string> = new Set([
  'AT', 'BE', 'BG', 'HR', 'CY', 'CZ', 'DK', 'EE', 'FI', 'FR', 'DE', 'GR', 'HU', 'IE',
  'IT', 'LV', 'LT', 'LU', 'MT', 'NL', 'PL', 'PT', 'RO', 'SK', 'SI', 'ES', 'SE',
]);

/** Expands `EU` to its members so that a territory list and an exclusion list can be intersected. */
export function expandTerritories(codes: readonly string[]): Set<string> {
  const out = new Set<string>();
  for (const code of codes) {
    if (code === 'EU') for (const m of EU_MEMBERS) out.add(m);
    out.add(code);
  }
  return out;
}

/** The organisation's territories (as it listed them) that a licence excludes, sorted. */
export function excludedServed(served: readonly string[], excluded: readonly string[]): string[] {
  const ex = expandTerritories(excluded);
  const hit = (code: string) => (code === 'EU' ? [...EU_MEMBERS].some((m) => ex.has(m)) : ex.has(code));
  return [...new Set(served.filter(hit))].sort();
}
