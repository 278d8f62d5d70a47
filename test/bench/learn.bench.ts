import { it } from 'vitest';
import { fitAdjusted } from '../../src/domain/learning/adjusted';
import { EncodingBuilder } from '../../src/domain/learning/encode';
import { naiveChoice, naiveScores } from '../../src/domain/learning/naive';
import { scoreEstimators } from '../../src/domain/learning/simulateMetrics';
import { runPolicy } from '../../src/domain/learning/simulatePolicy';
import { generateEvidence, makeWorld, passProbability, trueEta, type World } from '../../src/domain/learning/simulate';
import { posteriorOf, thompsonChoice } from '../../src/domain/learning/thompson';
import { mulberry32 } from '../../src/domain/random';

/**
 * The learner against worlds whose truth is known (DOMAIN.md section 1, issue 3 targets):
 * 1. next-attempt pass rate after N runs of a policy's own evidence: Thompson sampling on the
 *    adjusted model, the naive seed rule, the oracle (exactly the truly beneficial nudges)
 *    and no nudges at all; "gap closed" = (Thompson - none) / (oracle - none);
 * 2. on confounded logged evidence (a helpful nudge used mostly on hard specs, a neutral one
 *    riding along with a harmful one): sign accuracy for |true AME| >= 5 pp and 95%-interval
 *    coverage of the true AME, raw vs adjusted, pooled over worlds.
 * Everything is seeded; the seeds are printed. Nothing here is timed or asserted.
 */
const SIZES = [0, 100, 1000, 10000];
const EFFECTS = [0.8, -0.8, 0.5, -0.5, 0.6, 0, 0, 0.3, -0.3, 0];
const POLICY_WORLDS = [1, 2, 3, 4, 5];
const ESTIMATOR_WORLDS = Array.from({ length: 20 }, (_, i) => 101 + i);
const DRAWS = 200;

const world = (seed: number): World =>
  makeWorld({ seed, effects: EFFECTS, specs: 20, specSd: 1.5, hardSpecNudges: [4, 5], companions: [[6, 1]] });

/** Expected pass rate of one attempt on a uniformly chosen spec with these nudges. */
function passRate(w: World, nudges: number[]): number {
  let sum = 0;
  for (let s = 0; s < w.S; s++) sum += passProbability(w, trueEta(w, s, nudges));
  return sum / w.S;
}

function policyRow(n: number): { none: number; naive: number; thompson: number; oracle: number } {
  const acc = { none: 0, naive: 0, thompson: 0, oracle: 0 };
  for (const seed of POLICY_WORLDS) {
    const w = world(seed);
    acc.none += passRate(w, []);
    acc.oracle += passRate(w, EFFECTS.flatMap((b, k) => (b > 0 ? [k] : [])));
    const naiveEvidence = n > 0 ? runPolicy(w, 'naive', { runs: n, seed: 7 * seed }).evidence : new EncodingBuilder(w.nudgeKeys, w.specKeys).build();
    acc.naive += passRate(w, naiveChoice(naiveScores(naiveEvidence)));
    const own = n > 0 ? runPolicy(w, 'thompson', { runs: n, seed: 7 * seed }).evidence : new EncodingBuilder(w.nudgeKeys, w.specKeys).build();
    const posterior = posteriorOf(fitAdjusted(own));
    const rng = mulberry32(1000 + seed);
    let t = 0;
    for (let d = 0; d < DRAWS; d++) t += passRate(w, thompsonChoice(posterior, rng));
    acc.thompson += t / DRAWS;
  }
  const k = POLICY_WORLDS.length;
  return { none: acc.none / k, naive: acc.naive / k, thompson: acc.thompson / k, oracle: acc.oracle / k };
}

function estimatorRow(n: number) {
  const raw = { correct: 0, total: 0, covered: 0, intervals: 0 };
  const adj = { correct: 0, total: 0, covered: 0, intervals: 0 };
  for (const seed of ESTIMATOR_WORLDS) {
    const w = world(seed);
    const s = scoreEstimators(w, generateEvidence(w, n, 'confounded', 10 * seed));
    for (const [into, from] of [[raw, s.raw], [adj, s.adjusted]] as const) {
      into.correct += from.sign.correct;
      into.total += from.sign.total;
      into.covered += Math.round(from.coverage * EFFECTS.length);
      into.intervals += EFFECTS.length;
    }
  }
  return { raw, adj };
}

const pct = (x: number) => `${(100 * x).toFixed(1)}%`.padStart(7);
const cell = (s: string, w: number) => s.padStart(w);

it('prints the learning benchmark', () => {
  const lines: string[] = [];
  lines.push('', `Policies: next-attempt pass rate after N runs of the policy's own evidence (worlds ${POLICY_WORLDS.join(',')}; K=10, 20 specs; ${DRAWS} Thompson draws)`);
  lines.push(`${cell('N', 7)} ${cell('none', 7)} ${cell('naive', 7)} ${cell('Thompson', 9)} ${cell('oracle', 7)} ${cell('gap closed', 11)}`);
  for (const n of SIZES) {
    const r = policyRow(n);
    const gap = (r.thompson - r.none) / (r.oracle - r.none);
    lines.push(`${cell(n.toLocaleString('en'), 7)} ${pct(r.none)} ${pct(r.naive)} ${cell(pct(r.thompson), 9)} ${pct(r.oracle)} ${cell(pct(gap), 11)}`);
  }
  lines.push('', `Estimators on confounded logged evidence (worlds ${ESTIMATOR_WORLDS[0]}-${ESTIMATOR_WORLDS[ESTIMATOR_WORLDS.length - 1]}, pooled): sign accuracy for |true AME| >= 5 pp, 95% coverage`);
  lines.push(`${cell('N', 7)} ${cell('sign raw', 17)} ${cell('sign adjusted', 17)} ${cell('cover raw', 10)} ${cell('cover adj', 10)}`);
  for (const n of SIZES) {
    if (n === 0) {
      lines.push(`${cell('0', 7)} ${cell('n/a (no runs)', 17)} ${cell('n/a', 17)} ${cell('n/a', 10)} ${cell('n/a', 10)}`);
      continue;
    }
    const { raw, adj } = estimatorRow(n);
    const sign = (x: typeof raw) => `${pct(x.correct / x.total)} (${x.correct}/${x.total})`;
    lines.push(`${cell(n.toLocaleString('en'), 7)} ${cell(sign(raw), 17)} ${cell(sign(adj), 17)} ${cell(pct(raw.covered / raw.intervals), 10)} ${cell(pct(adj.covered / adj.intervals), 10)}`);
  }
  lines.push('', 'Targets (issue 3): adjusted sign accuracy >= 95% at 1,000 runs (raw worse); coverage 93-97%; Thompson closes >= 90% of the gap by 1,000 runs.', '');
  console.log(lines.join('\n'));
});
