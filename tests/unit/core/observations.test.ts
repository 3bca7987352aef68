import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { resolveHosted } from '../../../src/core/facts/resolve.ts';
import { familyEvidence } from '../../../src/core/facts/family-evidence.ts';
import { familyOf } from '../../../src/core/facts/family.ts';
import { ModelSchema } from '../../../src/core/schema/model.ts';
import { defaultPolicy, PolicySchema } from '../../../src/core/schema/policy.ts';
import type { Observation } from '../../../src/core/schema/observation.ts';
import { judge } from '../../../src/core/verdict/judge.ts';
import { modelSubject } from '../../../src/core/verdict/subject.ts';
import { catalogOf, model, observation } from './helpers.ts';

const dated = (observed: string, over: Partial<Observation> = {}) => observation({ observed, ...over });
const undated = (before: string, over: Partial<Observation> = {}) => {
  const o = observation({ ...over, undated: { before, note: 'test copy' } });
  delete (o as Partial<Observation>).observed;
  return o;
};

describe('the effective label of a list of observations', () => {
  it('no observation states a label → unknown, never commercial', () => {
    const f = resolveHosted([dated('2026-08-02'), undated('2026-12-01')]);
    expect(f.license).toEqual({ value: 'unknown', decidedBy: [], conflict: null });
    expect(f.partnerApi.value).toBe('unknown');
    expect(f.status.value).toBe('active');
  });

  it('the newest dated observation wins over older dated ones, without a conflict', () => {
    const f = resolveHosted([dated('2025-10-30', { label: 'commercial' }), dated('2026-11-20', { label: 'research' }), dated('2026-01-01', { label: 'private' })]);
    expect(f.license.value).toBe('research');
    expect(f.license.conflict).toBeNull();
    expect(f.license.decidedBy.map((o) => o.observed)).toEqual(['2026-11-20']);
  });

  it('a newer dated observation settles an undated copy known to be older; then the dated one wins, even if more permissive', () => {
    const f = resolveHosted([undated('2025-01-01', { label: 'research' }), dated('2025-10-30', { label: 'commercial' })]);
    expect(f.license.value).toBe('commercial');
    expect(f.license.conflict).toBeNull();
  });

  it('an undated copy that may be newer than the newest dated one and disagrees is a conflict, resolved to the stricter label', () => {
    const f = resolveHosted([dated('2025-10-30', { label: 'commercial' }), undated('2026-12-01', { label: 'private' })]);
    expect(f.license.value).toBe('private');
    expect(f.license.conflict).toEqual(['private', 'commercial']);
    expect(f.license.decidedBy).toHaveLength(2);
  });

  it('undated copies that disagree with no dated observation are a conflict: research over private over commercial', () => {
    expect(resolveHosted([undated('2026-12-01', { label: 'commercial' }), undated('2025-01-01', { label: 'research' })]).license)
      .toMatchObject({ value: 'research', conflict: ['research', 'commercial'] });
    expect(resolveHosted([undated('2026-12-01', { label: 'private' }), undated('2026-12-01', { label: 'research' })]).license.value).toBe('research');
  });

  it('two dated observations on the newest day that disagree are a conflict too', () => {
    const f = resolveHosted([dated('2026-11-20', { label: 'commercial' }), dated('2026-11-20', { source: 'other', label: 'research' })]);
    expect(f.license).toMatchObject({ value: 'research', conflict: ['research', 'commercial'] });
  });

  it('`confirmed` moves an observation to the day its source last said the same', () => {
    const f = resolveHosted([dated('2025-01-01', { label: 'commercial', confirmed: '2026-11-30' }), dated('2026-06-01', { label: 'research' })]);
    expect(f.license.value).toBe('commercial');
    expect(f.license.conflict).toBeNull();
  });

  it('observations that state no label do not take part in the label (an id listing is not a label)', () => {
    const f = resolveHosted([dated('2026-08-02'), dated('2025-10-30', { label: 'commercial' })]);
    expect(f.license.value).toBe('commercial');
  });

  it('Partner, status and provider follow the same rule: Partner over not, removed over deprecated over active; providers that disagree are unknown', () => {
    const f = resolveHosted([
      dated('2025-10-30', { label: 'commercial', partnerApi: 'no', providerType: 'fal' }),
      undated('2026-12-01', { label: 'commercial', partnerApi: 'yes', providerType: 'partner', status: 'deprecated', replacedBy: 'fal-ai/b' }),
      undated('2026-12-01', { status: 'removed' }),
    ]);
    expect(f.partnerApi).toMatchObject({ value: 'yes', conflict: ['yes', 'no'] });
    expect(f.status).toMatchObject({ value: 'removed', conflict: ['removed', 'deprecated'] });
    expect(f.providerType.value).toBe('unknown');
    expect(f.replacedBy?.id).toBe('fal-ai/b');
    expect(f.license.conflict).toBeNull();
  });

  it('property: the effective label is never more permissive than any observation still in play', () => {
    const rank = { unknown: -1, commercial: 0, private: 1, research: 2 } as const;
    const day = fc.integer({ min: 0, max: 2000 }).map((n) => new Date(Date.UTC(2024, 0, 1) + n * 86_400_000).toISOString().slice(0, 10));
    const obs = fc.record({
      label: fc.constantFrom('commercial', 'research', 'private', undefined),
      when: fc.oneof(day.map((d) => ({ observed: d })), day.map((d) => ({ before: d }))),
    });
    fc.assert(fc.property(fc.array(obs, { minLength: 1, maxLength: 6 }), (list) => {
      const observations = list.map((o) => ('observed' in o.when
        ? dated(o.when.observed, o.label ? { label: o.label } : {})
        : undated(o.when.before, o.label ? { label: o.label } : {})));
      const f = resolveHosted(observations);
      const labelled = observations.filter((o) => o.label);
      if (labelled.length === 0) return f.license.value === 'unknown';
      const newest = labelled.flatMap((o) => (o.observed ? [o.observed] : [])).sort().at(-1);
      const inPlay = labelled.filter((o) => (o.observed ? o.observed === newest : newest === undefined || o.undated!.before > newest));
      return inPlay.every((o) => rank[f.license.value] >= rank[o.label!]) && f.license.value !== 'unknown';
    }));
  });

  it('the schema refuses an observation with both or neither of a date and an undated bound, naming the field', () => {
    const base = { id: 'fal-ai/a', name: 'a', category: 'x' };
    const neither = ModelSchema.safeParse({ ...base, hosted: { observations: [{ source: 's', evidence: 'primary', label: 'commercial' }] } });
    expect(neither.success).toBe(false);
    expect(neither.error!.issues[0]!.path).toEqual(['hosted', 'observations', 0, 'observed']);
    const both = ModelSchema.safeParse({ ...base, hosted: { observations: [{ source: 's', evidence: 'primary', observed: '2026-01-01', undated: { before: '2026-01-01', note: 'n' } }] } });
    expect(both.success).toBe(false);
    expect(ModelSchema.safeParse({ ...base, hosted: { observations: [] } }).success).toBe(false);
    expect(ModelSchema.safeParse({ ...base, hosted: { observations: [{ source: 's', evidence: 'primary', observed: '2026-01-01', label: 'unknown' }] } }).success).toBe(false);
  });
});

describe('judging conflicts, statuses and successors', () => {
  it('a conflict is judged at the strictest label under the project\'s own policy, and says so', () => {
    const m = model('fal-ai/x', { hosted: { observations: [dated('2025-10-30', { label: 'commercial' }), undated('2026-12-01', { label: 'private' })] } });
    const c = catalogOf([m]);
    const v = judge(modelSubject(c, m), defaultPolicy());
    expect(v).toMatchObject({ verdict: 'review', reasons: [{ rule: 'private-endpoint', effect: 'review' }] });
    expect(v.reasons[0]!.message).toMatch(/disagree \(private \/ commercial\)/);
    // A policy that is stricter about commercial than private (odd, but possible) still gets the strictest.
    const odd = PolicySchema.parse({ labels: { commercial: 'deny', private: 'warn' } });
    expect(judge(modelSubject(c, m), odd).verdict).toBe('denied');
  });

  it('a removed endpoint is denied with the reason; a deprecated one passes with a warning naming its successor', () => {
    const removed = model('fal-ai/old', { hosted: { observations: [dated('2025-10-30', { label: 'commercial' }), dated('2026-11-01', { status: 'removed', source: 'fal Platform API GET /v1/models' })] } });
    const dep = model('fal-ai/dep', { hosted: { observations: [dated('2025-10-30', { label: 'commercial' }), undated('2026-12-01', { status: 'deprecated', replacedBy: 'fal-ai/new' })] } });
    const c = catalogOf([removed, dep, model('fal-ai/new')]);
    const r = judge(modelSubject(c, removed), defaultPolicy());
    expect(r.verdict).toBe('denied');
    expect(r.reasons[0]).toMatchObject({ rule: 'removed', effect: 'deny' });
    expect(r.reasons[0]!.message).toMatch(/no longer served by fal .*fal Platform API/);
    const d = judge(modelSubject(c, dep), defaultPolicy());
    expect(d.verdict).toBe('allowed');
    expect(d.reasons.find((x) => x.rule === 'deprecated')).toMatchObject({ effect: 'warn', message: expect.stringMatching(/successor.*fal-ai\/new|fal-ai\/new as its successor/) });
  });
});

describe('family evidence', () => {
  const commercial = (id: string, partner: 'yes' | 'no' = 'yes') => model(id, { lab: { name: 'google', source: 'test' }, hosted: { license: 'commercial', partnerApi: partner } });
  const unknown = model('fal-ai/veo9/fast', { hosted: { license: 'unknown', partnerApi: 'unknown' } });

  it('the family comes from fal\'s group tag where known, else the owner and first id segment', () => {
    expect(familyOf(model('fal-ai/kling-video/v2.1/pro/image-to-video'))).toEqual({ key: 'fal-ai/kling-video', source: 'id rule' });
    expect(familyOf(model('FAL-AI/ace-step/audio-to-audio'))).toEqual({ key: 'fal-ai/ace-step', source: 'id rule' });
    expect(familyOf(model('fal-ai/x/y', { tags: ['group:Kling 2.1'] }))).toEqual({ key: 'group:kling 2.1', source: 'fal group' });
  });

  it('describes what the family says and never changes the default verdict', () => {
    const c = catalogOf([unknown, commercial('fal-ai/veo9'), commercial('fal-ai/veo9/image-to-video'), commercial('fal-ai/veo9/extend')]);
    const s = modelSubject(c, unknown);
    expect(s.familyEvidence).toMatchObject({ members: 3, labelled: { commercial: 3, research: 0, private: 0 }, partner: 3, consistent: true });
    const v = judge(s, defaultPolicy());
    expect(v.verdict).toBe('denied');
    expect(v.reasons[0]!.message).toMatch(/3 of 3 other endpoints of the family fal-ai\/veo9 are labelled: 3 Commercial use; 3 Partner API \(google\)/);
  });

  it('a policy may opt in: a consistent family turns unknown into a review instead of a denial', () => {
    const c = catalogOf([unknown, commercial('fal-ai/veo9'), commercial('fal-ai/veo9/image-to-video')]);
    const p = PolicySchema.parse({ labels: { unknownWithConsistentFamily: 'review' } });
    expect(judge(modelSubject(c, unknown), p).verdict).toBe('review');
    // The opt-in is per context too, and it can never allow.
    expect(PolicySchema.safeParse({ labels: { unknownWithConsistentFamily: 'allow' } }).success).toBe(false);
  });

  it('never qualifies when a member is research-only or private (now or in any observation), or when fewer than two are labelled', () => {
    const p = PolicySchema.parse({ labels: { unknownWithConsistentFamily: 'review' } });
    const research = model('fal-ai/veo9/research', { hosted: { license: 'research' } });
    const once = model('fal-ai/veo9/was-private', { hosted: { observations: [dated('2024-01-01', { label: 'private' }), dated('2026-01-01', { label: 'commercial' })] } });
    for (const extra of [research, once]) {
      const c = catalogOf([unknown, commercial('fal-ai/veo9'), commercial('fal-ai/veo9/i2v'), extra]);
      expect(familyEvidence(unknown, c.familyMembers('fal-ai/veo9')).consistent, extra.id).toBe(false);
      expect(judge(modelSubject(c, unknown), p).verdict, extra.id).toBe('denied');
    }
    const lone = catalogOf([unknown, commercial('fal-ai/veo9')]);
    expect(judge(modelSubject(lone, unknown), p).verdict).toBe('denied');
  });
});
