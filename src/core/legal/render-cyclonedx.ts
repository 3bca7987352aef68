import { CLOSED_WEIGHTS_TEXT } from '../wording.ts';
import * as CDX from '@cyclonedx/cyclonedx-library';
import type { CatalogLicense } from '../catalog/catalog.ts';
import type { LegalReport } from './report-model.ts';

const FAL_TERMS = 'https://fal.ai/terms';

/**
 * The report as a CycloneDX 1.6 ML-BOM. Each model the project calls is a
 * `machine-learning-model` component under its weights licence, and the fal endpoint that
 * serves it a `service` under fal's hosted terms. The library builds and serialises the BOM;
 * two 1.6 fields it has no model for (`licensing.licenseTypes`, service `endpoints`) are added
 * to its output afterwards.
 */
export function renderCycloneDx(r: LegalReport, licences: (id: string) => CatalogLicense | undefined): string {
  const { Models, Enums } = CDX;
  const bom = new Models.Bom();
  const prop = (name: string, value: string | number | boolean) => new Models.Property(`modelgate:${name}`, String(value));
  bom.metadata.timestamp = new Date(r.generatedAt);
  bom.metadata.tools.components.add(new Models.Component(Enums.ComponentType.Application, 'modelgate', { version: r.tool.version }));
  bom.metadata.component = new Models.Component(Enums.ComponentType.Application, r.project.name, { bomRef: 'project' });
  bom.metadata.properties.add(prop('catalog:contentHash', r.catalog.contentHash));
  bom.metadata.properties.add(prop('catalog:generatedAt', r.catalog.generatedAt));
  bom.metadata.properties.add(prop('catalog:source', r.catalog.source));
  for (const f of r.configFiles) bom.metadata.properties.add(prop('policy', f));

  const researchServices = new Set<string>();
  const endpoints = new Map<string, string>();
  for (const m of r.models) {
    if (m.dynamic) {
      bom.metadata.properties.add(prop('dynamicCallSites', m.callSites.length));
      continue;
    }
    const common = [
      prop('verdict', m.verdict), prop('rule', m.rule), prop('needsDecision', m.needsDecision),
      prop('catalogStatus', m.known ? 'known' : 'unknown'),
      ...m.callSites.map((c) => prop('callSite', `${c.file}:${c.line}:${c.column}`)),
      ...m.waivers.map((w) => prop('waiver', `${w.approvedBy} ${w.approvedOn}..${w.expires}${w.expired ? ' (expired)' : ''}: ${w.reason}`)),
    ];
    const component = new Models.Component(Enums.ComponentType.MachineLearningModel, m.id, {
      bomRef: `model:${m.id}`,
      description: m.name,
      ...(m.lab ? { group: m.lab } : {}),
      properties: new Models.PropertyRepository([...common, ...(m.weights?.statement ? [prop('weights:statement', m.weights.statement)] : []), ...(m.weights ? [prop('weights:evidence', m.weights.evidence)] : []), ...(m.weights?.closed ? [prop('weights:closed', CLOSED_WEIGHTS_TEXT), prop('weights:source', m.weights.source)] : [])]),
    });
    const lic = m.weights?.licence ? licences(m.weights.licence) : undefined;
    if (lic) component.licenses.add(licenceOf(lic));
    else if (m.weights?.closed) component.licenses.add(new Models.NamedLicense(CLOSED_WEIGHTS_TEXT));
    bom.components.add(component);

    if (m.hosted) {
      const ref = `service:${m.id}`;
      const service = new Models.Service(m.id, {
        bomRef: ref,
        provider: new Models.OrganizationalEntity({ name: 'fal.ai', url: new Set(['https://fal.ai']) }),
        description: `${m.name} served by fal: ${m.hosted.meaning}`,
        properties: new Models.PropertyRepository([
          prop('hostedLabel', m.hosted.label), prop('partnerApi', m.hosted.partnerApi), prop('providerType', m.hosted.providerType),
          prop('labelObserved', m.hosted.observed), prop('labelSource', m.hosted.url ?? m.hosted.source), prop('labelEvidence', m.hosted.evidence),
          ...(m.hosted.conflict ? [prop('labelConflict', m.hosted.conflict.values.join(' / '))] : []),
          ...common,
        ]),
      });
      service.licenses.add(new Models.NamedLicense(`fal.ai hosted terms: ${m.hosted.title}`, { url: FAL_TERMS }));
      service.dependencies.add(component.bomRef);
      if (m.hosted.label === 'research') researchServices.add(ref);
      endpoints.set(ref, `https://fal.run/${m.id}`);
      bom.services.add(service);
    }
  }

  const serializer = new CDX.Serialize.JsonSerializer(new CDX.Serialize.JSON.Normalize.Factory(CDX.Spec.Spec1dot6));
  const json = JSON.parse(serializer.serialize(bom, { sortLists: true })) as { services?: { 'bom-ref': string; endpoints?: string[]; licenses?: { license: Record<string, unknown> }[] }[] };
  for (const s of json.services ?? []) {
    const url = endpoints.get(s['bom-ref']);
    if (url) s.endpoints = [url];
    // CycloneDX's licence type for use "solely for education or research": fal's "Research only".
    if (researchServices.has(s['bom-ref'])) for (const l of s.licenses ?? []) l.license.licensing = { licenseTypes: ['academic'] };
  }
  return `${JSON.stringify(json, null, 2)}\n`;
}

function licenceOf(lic: CatalogLicense) {
  const url = lic.url ?? undefined;
  const id = lic.spdx ?? lic.id;
  return CDX.SPDX.isSupportedSpdxId(id)
    ? new CDX.Models.SpdxLicense(id, url ? { url } : {})
    : new CDX.Models.NamedLicense(`${lic.name} (${lic.id})`, url ? { url } : {});
}

/** Validates a BOM against the CycloneDX 1.6 JSON schema shipped with the library; null when valid. */
export async function validateCycloneDx(json: string): Promise<unknown> {
  return new CDX.Validation.JsonStrictValidator(CDX.Spec.Version.v1dot6).validate(json);
}
