import { z } from 'zod';
import { ENDPOINT_ID_PATTERN } from '../../src/core/schema/common.ts';
import type { Observation } from '../../src/core/schema/observation.ts';
import { COPIES_READ_BY } from './pages.ts';
import { readTsvLines, rowError } from './tsv.ts';

/** data/fal-pages/legacy-ids.tsv: old or renamed ids that public code still calls. */
const Row = z.object({
  endpoint_id: z.string().regex(ENDPOINT_ID_PATTERN, 'expected an endpoint id'),
  seen_in: z.string().min(1),
  in_catalog: z.enum(['yes', 'no']),
});

export const LEGACY_SOURCE = 'public code that calls the id';

export async function readLegacyIds(file: string): Promise<{ id: string; observation: Observation }[]> {
  let lines: Awaited<ReturnType<typeof readTsvLines>>;
  try {
    lines = await readTsvLines(file);
  } catch (e) {
    if ((e as NodeJS.ErrnoException).code === 'ENOENT') return [];
    throw e;
  }
  return lines.map(({ line, record }) => {
    const r = Row.safeParse(record);
    if (!r.success) throw rowError(file, line, r.error);
    return {
      id: r.data.endpoint_id,
      // The sighting states no hosted fact: it is why the entry exists, so that calls to it resolve.
      observation: {
        source: `${LEGACY_SOURCE} (${r.data.seen_in})`,
        undated: { before: COPIES_READ_BY, note: 'stored copy of public code; fal does not list this id' },
        evidence: 'secondary',
      },
    };
  });
}
