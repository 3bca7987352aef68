/**
 * GET-with-retries for fal's Platform API, on the global `fetch` (Node 20+, no Node-22-only API).
 * 429: waits as long as `Retry-After` says (seconds or an HTTP date), else backs off.
 * 5xx, network errors and timeouts: exponential backoff with jitter, at most `retry.max` retries.
 * Other 4xx: no retry. Every failure ends in one SyncError with a one-line message.
 */

export interface RetryOptions {
  /** Retries after the first attempt. */
  max: number;
  baseDelayMs: number;
  /** Cap for one backoff delay; a `Retry-After` longer than this fails instead of waiting. */
  maxDelayMs: number;
}

export const DEFAULT_RETRY: RetryOptions = { max: 5, baseDelayMs: 1000, maxDelayMs: 60_000 };

export interface HttpOptions {
  fetch?: typeof fetch;
  headers?: Record<string, string>;
  retry?: RetryOptions;
  timeoutMs?: number;
  /** Injectable for tests; defaults to a real timer. */
  sleep?: (ms: number) => Promise<void>;
  /** Injectable for tests: a number in [0, 1). */
  random?: () => number;
  /** The clock for HTTP-date `Retry-After` values. */
  now?: () => number;
  /** Told about every retry, e.g. to print it. */
  onRetry?: (info: { attempt: number; delayMs: number; reason: string }) => void;
}

export class SyncError extends Error {
  constructor(message: string) {
    super(message.replace(/\s*\n\s*/g, ' '));
    this.name = 'SyncError';
  }
}

const realSleep = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));

/** `Retry-After` as milliseconds: delta-seconds or an HTTP date; undefined when absent or unreadable. */
export function parseRetryAfter(header: string | null, nowMs: number): number | undefined {
  if (header === null) return undefined;
  const value = header.trim();
  if (/^\d+$/.test(value)) return Number(value) * 1000;
  const at = Date.parse(value);
  if (Number.isNaN(at)) return undefined;
  return Math.max(0, at - nowMs);
}

/** Exponential backoff with "equal jitter": half the delay fixed, half random. */
export function backoffDelay(attempt: number, retry: RetryOptions, random: () => number): number {
  const ceiling = Math.min(retry.maxDelayMs, retry.baseDelayMs * 2 ** attempt);
  return Math.round(ceiling / 2 + (ceiling / 2) * random());
}

/** GETs `url` and returns the parsed JSON body; `what` names the request in error messages. */
export async function getJson(url: string, what: string, options: HttpOptions = {}): Promise<unknown> {
  const { status, text } = (await getText(url, what, { ...options, accept: 'application/json' }))!;
  try {
    return JSON.parse(text) as unknown;
  } catch {
    throw new SyncError(`${what}: response is not JSON (HTTP ${status}, ${text.length} bytes starting ${JSON.stringify(text.slice(0, 60))})`);
  }
}

export interface TextOptions extends HttpOptions {
  /** The Accept header (default any). */
  accept?: string;
  /** A 404 returns undefined instead of failing (a page that does not exist states nothing). */
  notFoundIsEmpty?: boolean;
  /** Whether a 401/403 message suggests checking FAL_KEY (default true; false for fal's web pages). */
  keyHint?: boolean;
}

/**
 * GETs `url` with the retry policy above and returns the body of a 2xx response as text;
 * undefined only for a 404 when `notFoundIsEmpty` is set.
 */
export async function getText(url: string, what: string, options: TextOptions = {}): Promise<{ status: number; text: string } | undefined> {
  const doFetch = options.fetch ?? globalThis.fetch;
  const retry = options.retry ?? DEFAULT_RETRY;
  const timeoutMs = options.timeoutMs ?? 30_000;
  const sleep = options.sleep ?? realSleep;
  const random = options.random ?? Math.random;
  const now = options.now ?? Date.now;

  for (let attempt = 0; ; attempt++) {
    let failure: string;
    let delayMs: number;
    let response: Response | undefined;
    let text: string | undefined;
    try {
      response = await doFetch(url, {
        headers: { accept: options.accept ?? '*/*', ...options.headers },
        signal: AbortSignal.timeout(timeoutMs),
      });
      text = await response.text();
    } catch (e) {
      response = undefined;
      const err = e as Error;
      failure = err.name === 'TimeoutError' || err.name === 'AbortError' ? `timed out after ${timeoutMs} ms` : `network error: ${describe(err)}`;
    }
    if (response && text !== undefined) {
      if (response.ok) return { status: response.status, text };
      if (response.status === 404 && options.notFoundIsEmpty) return undefined;
      const apiMessage = errorMessage(text);
      failure = `HTTP ${response.status}${apiMessage ? ` (${apiMessage})` : ''}`;
      if (response.status === 429) {
        const retryAfter = parseRetryAfter(response.headers.get('retry-after'), now());
        if (retryAfter !== undefined && retryAfter > retry.maxDelayMs) {
          throw new SyncError(`${what}: rate limited (HTTP 429) and Retry-After asks for ${Math.ceil(retryAfter / 1000)} s, more than the ${Math.ceil(retry.maxDelayMs / 1000)} s this sync waits; try again later or set FAL_KEY for higher limits`);
        }
        delayMs = retryAfter ?? backoffDelay(attempt, retry, random);
      } else if (response.status >= 500) {
        delayMs = backoffDelay(attempt, retry, random);
      } else {
        throw new SyncError(`${what}: ${failure}${(response.status === 401 || response.status === 403) && options.keyHint !== false ? '; check FAL_KEY' : ''}`);
      }
    } else {
      delayMs = backoffDelay(attempt, retry, random);
    }
    if (attempt >= retry.max) {
      throw new SyncError(`${what}: ${failure!} after ${attempt + 1} attempt${attempt === 0 ? '' : 's'}; giving up`);
    }
    options.onRetry?.({ attempt: attempt + 1, delayMs, reason: failure! });
    await sleep(delayMs);
  }
}

/** fal's error body `{error: {type, message}}`, as one short string. */
function errorMessage(text: string): string | undefined {
  try {
    const body = JSON.parse(text) as { error?: { type?: unknown; message?: unknown } };
    const e = body?.error;
    if (e && (typeof e.type === 'string' || typeof e.message === 'string')) {
      return [e.type, e.message].filter((x) => typeof x === 'string').join(': ').slice(0, 200);
    }
  } catch {
    // not JSON: fall through
  }
  return undefined;
}

function describe(e: Error): string {
  const cause = (e as Error & { cause?: { code?: string; message?: string } }).cause;
  return cause?.code ?? cause?.message ?? e.message;
}
