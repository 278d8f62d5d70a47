import type { Run } from '../evidence/run';
import { normaliseNudge } from '../evidence/run';
import type { EncodedRuns } from './encode';

/**
 * The seed's rule, kept as the baseline the benchmarks beat: every failed run adds
 * outcome_delta = -1 to each nudge it applied; passes add nothing. It blames whatever rode
 * along with a failure, so a nudge used often (or on hard specs) sinks regardless of effect.
 */
export function naiveScores(enc: EncodedRuns): Float64Array {
  const scores = new Float64Array(enc.nudgeKeys.length);
  for (let i = 0; i < enc.n; i++) {
    if (enc.passed[i]) continue;
    // A down-weighted flaky failure counts as its weight; with the default weights this is -1.
    const w = enc.weight[i]!;
    for (let j = enc.offsets[i]!; j < enc.offsets[i + 1]!; j++) {
      const k = enc.nudgeIdx[j]!;
      scores[k] = scores[k]! - w;
    }
  }
  return scores;
}

/** The same rule over runs as stored, by nudge key. */
export function naiveScoresOfRuns(runs: readonly Run[]): Map<string, number> {
  const scores = new Map<string, number>();
  for (const run of runs) {
    for (const key of new Set(run.nudges.map(normaliseNudge))) {
      scores.set(key, (scores.get(key) ?? 0) + (run.passed ? 0 : -1));
    }
  }
  return scores;
}

/**
 * The naive rule as a policy (for the simulator): apply the less-blamed half, i.e. every
 * nudge whose score is at least the median score. Half rather than "score 0 only", which
 * after a few failures would apply nothing and stop learning altogether.
 */
export function naiveChoice(scores: Float64Array): number[] {
  if (scores.length === 0) return [];
  const sorted = [...scores].sort((a, b) => a - b);
  const median = sorted[Math.floor((sorted.length - 1) / 2)]!;
  const chosen: number[] = [];
  for (let k = 0; k < scores.length; k++) if (scores[k]! >= median) chosen.push(k);
  return chosen;
}
