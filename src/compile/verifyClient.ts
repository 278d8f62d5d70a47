import type { VerifyMessage, VerifyRequest, VerifyResult } from '../domain/compile/harness';
import { DomainError } from '../domain/errors';

/**
 * The page's side of verification: a fresh worker per candidate (so nothing one candidate did
 * can touch the next), a time limit counted from when the candidate is handed over (not from
 * the worker's start-up), and termination at the limit, which stops even `while (true) {}`.
 */
export class VerifyCancelledError extends DomainError {
  constructor() {
    super('verification was cancelled', 'VerifyCancelledError');
  }
}

/** How long a worker may take to load before the candidate is handed over (slow machines, busy pages). */
const STARTUP_LIMIT_MS = 15_000;

function failure(error: string, durationMs: number, timedOut: boolean): VerifyResult {
  return { passed: false, testFailures: [], errors: [error], durationMs, timedOut };
}

export function verifyCandidate(request: VerifyRequest, options: { timeLimitMs: number; signal?: AbortSignal }): Promise<VerifyResult> {
  return new Promise((resolve, reject) => {
    if (options.signal?.aborted) return reject(new VerifyCancelledError());
    const worker = new Worker(new URL('../../workers/verify.worker.ts', import.meta.url), { type: 'module', name: 'verify' });
    let started = 0;
    let timer = setTimeout(() => finish(failure('SandboxError: the verification worker did not start', 0, false)), STARTUP_LIMIT_MS);
    const onAbort = () => {
      cleanup();
      reject(new VerifyCancelledError());
    };
    const cleanup = () => {
      clearTimeout(timer);
      worker.terminate();
      options.signal?.removeEventListener('abort', onAbort);
    };
    const finish = (result: VerifyResult) => {
      cleanup();
      resolve(result);
    };
    options.signal?.addEventListener('abort', onAbort, { once: true });
    worker.onmessage = (event: MessageEvent<VerifyMessage>) => {
      const m = event.data;
      if (m.type === 'ready' && !started) {
        clearTimeout(timer);
        started = performance.now();
        worker.postMessage(request);
        timer = setTimeout(() => {
          const ms = options.timeLimitMs;
          finish(failure(`TimeoutError: the candidate ran past the time limit of ${ms} ms and its worker was stopped`, ms, true));
        }, options.timeLimitMs);
      } else if (m.type === 'result') {
        finish(m.result);
      }
    };
    worker.onerror = (event) => {
      // Before the hand-over this is the worker failing to load; afterwards an uncaught error
      // in the candidate's own callbacks, which the result or the time limit will account for.
      event.preventDefault();
      if (!started) finish(failure(`SandboxError: the verification worker failed to start: ${event.message}`, 0, false));
    };
  });
}
