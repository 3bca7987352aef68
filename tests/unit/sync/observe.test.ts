import { describe, expect, it } from 'vitest';
import { resolveHosted } from '../../../src/core/facts/resolve.ts';
import type { Observation } from '../../../src/core/schema/observation.ts';
import { API_SOURCE, newestFrom, PAGE_SOURCE, record } from '../../../src/core/sync/observe.ts';

const api = (observed: string, facts: Partial<Observation> = {}): Observation & { observed: string } => ({ source: API_SOURCE, observed, evidence: 'primary', ...facts });
const scrape: Observation = { source: 'a public scrape', observed: '2025-10-30', evidence: 'secondary', label: 'commercial', partnerApi: 'no' };

describe('record: append or confirm', () => {
  it('appends the first observation of a source, after the others', () => {
    const r = record([scrape], api('2026-09-01', { label: 'research', status: 'active' }));
    expect(r.outcome).toBe('appended');
    expect(r.observations).toEqual([scrape, api('2026-09-01', { label: 'research', status: 'active' })]);
    expect(resolveHosted(r.observations).license.value).toBe('research');
  });

  it('confirms the newest same-source observation that states the same facts; context fields do not count', () => {
    const first = api('2026-09-01', { label: 'commercial', status: 'active', url: 'http://127.0.0.1:1/v1/models?endpoint_id=a/b' });
    const r = record([scrape, first], api('2026-09-05', { label: 'commercial', status: 'active', url: 'http://127.0.0.1:2/v1/models?endpoint_id=a/b' }));
    expect(r.outcome).toBe('confirmed');
    expect(r.observations).toEqual([scrape, { ...first, confirmed: '2026-09-05' }]);
  });

  it('a fact more or less is a different reading: appended', () => {
    const first = api('2026-09-01', { label: 'commercial', status: 'active' });
    expect(record([first], api('2026-09-02', { status: 'active' })).observations).toHaveLength(2);
    expect(record([first], api('2026-09-02', { label: 'commercial', status: 'deprecated' })).observations).toHaveLength(2);
  });

  it('compares with the newest observation of the same source only', () => {
    const old = api('2026-01-01', { label: 'commercial' });
    const newer = api('2026-05-01', { label: 'research' });
    // the same as an older reading, not the newest: a change back, appended
    const r = record([newer, old, { ...scrape, source: PAGE_SOURCE, observed: '2026-08-01' }], api('2026-09-01', { label: 'commercial' }));
    expect(r.outcome).toBe('appended');
    expect(newestFrom(r.observations, API_SOURCE)).toEqual(api('2026-09-01', { label: 'commercial' }));
    // recency counts the confirmed date
    const confirmed = { ...old, confirmed: '2026-06-01' };
    expect(newestFrom([newer, confirmed], API_SOURCE)).toBe(confirmed);
  });

  it('changes nothing when the same facts were read today already (same day twice)', () => {
    const first = api('2026-09-01', { label: 'commercial' });
    const r = record([first], api('2026-09-01', { label: 'commercial' }));
    expect(r.outcome).toBe('unchanged');
    expect(r.observations).toEqual([first]);
    expect(record([{ ...first, confirmed: '2026-09-03' }], api('2026-09-03', { label: 'commercial' })).outcome).toBe('unchanged');
  });

  it('a different reading on the same day replaces that day\'s reading; earlier days are never changed', () => {
    const yesterday = api('2026-08-31', { label: 'commercial', status: 'active' });
    const morning = api('2026-09-01', { status: 'removed' });
    const r = record([yesterday, morning], api('2026-09-01', { label: 'commercial', status: 'active' }));
    expect(r.outcome).toBe('replaced');
    expect(r.observations).toEqual([yesterday, api('2026-09-01', { label: 'commercial', status: 'active' })]);
    expect(resolveHosted(r.observations).status.value).toBe('active');
  });

  it('a same-day reading that states less is appended: a fact stated earlier that day is not dropped', () => {
    const yesterday = api('2026-08-31', { label: 'commercial', status: 'active' });
    const morning = api('2026-09-01', { label: 'research', status: 'active' });
    const r = record([yesterday, morning], api('2026-09-01', { status: 'active' }));
    expect(r.outcome).toBe('appended');
    expect(r.observations).toHaveLength(3);
    expect(resolveHosted(r.observations).license.value).toBe('research');
    // listed in the morning, absent in the afternoon: both stand for the day; the stricter status wins
    const absent = record([yesterday, api('2026-09-01', { label: 'commercial', status: 'active' })], api('2026-09-01', { status: 'removed' }));
    expect(absent.outcome).toBe('appended');
    expect(resolveHosted(absent.observations).status).toMatchObject({ value: 'removed', conflict: ['removed', 'active'] });
  });
});
