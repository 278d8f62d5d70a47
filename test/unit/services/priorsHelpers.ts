import type { Run } from '../../../src/domain/evidence/run';
import type { EncodedRuns } from '../../../src/domain/learning/encode';
import type { LearnerState, PriorsSession } from '../../../src/services/priors/session';

/** Simulated evidence as stored runs: spec i -> "spec i", nudge k -> "nudge k", times in order. */
export function runsOf(enc: EncodedRuns, prefix: string, t0 = 1_000_000): Run[] {
  return Array.from({ length: enc.n }, (_, i) => ({
    id: `${prefix}-${String(i).padStart(5, '0')}`,
    specHash: enc.specKeys[enc.spec[i]!]!,
    nudges: [...enc.nudgeIdx.subarray(enc.offsets[i]!, enc.offsets[i + 1]!)].map((k) => enc.nudgeKeys[k]!),
    passed: enc.passed[i] === 1,
    errorMessages: enc.passed[i] ? [] : [`AssertionError: expected ${i % 7} to equal 3`],
    testFailures: [],
    typeErrors: [],
    source: 'jsonl',
    at: t0 + i * 1000,
  }));
}

/** Resolves with the first state that satisfies `ok` (checked on every change), or fails after `ms`. */
export function until(session: PriorsSession, ok: (s: LearnerState) => boolean, what: string, ms = 15000): Promise<LearnerState> {
  return new Promise((resolve, reject) => {
    let done = false;
    const timer = setTimeout(() => {
      done = true;
      sub.unsubscribe();
      reject(new Error(`timed out waiting for ${what}; last state: ${JSON.stringify({ ...session.current, snapshot: session.current.snapshot && { runs: session.current.snapshot.runs, fit: session.current.snapshot.fit, needsRefit: session.current.snapshot.needsRefit } })}`));
    }, ms);
    // The current state arrives during subscribe(), before `sub` exists: unsubscribe later.
    const sub = session.live().subscribe({
      next: (s) => {
        if (done || !ok(s)) return;
        done = true;
        clearTimeout(timer);
        queueMicrotask(() => sub.unsubscribe());
        resolve(s);
      },
    });
  });
}

/** The learner has taken every stored run and its model is current and idle. */
export const settled = (runs: number) => (s: LearnerState) =>
  s.status === 'ready' && !s.refit.running && s.snapshot?.runs === runs && s.snapshot.fit.status === 'current' && !s.snapshot.needsRefit;
