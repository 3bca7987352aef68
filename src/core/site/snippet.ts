import type { CatalogModel } from '../catalog/catalog.ts';
import type { Verdict } from '../verdict/judge.ts';

/**
 * A copy-ready fragment of modelgate.config.json for one model: a time-boxed waiver when the
 * gate does not allow it, or a model rule to ban it when it does. Dates are parameters so the
 * output is reproducible.
 */
export function policySnippet(model: CatalogModel, verdict: Verdict, today: string): { title: string; json: string } {
  if (verdict.verdict === 'allowed') {
    return {
      title: 'The gate allows this model by default. To ban it in a project, add to modelgate.config.json:',
      json: JSON.stringify({ models: [{ model: model.id, effect: 'deny', reason: 'not approved for this project' }] }, null, 2),
    };
  }
  const expires = addDays(today, 90);
  return {
    title: 'To allow it in a project anyway, add a time-boxed waiver to modelgate.config.json:',
    json: JSON.stringify(
      {
        waivers: [
          {
            model: model.id,
            reason: 'why the use is acceptable (e.g. internal research only)',
            approvedBy: 'legal@example.com',
            approvedOn: today,
            expires,
          },
        ],
      },
      null,
      2,
    ),
  };
}

function addDays(iso: string, days: number): string {
  const d = new Date(`${iso}T00:00:00Z`);
  d.setUTCDate(d.getUTCDate() + days);
  return d.toISOString().slice(0, 10);
}
