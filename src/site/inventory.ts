import { readInventoryFile } from '../core/inventory/load.ts';
import { ProblemError } from '../core/problem.ts';
import type { Inventory } from '../core/schema/inventory.ts';
import { organisationView, usesByModel, type OrganisationView, type RepositoryUse } from '../core/site/organisation.ts';
import { siteCatalog } from './catalog.ts';

/**
 * The organisation's inventory, when the site is built with MODELGATE_INVENTORY=<inventory.json>
 * (a path relative to where the build runs); null without it, and the site is the public catalog.
 * Read and validated once per build; a bad or missing file fails the build (ProblemError: file,
 * line, field).
 */
let cached: Promise<Inventory | null> | undefined;
export function siteInventory(): Promise<Inventory | null> {
  cached ??= load();
  return cached;
}

async function load(): Promise<Inventory | null> {
  const file = process.env.MODELGATE_INVENTORY;
  if (!file) return null;
  const read = await readInventoryFile(file);
  if (!read.ok) throw new ProblemError([read.problem]);
  return read.value;
}

let uses: Promise<Map<string, RepositoryUse[]> | null> | undefined;
/** Per catalog model id, the repositories that call it; null without an inventory. */
export function siteUses(): Promise<Map<string, RepositoryUse[]> | null> {
  uses ??= Promise.all([siteInventory(), siteCatalog()]).then(([inv, { catalog }]) => (inv ? usesByModel(inv, catalog) : null));
  return uses;
}

let view: Promise<OrganisationView | null> | undefined;
/** The Organisation page; null without an inventory (the page is then not built). */
export function siteOrganisation(): Promise<OrganisationView | null> {
  view ??= Promise.all([siteInventory(), siteCatalog()]).then(([inv, { catalog }]) => (inv ? organisationView(inv, catalog) : null));
  return view;
}

export const ORGANISATION_HREF = '/organisation/';
