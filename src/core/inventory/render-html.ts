import type { Inventory } from '../schema/inventory.ts';

/** Placeholder replaced by the HTML renderer (being written). */
export function renderInventoryHtml(inv: Inventory): string {
  return `<!doctype html><html lang="en"><title>Model inventory</title><pre>${JSON.stringify(inv.summary)}</pre></html>\n`;
}
