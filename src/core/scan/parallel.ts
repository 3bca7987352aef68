// Large trees are scanned on every core: the file list is dealt out to worker threads (each
// reads, prefilters and analyses its share; share.ts) while the main thread takes a share too.
// Reading dominates a scan (open/read/close per file), and those calls run in parallel across
// threads. A share whose worker cannot start or fails is scanned by the main thread.

import { existsSync } from 'node:fs';
import { availableParallelism } from 'node:os';
import { fileURLToPath } from 'node:url';
import { Worker } from 'node:worker_threads';
import { scanShare, type ShareContext, type ShareInput, type ShareResult } from './share.ts';

/** Below this many files a worker's start-up (~50 ms) costs more than it saves. */
export const PARALLEL_MIN_FILES = 4000;
const MAX_THREADS = 4;

/** The worker script: the bundle's `scan-worker.js` beside cli.js, or the source module when run from source. */
function workerUrl(): URL | null {
  for (const rel of ['../scan-worker.js', './worker.ts']) {
    const url = new URL(rel, import.meta.url);
    if (existsSync(fileURLToPath(url))) return url;
  }
  return null;
}

/** How many threads a scan of `files` files uses (1: no workers). */
export function threadsFor(files: number, requested?: number): number {
  if (requested !== undefined) return Math.max(1, Math.min(requested, MAX_THREADS));
  if (files < PARALLEL_MIN_FILES) return 1;
  return Math.max(1, Math.min(availableParallelism(), MAX_THREADS));
}

/** Every file of `input` scanned on `threads` threads: one result per share, shares dealt round-robin. */
export async function scanParallel(input: ShareInput, threads: number, mainCtx: ShareContext): Promise<ShareResult[]> {
  const url = workerUrl();
  const shares: ShareInput[] = [];
  for (let k = 0; k < threads; k++) {
    const paths: string[] = [];
    const langs: ShareInput['langs'][number][] = [];
    for (let i = k; i < input.paths.length; i += threads) {
      paths.push(input.paths[i]!);
      langs.push(input.langs[i]!);
    }
    shares.push({ ...input, paths, langs });
  }
  if (url === null) return shares.map((s) => scanShare(s, mainCtx));
  // Workers start first, so their start-up overlaps the main thread's own share.
  const pending = shares.slice(1).map((share) => runWorker(url, share));
  const own = scanShare(shares[0]!, mainCtx);
  const results = [own];
  for (let k = 0; k < pending.length; k++) {
    const r = await pending[k]!;
    if (typeof r !== 'string') { results.push(r); continue; }
    const again = scanShare(shares[k + 1]!, mainCtx);
    again.notes.push({ file: '.', code: 'thread-fallback', message: `a scanner thread failed (${r}); its ${shares[k + 1]!.paths.length} files were scanned on the main thread` });
    results.push(again);
  }
  return results;
}

/** The worker's result, or why it could not start or failed (the caller then scans the share itself). */
function runWorker(url: URL, share: ShareInput): Promise<ShareResult | string> {
  return new Promise((resolve) => {
    let settled = false;
    const done = (r: ShareResult | string) => {
      if (!settled) { settled = true; resolve(r); }
    };
    let worker: Worker;
    try {
      worker = new Worker(url, { workerData: share });
    } catch (e) {
      done((e as Error).message);
      return;
    }
    worker.once('message', (m: { ok: true; result: ShareResult } | { ok: false; error: string }) => {
      done(m.ok ? m.result : m.error);
      void worker.terminate();
    });
    worker.once('error', (e) => done(e.message));
    worker.once('exit', (code) => done(`exited with code ${code}`));
  });
}
