import { prepareCandidate, runPrepared, type VerifyMessage, type VerifyRequest } from '../src/domain/compile/harness';
import { lockDown } from './sandbox';

/**
 * Runs ONE candidate against a spec's tests, in a worker the page made for it alone and
 * terminates afterwards (or at the time limit: an endless loop never returns here).
 *
 * Protocol (plain messages, not Comlink: Comlink would need postMessage, which the candidate
 * must not have): the worker says { type: 'ready' }, the page sends one VerifyRequest, the
 * worker answers { type: 'result', result }. The reply function is captured before the lock-down
 * removes postMessage, so a candidate cannot send a forged result.
 */
const reply: (m: VerifyMessage) => void = self.postMessage.bind(self);
const now = performance.now.bind(performance);

self.addEventListener(
  'message',
  (event: MessageEvent<VerifyRequest>) => {
    void (async () => {
      const prepared = prepareCandidate(event.data);
      const { remaining } = lockDown();
      if (remaining.length) {
        const error = `SandboxError: could not remove ${remaining.join(', ')} from the worker; the candidate was not run`;
        reply({ type: 'result', result: { passed: false, testFailures: [], errors: [error], durationMs: 0, timedOut: false } });
        return;
      }
      reply({ type: 'result', result: await runPrepared(prepared, now) });
    })();
  },
  { once: true },
);

reply({ type: 'ready' });
