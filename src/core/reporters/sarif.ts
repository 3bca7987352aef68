import { pathToFileURL } from 'node:url';
import { lineHash } from '../gate/fingerprint.ts';
import type { GateResult } from '../gate/types.ts';
import { RULES, RULE_IDS } from '../verdict/rules.ts';
import { decisiveReason, statusOf, subjectOf } from './status.ts';

const HELP = 'https://github.com/modelgate/modelgate#rules';

/**
 * SARIF 2.1.0 for GitHub code scanning: one rule per stable rule id, one result per finding that
 * needs attention; waived findings carry an accepted suppression with who and why, baselined ones
 * are marked unchanged, so neither reopens an alert.
 */
export function renderSarif(result: GateResult): string {
  const seen = new Map<string, number>();
  const results = result.findings
    .filter((f) => statusOf(f) !== 'pass')
    .map((f) => {
      const reason = decisiveReason(f);
      const status = statusOf(f);
      const key = `${f.file}\0${f.lineText}`;
      const occurrence = seen.get(key) ?? 0;
      seen.set(key, occurrence + 1);
      return {
        ruleId: reason.rule,
        ruleIndex: RULE_IDS.indexOf(reason.rule),
        level: status === 'warn' ? 'warning' : reason.effect === 'warn' ? 'warning' : 'error',
        message: { text: `${subjectOf(f)}: ${reason.message}${f.cell ? ` (notebook cell ${f.cell.index + 1}, line ${f.cell.line})` : ''}` },
        locations: [{
          physicalLocation: {
            artifactLocation: { uri: encodeURI(f.file), uriBaseId: '%SRCROOT%' },
            region: { startLine: f.line, startColumn: f.column, snippet: { text: f.lineText } },
          },
        }],
        partialFingerprints: { primaryLocationLineHash: lineHash(f.lineText, occurrence), 'modelgate/v1': f.fingerprint },
        properties: { verdict: f.verdict.verdict, kind: f.kind, usage: f.usage, model: f.model?.id ?? f.id ?? null, status, ...(f.cell ? { notebookCell: f.cell.index + 1, cellLine: f.cell.line } : {}) },
        ...(status === 'waived' && f.waiver
          ? { suppressions: [{ kind: 'external', status: 'accepted', justification: `${f.waiver.reason} (approved by ${f.waiver.approvedBy} on ${f.waiver.approvedOn}, until ${f.waiver.expires})` }] }
          : {}),
        ...(status === 'baselined' ? { baselineState: 'unchanged' } : {}),
      };
    });
  const log = {
    $schema: 'https://json.schemastore.org/sarif-2.1.0.json',
    version: '2.1.0',
    runs: [{
      tool: {
        driver: {
          name: 'modelgate',
          version: result.tool.version,
          informationUri: HELP,
          rules: RULE_IDS.map((id) => ({
            id,
            name: id.replace(/(^|-)(\w)/g, (_m, _d: string, c: string) => c.toUpperCase()),
            shortDescription: { text: RULES[id] },
            fullDescription: { text: RULES[id] },
            helpUri: `${HELP}-${id}`,
            defaultConfiguration: { level: id === 'research-only' || id === 'unknown-model' || id === 'unknown-label' ? 'error' : 'warning' },
          })),
        },
      },
      originalUriBaseIds: { '%SRCROOT%': { uri: `${pathToFileURL(result.root).href}/` } },
      automationDetails: { id: 'modelgate/check/' },
      results,
    }],
  };
  return `${JSON.stringify(log, null, 2)}\n`;
}
