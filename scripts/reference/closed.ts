import { z } from 'zod';
import { ENDPOINT_ID_PATTERN, IsoDate } from '../../src/core/schema/common.ts';
import type { Model } from '../../src/core/schema/model.ts';
import { endpointKey } from '../../src/core/catalog/endpoint-id.ts';
import { readTsvLines, rowError } from './tsv.ts';

/**
 * data/weights/closed.tsv: model families with no public weights, each with the source that says
 * so and the endpoint-id prefixes that source covers (matched at a `/` boundary, so
 * `fal-ai/veo3` covers `fal-ai/veo3/fast` but not `fal-ai/veo3.1`).
 */
const Row = z.object({
  family: z.string().min(1),
  lab: z.string().min(1),
  id_prefixes: z.string().min(1).transform((s) => s.split(/\s+/)).pipe(z.array(z.string().regex(ENDPOINT_ID_PATTERN, 'expected endpoint-id prefixes separated by spaces'))),
  source_url: z.url(),
  source_kind: z.enum(['provider', 'fal', 'secondary']),
  evidence: z.string().min(1),
  observed: IsoDate,
});
type Row = z.infer<typeof Row>;

export interface ClosedWeights {
  /** The closed-weights fact for an endpoint, or undefined when no source covers its family. */
  for(id: string): { weights: NonNullable<Model['weights']>; lab: NonNullable<Model['lab']> } | undefined;
}

export async function readClosedWeights(file: string): Promise<ClosedWeights> {
  const rows: Row[] = [];
  for (const { line, record } of await readTsvLines(file)) {
    const r = Row.safeParse(record);
    if (!r.success) throw rowError(file, line, r.error);
    rows.push(r.data);
  }
  return {
    for(id) {
      const key = endpointKey(id);
      // The longest covering prefix is the most specific source; rows with equal prefixes keep file order.
      let best: { row: Row; length: number } | undefined;
      for (const row of rows) {
        for (const prefix of row.id_prefixes) {
          const p = endpointKey(prefix);
          if ((key === p || key.startsWith(`${p}/`)) && (!best || p.length > best.length)) best = { row, length: p.length };
        }
      }
      if (!best) return undefined;
      const { row } = best;
      const weights: NonNullable<Model['weights']> = {
        license: null,
        closed: true,
        upstreamRepo: null,
        statement: null,
        provenance: {
          source: `${row.family} (${row.lab}): ${row.source_kind === 'secondary' ? 'secondary source' : `${row.source_kind}'s own page`}, via data/weights/closed.tsv`,
          url: row.source_url,
          observed: row.observed,
          evidence: row.source_kind === 'secondary' ? 'secondary' : 'primary',
          note: row.evidence,
        },
      };
      return { weights, lab: { name: row.lab, source: `named by the closed-weights source ${row.source_url}` } };
    },
  };
}
