import type { Catalog } from '../catalog/catalog.ts';
import { breaking, changesInChangelog, impactLine, impactOf } from '../inventory/impact.ts';
import type { Inventory } from '../schema/inventory.ts';
import type { Changelog, ChangelogImpact } from './changelog.ts';

/** An inventory (`modelgate inventory --format json`), read and validated, and the file it came from. */
export interface InventoryInput {
  file: string;
  value: Inventory;
}

/**
 * Who a sync's label and status changes hit. Ids are matched as the gate resolves them in the
 * catalog after the sync (`after`), so a repository that calls an endpoint by an alias is named.
 */
export function changelogImpact(c: Changelog, inventory: InventoryInput, after: Catalog): ChangelogImpact {
  const impacts = impactOf(inventory.value, changesInChangelog(c), after);
  return {
    inventory: { file: inventory.file, generatedAt: inventory.value.generatedAt, repositories: inventory.value.repositories.length },
    changes: impacts.map((i) => ({ ...i, line: impactLine(i) })),
    breaking: [...new Set(breaking(impacts).map((i) => i.id))],
  };
}
