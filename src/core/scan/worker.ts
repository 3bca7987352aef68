// A worker thread's whole life: scan one share of the project (share.ts) and post the result.
// The input comes as workerData; an error is posted as a message, so the main thread can scan
// the share itself instead (no file is ever skipped because a thread failed).

import { parentPort, workerData } from 'node:worker_threads';
import { scanShare, shareContext, type ShareInput } from './share.ts';

const input = workerData as ShareInput;
try {
  parentPort!.postMessage({ ok: true, result: scanShare(input, shareContext(input.known)) });
} catch (e) {
  parentPort!.postMessage({ ok: false, error: (e as Error).message });
}
