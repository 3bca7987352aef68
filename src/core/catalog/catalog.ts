import type { License } from '../schema/license.ts';
import type { Model } from '../schema/model.ts';
import { endpointKey, idPrefixes } from './endpoint-id.ts';
import { familyOf } from '../facts/family.ts';

/** A model with the Markdown notes that travel with it. */
export interface CatalogModel extends Model {
  notes: string;
}
export interface CatalogLicense extends License {
  notes: string;
}

export interface Resolution {
  model: CatalogModel;
  /** The catalog id or alias that matched. */
  matched: string;
  how: 'exact' | 'alias' | 'prefix';
  /** What followed the matched id in the request path (a sub-path or transport), if anything. */
  subpath: string | null;
}

/**
 * Checks an entry the first time it is handed out; throws a ProblemError when it is invalid.
 * The compiled catalog is verified whole by its hash and entry by entry on use, so a gate run
 * that looks up five models does not pay for validating fifteen hundred.
 */
export interface EntryVerifier {
  model(m: CatalogModel): void;
  license(l: CatalogLicense): void;
}

/**
 * The catalog in memory: models and licences with the lookups every reader needs.
 * Built once from validated entries (see build.ts) or from the compiled JSON.
 */
export class Catalog {
  readonly models: readonly CatalogModel[];
  readonly licenses: readonly CatalogLicense[];
  readonly #byKey: Map<string, { model: CatalogModel; alias: boolean; id: string }>;
  readonly #licenses: Map<string, CatalogLicense>;
  readonly #modelsByLicense: Map<string, CatalogModel[]>;
  readonly #verifier: EntryVerifier | undefined;
  readonly #verified = new WeakSet<object>();
  #families: Map<string, CatalogModel[]> | undefined;

  constructor(models: readonly CatalogModel[], licenses: readonly CatalogLicense[], verifier?: EntryVerifier) {
    this.#verifier = verifier;
    this.models = models;
    this.licenses = licenses;
    this.#licenses = new Map(licenses.map((l) => [l.id, l]));
    this.#byKey = new Map();
    this.#modelsByLicense = new Map();
    for (const model of models) {
      this.#byKey.set(endpointKey(model.id), { model, alias: false, id: model.id });
      const lic = model.weights?.license;
      if (lic) this.#modelsByLicense.set(lic, [...(this.#modelsByLicense.get(lic) ?? []), model]);
    }
    for (const model of models) {
      for (const alias of model.aliases) {
        const key = endpointKey(alias);
        if (!this.#byKey.has(key)) this.#byKey.set(key, { model, alias: true, id: alias });
      }
    }
  }

  license(id: string | null | undefined): CatalogLicense | undefined {
    const l = id ? this.#licenses.get(id) : undefined;
    if (l && this.#verifier && !this.#verified.has(l)) {
      this.#verifier.license(l);
      this.#verified.add(l);
    }
    return l;
  }

  #checked(m: CatalogModel): CatalogModel {
    if (this.#verifier && !this.#verified.has(m)) {
      this.#verifier.model(m);
      this.#verified.add(m);
    }
    return m;
  }

  /** The endpoints of a family (see facts/family.ts), indexed on first use. */
  familyMembers(key: string): readonly CatalogModel[] {
    if (!this.#families) {
      this.#families = new Map();
      for (const m of this.models) {
        const k = familyOf(m).key;
        this.#families.set(k, [...(this.#families.get(k) ?? []), m]);
      }
    }
    return this.#families.get(key) ?? [];
  }

  modelsUnderLicense(id: string): readonly CatalogModel[] {
    return this.#modelsByLicense.get(id) ?? [];
  }

  /** Exact lookup by id or alias (owner case-insensitive). */
  get(id: string): CatalogModel | undefined {
    const hit = this.#byKey.get(endpointKey(id));
    return hit ? this.#checked(hit.model) : undefined;
  }

  /**
   * Resolves a request path to the LONGEST catalog id (or alias) that prefixes it, segment by
   * segment: `fal-ai/flux/dev/image-to-image` is its own model, not `fal-ai/flux/dev`, while
   * `fal-ai/flux/dev/stream` is `fal-ai/flux/dev`. Never collapses to `owner/alias`.
   */
  resolve(raw: string): Resolution | null {
    const hit = this.#find(raw);
    return hit ? { ...hit, model: this.#checked(hit.model) } : null;
  }

  /**
   * Whether a request path resolves, without handing out (and so without verifying) the entry:
   * for the scanner's "is this a catalog id" question, which must not swallow a verification
   * error; the entry is verified when the finding is judged.
   */
  knows(raw: string): boolean {
    return this.#find(raw) !== null;
  }

  #find(raw: string): Resolution | null {
    for (const { id, subpath } of idPrefixes(raw)) {
      const hit = this.#byKey.get(endpointKey(id));
      if (!hit) continue;
      const how = subpath !== null ? 'prefix' : hit.alias ? 'alias' : 'exact';
      return { model: hit.model, matched: hit.id, how, subpath };
    }
    return null;
  }

  /** Every id and alias: what `knows` accepts, as data a scanner thread can take (see knownIdTest). */
  knownIds(): string[] {
    return [...this.#byKey.values()].map((h) => h.id);
  }
}
