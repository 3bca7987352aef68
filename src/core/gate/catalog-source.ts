import { parseCompiledCatalog, readCompiledCatalog, type LoadedCatalog } from '../catalog/load-compiled.ts';
import type { Problem } from '../problem.ts';

/**
 * The catalog the gate judges against: the bundled file, another file, or the /catalog.json of
 * a deployed catalog site (one catalog for every repository of an organisation). Any failure is
 * a problem for exit code 3: the gate never judges without a catalog it trusts.
 */
export async function loadCatalogSource(
  source: string,
  options: { now: Date; maxAgeDays?: number; timeoutMs?: number },
): Promise<{ ok: true; value: LoadedCatalog } | { ok: false; problem: Problem }> {
  const loaded = /^https?:\/\//i.test(source) ? await fetchCatalog(source, options.timeoutMs ?? 15_000) : await readCompiledCatalog(source);
  if (!loaded.ok || options.maxAgeDays === undefined) return loaded;
  const ageDays = (options.now.getTime() - Date.parse(loaded.value.meta.generatedAt)) / 86_400_000;
  if (ageDays > options.maxAgeDays) {
    return {
      ok: false,
      problem: { code: 'catalog', file: source, field: 'generatedAt', message: `catalog generated ${loaded.value.meta.generatedAt} is ${Math.floor(ageDays)} days old; the policy allows at most ${options.maxAgeDays} (catalog.maxAgeDays): update modelgate or point --catalog at a fresh catalog` },
    };
  }
  return loaded;
}

async function fetchCatalog(url: string, timeoutMs: number): Promise<{ ok: true; value: LoadedCatalog } | { ok: false; problem: Problem }> {
  try {
    const res = await fetch(url, { signal: AbortSignal.timeout(timeoutMs), headers: { accept: 'application/json' } });
    if (!res.ok) return { ok: false, problem: { code: 'catalog', file: url, message: `cannot fetch catalog: HTTP ${res.status} ${res.statusText}` } };
    return parseCompiledCatalog(await res.text(), url);
  } catch (e) {
    const err = e as Error & { cause?: { code?: string } };
    const why = err.name === 'TimeoutError' ? `no answer within ${timeoutMs} ms` : err.cause?.code ?? err.message;
    return { ok: false, problem: { code: 'catalog', file: url, message: `cannot fetch catalog: ${why}` } };
  }
}
