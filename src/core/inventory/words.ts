import type { InventoryModel, InventoryWaiver } from '../schema/inventory.ts';

/** The words every inventory rendering uses, so Markdown, HTML, CSV and the site say the same. */
export const LABEL_TITLE = { commercial: 'Commercial use', research: 'Research only', private: 'Private', unknown: 'Unknown' } as const;
export const VERDICT_TITLE = { allowed: 'allowed', review: 'review', denied: 'denied' } as const;

export function waiverState(w: Pick<InventoryWaiver, 'expired' | 'expiring' | 'daysLeft'>): string {
  if (w.expired) return `expired ${-w.daysLeft} day(s) ago`;
  return w.expiring ? `expires in ${w.daysLeft} day(s)` : `live, ${w.daysLeft} day(s) left`;
}

/** How one repository's use of a model stands: its strictest verdict, and how much of it is waived or failing. */
export function useWords(u: InventoryModel['repositories'][number]): string {
  const parts: string[] = [VERDICT_TITLE[u.verdict]];
  if (u.statuses.fail) parts.push(`${u.statuses.fail} failing`);
  if (u.statuses.waived) parts.push(`${u.statuses.waived} waived`);
  if (u.statuses.baselined) parts.push(`${u.statuses.baselined} baselined`);
  return parts.join(', ');
}
