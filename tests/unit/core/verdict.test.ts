import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { defaultPolicy, PolicySchema, type PolicyInput } from '../../../src/core/schema/policy.ts';
import { judge, type Subject } from '../../../src/core/verdict/judge.ts';
import { licence, model } from './helpers.ts';

const policy = (input: PolicyInput = {}) => PolicySchema.parse(input);
const subject = (m: ReturnType<typeof model>, lic?: ReturnType<typeof licence>): Subject => ({ kind: 'model', model: m, weightsLicence: lic });

const stability = licence('LicenseRef-Stability-AI-Community', {
  commercialUse: 'conditional',
  conditions: {
    revenueThreshold: { text: 'terminates above USD 1,000,000 annual revenue', usd: 1_000_000 },
    registration: { text: 'register' },
  },
});
const hunyuan = licence('LicenseRef-Tencent-Hunyuan-Community', {
  commercialUse: 'conditional',
  conditions: {
    mauCap: { text: '>100M MAU', users: 100_000_000 },
    excludedTerritories: { text: 'EU, UK, South Korea', regions: ['EU', 'GB', 'KR'] },
  },
});
const nc = licence('CC-BY-NC-4.0', { commercialUse: 'prohibited' });

describe('verdict defaults', () => {
  it('commercial → allowed, with the commercial-use reason', () => {
    const v = judge(subject(model('fal-ai/a')), defaultPolicy());
    expect(v.verdict).toBe('allowed');
    expect(v.reasons.map((r) => r.rule)).toEqual(['commercial-use']);
  });
  it('research-only → denied', () => {
    const v = judge(subject(model('fal-ai/a', { hosted: { license: 'research' } })), defaultPolicy());
    expect(v).toMatchObject({ verdict: 'denied', reasons: [{ rule: 'research-only', effect: 'deny' }] });
  });
  it('unknown label → denied (fail closed)', () => {
    expect(judge(subject(model('fal-ai/a', { hosted: { license: 'unknown', partnerApi: 'unknown' } })), defaultPolicy()).verdict).toBe('denied');
  });
  it('unknown model → denied; dynamic id → review', () => {
    expect(judge({ kind: 'unknown', id: 'x/y' }, defaultPolicy())).toMatchObject({ verdict: 'denied', reasons: [{ rule: 'unknown-model' }] });
    expect(judge({ kind: 'dynamic' }, defaultPolicy())).toMatchObject({ verdict: 'review', reasons: [{ rule: 'dynamic-id' }] });
  });
  it('Partner API → allowed but reported; policy can raise it', () => {
    const m = model('fal-ai/veo3', { hosted: { partnerApi: 'yes', providerType: 'partner_msa' } });
    const v = judge(subject(m), defaultPolicy());
    expect(v.verdict).toBe('allowed');
    expect(v.reasons[0]).toMatchObject({ rule: 'partner-api', effect: 'warn' });
    expect(judge(subject(m), policy({ partnerApi: 'deny' })).verdict).toBe('denied');
    expect(judge(subject(m), policy({ partnerApi: 'review' })).verdict).toBe('review');
  });
  it('deprecated → reported; removed → denied', () => {
    const v = judge(subject(model('fal-ai/a', { status: 'deprecated' })), defaultPolicy());
    expect(v.verdict).toBe('allowed');
    expect(v.reasons.some((r) => r.rule === 'deprecated' && r.effect === 'warn')).toBe(true);
    expect(judge(subject(model('fal-ai/a', { status: 'removed' })), defaultPolicy()).verdict).toBe('denied');
  });
  it('usage contexts: tests may use research-only models when the policy says so', () => {
    const p = policy({ contexts: { test: { labels: { research: 'allow' } } } });
    const m = model('fal-ai/a', { hosted: { license: 'research' } });
    expect(judge(subject(m), p, 'test').verdict).toBe('allowed');
    expect(judge(subject(m), p, 'source').verdict).toBe('denied');
  });
  it('a model rule in the policy bans a model fal labels commercial', () => {
    const p = policy({ models: [{ model: 'fal-ai/a', effect: 'deny', reason: 'banned by legal' }] });
    const v = judge(subject(model('fal-ai/a')), p);
    expect(v.verdict).toBe('denied');
    expect(v.reasons[0]).toMatchObject({ rule: 'model-policy', effect: 'deny', message: 'policy: banned by legal' });
  });
});

describe('organisation context against weights-licence conditions', () => {
  const sd = model('fal-ai/stable-diffusion-v35-large', { weights: { license: stability.id, provenance: { source: 't', observed: '2025-10-30', evidence: 'secondary' } } });

  it('a company above USD 1M revenue self-hosting a Stability Community model is denied, with the reason', () => {
    const v = judge(subject(sd, stability), policy({ organisation: { annualRevenueUsd: 5_000_000, selfHosting: true } }));
    expect(v.verdict).toBe('denied');
    const r = v.reasons.find((x) => x.rule === 'licence-condition' && x.effect === 'deny');
    expect(r?.message).toMatch(/USD 5,000,000 is above the USD 1,000,000 threshold/);
  });
  it('below the threshold it is allowed, with the registration duty reported', () => {
    const v = judge(subject(sd, stability), policy({ organisation: { annualRevenueUsd: 900_000, selfHosting: true } }));
    expect(v.verdict).toBe('allowed');
    expect(v.reasons.some((r) => r.effect === 'warn' && /registration/.test(r.message))).toBe(true);
  });
  it('an unknown revenue is a question, not a pass', () => {
    expect(judge(subject(sd, stability), policy({ organisation: { selfHosting: true } })).verdict).toBe('review');
  });
  it('calls through fal follow fal\'s label; the weights licence is only reported', () => {
    const v = judge(subject(sd, stability), policy({ organisation: { annualRevenueUsd: 5_000_000 } }));
    expect(v.verdict).toBe('allowed');
    expect(v.reasons.find((r) => r.rule === 'weights-licence')?.effect).toBe('allow');
  });
  it('territories: an EU member state served is excluded by an EU carve-out', () => {
    const m = model('fal-ai/hunyuan-video');
    const v = judge(subject(m, hunyuan), policy({ organisation: { selfHosting: true, monthlyActiveUsers: 10, territories: ['US', 'DE'] } }));
    expect(v.verdict).toBe('denied');
    expect(v.reasons[0]!.message).toMatch(/excludes DE/);
    expect(judge(subject(m, hunyuan), policy({ organisation: { selfHosting: true, monthlyActiveUsers: 10, territories: ['US', 'JP'] } })).verdict).toBe('allowed');
  });
  it('MAU above the cap is denied', () => {
    const v = judge(subject(model('fal-ai/h'), hunyuan), policy({ organisation: { selfHosting: true, monthlyActiveUsers: 200_000_000, territories: ['US'] } }));
    expect(v.verdict).toBe('denied');
  });
  it('non-commercial weights are denied when self-hosting; unknown weights need review', () => {
    expect(judge(subject(model('fal-ai/f5'), nc), policy({ organisation: { selfHosting: true } })).reasons[0]!.rule).toBe('weights-non-commercial');
    expect(judge(subject(model('fal-ai/x'), undefined), policy({ organisation: { selfHosting: true } })).verdict).toBe('review');
  });
});

describe('verdict properties', () => {
  const effect = fc.constantFrom('allow', 'warn', 'review', 'deny') as fc.Arbitrary<'allow' | 'warn' | 'review' | 'deny'>;
  const arbPolicy = fc.record({
    labels: fc.record({ commercial: effect, research: effect, private: effect, unknown: effect }),
    partnerApi: effect, deprecated: effect, removed: effect, unknownModel: effect, dynamic: effect,
  });
  const arbModel = fc.record({
    license: fc.constantFrom('commercial', 'research', 'private', 'unknown') as fc.Arbitrary<'commercial' | 'research' | 'private' | 'unknown'>,
    partnerApi: fc.constantFrom('yes', 'no', 'unknown') as fc.Arbitrary<'yes' | 'no' | 'unknown'>,
    status: fc.constantFrom('active', 'deprecated', 'removed') as fc.Arbitrary<'active' | 'deprecated' | 'removed'>,
  });

  it('the verdict is the most severe reason, and every rule of the model is explained', () => {
    fc.assert(fc.property(arbPolicy, arbModel, (p, m) => {
      const pol = policy(p);
      const v = judge(subject(model('fal-ai/m', { status: m.status, hosted: { license: m.license, partnerApi: m.partnerApi } })), pol);
      const effects = v.reasons.map((r) => r.effect);
      const expected = effects.includes('deny') ? 'denied' : effects.includes('review') ? 'review' : 'allowed';
      expect(v.verdict).toBe(expected);
      expect(v.reasons.length).toBeGreaterThan(0);
      const labelEffect = pol.labels[m.license];
      expect(effects).toContain(labelEffect);
    }));
  });

  it('fail closed: with default policy, nothing but a commercial label is ever allowed', () => {
    fc.assert(fc.property(arbModel, (m) => {
      const v = judge(subject(model('fal-ai/m', { status: m.status, hosted: { license: m.license, partnerApi: m.partnerApi } })), defaultPolicy());
      if (m.license !== 'commercial') expect(v.verdict).not.toBe('allowed');
    }));
  });

  it('judging is pure: same input, same verdict', () => {
    fc.assert(fc.property(arbPolicy, arbModel, (p, m) => {
      const s = subject(model('fal-ai/m', { status: m.status, hosted: { license: m.license, partnerApi: m.partnerApi } }));
      expect(judge(s, policy(p))).toEqual(judge(s, policy(p)));
    }));
  });
});
