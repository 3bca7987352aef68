import { describe, expect, it } from 'vitest';
import { readBilling } from '../../../src/core/sync/billing.ts';
import { modelPage } from './helpers.ts';

const partner = { is_partner_api: true, provider_type: 'partner_msa', price: 0.08, billing_unit: 'videos' };
const facts = (html: string) => {
  const r = readBilling(html);
  return r.found ? { key: r.key, is_partner_api: r.billing.is_partner_api, provider_type: r.billing.provider_type } : r.reason;
};

describe('readBilling: the billing object of a fal model page', () => {
  it('reads it from React Server Component chunks, even split across two of them', () => {
    expect(facts(modelPage(partner))).toEqual({ key: 'publicEndpointBilling', is_partner_api: true, provider_type: 'partner_msa' });
  });

  it('reads it from __NEXT_DATA__ JSON, with braces and quotes inside strings', () => {
    const data = { props: { pageProps: { model: { title: 'A {weird} "name"', publicEndpointBilling: { is_partner_api: false, provider_type: 'fal', note: 'x } y' } } } } };
    const html = `<html><body><script id="__NEXT_DATA__" type="application/json">${JSON.stringify(data)}</script></body></html>`;
    expect(facts(html)).toEqual({ key: 'publicEndpointBilling', is_partner_api: false, provider_type: 'fal' });
  });

  it('reads it from an escaped string inside some other script, and from an HTML-entity attribute', () => {
    const escaped = `<script>window.__DATA__ = JSON.parse(${JSON.stringify(JSON.stringify({ publicEndpointBilling: { is_partner_api: true, provider_type: 'partner' } }))});</script>`;
    expect(facts(escaped)).toEqual({ key: 'publicEndpointBilling', is_partner_api: true, provider_type: 'partner' });
    const attribute = `<div data-props="${JSON.stringify({ publicEndpointBilling: { is_partner_api: false, provider_type: 'fal' } }).replace(/"/g, '&quot;')}"></div>`;
    expect(facts(attribute)).toEqual({ key: 'publicEndpointBilling', is_partner_api: false, provider_type: 'fal' });
  });

  it('falls back to endpointBilling when publicEndpointBilling is absent or null', () => {
    expect(facts(modelPage(partner, 'endpointBilling'))).toEqual({ key: 'endpointBilling', is_partner_api: true, provider_type: 'partner_msa' });
    const html = `<script id="__NEXT_DATA__">${JSON.stringify({ publicEndpointBilling: null, endpointBilling: { is_partner_api: false, provider_type: 'fal' } })}</script>`;
    expect(facts(html)).toEqual({ key: 'endpointBilling', is_partner_api: false, provider_type: 'fal' });
  });

  it('prefers publicEndpointBilling over endpointBilling', () => {
    const html = `<script>${JSON.stringify({ endpointBilling: { is_partner_api: false, provider_type: 'fal' }, publicEndpointBilling: { is_partner_api: true, provider_type: 'partner' } })}</script>`;
    expect(facts(html)).toEqual({ key: 'publicEndpointBilling', is_partner_api: true, provider_type: 'partner' });
  });

  it('a page without the object, or with a field of the wrong type, states nothing', () => {
    expect(facts(modelPage(null))).toBe('no publicEndpointBilling or endpointBilling object in the page');
    expect(facts('<html><body>publicEndpointBilling is mentioned in prose only</body></html>')).toBe('no publicEndpointBilling or endpointBilling object in the page');
    expect(facts(modelPage({ is_partner_api: 'yes', provider_type: 'partner' }))).toBe('no publicEndpointBilling or endpointBilling object in the page');
    expect(facts(modelPage({ price: 0.1 }))).toBe('no publicEndpointBilling or endpointBilling object in the page');
  });

  it('two different objects under the same key (other endpoints on the page): states nothing rather than guess', () => {
    const html = `<script>${JSON.stringify({ a: { publicEndpointBilling: { is_partner_api: true, provider_type: 'partner' } }, related: [{ publicEndpointBilling: { is_partner_api: false, provider_type: 'fal' } }] })}</script>`;
    expect(facts(html)).toBe('the page carries 2 different `publicEndpointBilling` objects');
    // the same object twice (raw and in a chunk) is one
    expect(facts(`${modelPage(partner)}<script>${JSON.stringify({ publicEndpointBilling: partner })}</script>`)).toMatchObject({ is_partner_api: true });
  });
});
