import { betaMean, betaVariance, Z95 } from '../math';
import { probGreater } from './beta';
import type { EncodedRuns } from './encode';

/**
 * Raw per-nudge estimates (DOMAIN.md section 1): the pass rate with and without the nudge, each
 * a Beta(1 + passes, 1 + fails) posterior, compared directly. No adjustment for which spec the
 * runs were on or which other nudges rode along: that is the adjusted estimate's job, and the
 * two are shown side by side so the difference is visible.
 */
export interface ArmStats {
  /** Runs in this arm (a count, whatever their weights). */
  runs: number;
  /** Weighted passes and fails (equal to counts unless flaky runs were down-weighted). */
  passes: number;
  fails: number;
  /** Posterior mean (1 + passes) / (2 + passes + fails). */
  mean: number;
}

export interface RawEstimate {
  nudge: string;
  index: number;
  with: ArmStats;
  without: ArmStats;
  /** Difference of posterior means, as a probability (0.25 = 25 percentage points). */
  effect: number;
  /**
   * 95% interval for p_with - p_without by the normal approximation to the difference of the
   * two Beta posteriors (mean +- 1.96 sd). Used for coverage comparisons, not for headlines.
   */
  lo: number;
  hi: number;
  /** P(p_with > p_without) under the two posteriors (exact quadrature, see beta.ts). */
  pBeneficial: number;
}

function arm(runs: number, passes: number, fails: number): ArmStats {
  return { runs, passes, fails, mean: betaMean(1 + passes, 1 + fails) };
}

/** One counting pass over the runs, then a closed-form posterior per nudge. */
export function rawEstimates(enc: EncodedRuns): RawEstimate[] {
  const K = enc.nudgeKeys.length;
  const runsWith = new Float64Array(K);
  const passWith = new Float64Array(K);
  const weightWith = new Float64Array(K);
  let totalPass = 0;
  let totalWeight = 0;
  const { offsets, nudgeIdx, passed, weight } = enc;
  for (let i = 0; i < enc.n; i++) {
    const w = weight[i]!;
    const y = passed[i]!;
    totalWeight += w;
    if (y) totalPass += w;
    for (let j = offsets[i]!; j < offsets[i + 1]!; j++) {
      const k = nudgeIdx[j]!;
      runsWith[k] = runsWith[k]! + 1;
      weightWith[k] = weightWith[k]! + w;
      if (y) passWith[k] = passWith[k]! + w;
    }
  }
  const out: RawEstimate[] = [];
  for (let k = 0; k < K; k++) {
    const pw = passWith[k]!;
    const fw = weightWith[k]! - pw;
    // Clamped: subtracting float sums can leave -1e-16 where the true count is 0.
    const po = Math.max(0, totalPass - pw);
    const fo = Math.max(0, totalWeight - weightWith[k]! - po);
    const withArm = arm(runsWith[k]!, pw, fw);
    const withoutArm = arm(enc.n - runsWith[k]!, po, fo);
    const effect = withArm.mean - withoutArm.mean;
    const sd = Math.sqrt(betaVariance(1 + pw, 1 + fw) + betaVariance(1 + po, 1 + fo));
    out.push({
      nudge: enc.nudgeKeys[k]!,
      index: k,
      with: withArm,
      without: withoutArm,
      effect,
      lo: effect - Z95 * sd,
      hi: effect + Z95 * sd,
      pBeneficial: probGreater(1 + pw, 1 + fw, 1 + po, 1 + fo),
    });
  }
  return out;
}
