import picomatch from 'picomatch';
import { endpointKey } from '../catalog/endpoint-id.ts';
import type { LocatedWaiver } from './config.ts';
import { daysBetween } from './config.ts';
import type { Diagnostic } from './types.ts';

export interface WaiverTarget {
  file: string;
  /** Ids the finding answers to: the catalog id and its aliases, or the raw id; `dynamic` for dynamic calls. */
  ids: string[];
}

export interface WaiverMatch {
  waiver: LocatedWaiver;
  expired: boolean;
}

/**
 * Waivers as a matcher: which waiver speaks for a finding, and afterwards which waivers spoke
 * for none. A live waiver wins over an expired one for the same finding; an expired waiver
 * still matches, so the report can say why the finding fails again.
 */
interface BookEntry {
  waiver: LocatedWaiver;
  key: string;
  inScope: (file: string) => boolean;
  used: boolean;
  expired: boolean;
  daysLeft: number;
}

export class WaiverBook {
  readonly #entries: BookEntry[];

  constructor(waivers: readonly LocatedWaiver[], today: string) {
    this.#entries = waivers.map((waiver) => ({
      waiver,
      key: waiver.model === 'dynamic' ? 'dynamic' : endpointKey(waiver.model),
      inScope: waiver.paths ? picomatch(waiver.paths, { dot: true }) : () => true,
      used: false,
      expired: waiver.expires < today,
      daysLeft: daysBetween(today, waiver.expires),
    }));
  }

  match(target: WaiverTarget): WaiverMatch | null {
    const keys = new Set(target.ids.map((id) => (id === 'dynamic' ? id : endpointKey(id))));
    let found: BookEntry | undefined;
    for (const e of this.#entries) {
      if (!keys.has(e.key) || !e.inScope(target.file)) continue;
      e.used = true;
      if (!found || (found.expired && !e.expired)) found = e;
    }
    return found ? { waiver: found.waiver, expired: found.expired } : null;
  }

  /** Expired, unused and soon-expiring waivers, after every finding was matched. */
  diagnostics(warnWithinDays: number): Diagnostic[] {
    const out: Diagnostic[] = [];
    for (const e of this.#entries) {
      const w = e.waiver;
      const at = { file: w.source.file, line: w.source.line };
      if (e.expired) {
        out.push({ code: 'waiver-expired', severity: e.used ? 'error' : 'warning', ...at, message: `waiver for ${w.model} expired on ${w.expires} (approved by ${w.approvedBy})${e.used ? '; its findings fail again' : ' and matches nothing; remove it'}` });
      } else if (!e.used) {
        out.push({ code: 'waiver-unused', severity: 'warning', ...at, message: `waiver for ${w.model}${w.paths ? ` in ${w.paths.join(', ')}` : ''} matches no finding; remove it or fix its model/paths` });
      } else if (e.daysLeft <= warnWithinDays) {
        out.push({ code: 'waiver-expiring', severity: 'warning', ...at, message: `waiver for ${w.model} expires in ${e.daysLeft} day(s), on ${w.expires}; renew it or stop using the model` });
      }
    }
    return out;
  }
}
