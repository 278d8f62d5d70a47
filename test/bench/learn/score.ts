import { adjustedEstimates, fitAdjusted, type AdjustedEstimate, type AdjustedState } from '../../../src/domain/learning/adjusted';
import { encodeRuns } from '../../../src/domain/learning/encode';
import { refute } from '../../../src/domain/learning/refute';
import { posteriorOf, thompsonChoice } from '../../../src/domain/learning/thompson';
import { mulberry32 } from '../../../src/domain/random';
import { normaliseNudge } from '../../../src/domain/evidence/run';
import { sampleRuns, trueAmes, type Family, type World } from './world';

/**
 * One family at one size, scored over many worlds. Every count is over (world, nudge) pairs:
 * - correct: nudges with |true AME| >= 5 pp given the right verdict (beneficial for a positive
 *   truth, harmful for a negative one; "uncertain" is not correct), by the interval, and as a
 *   prior (the verdict and every refutation check passed, so it would be injected);
 * - wrong: verdicts of the wrong sign (truth > 0 called harmful or < 0 called beneficial);
 * - covered: 95% intervals containing the true AME (every nudge);
 * - placebo: placebo nudges called beneficial or harmful;
 * - gap: policy gap closed, (Thompson - none) / (oracle - none), the next attempt's expected
 *   pass rate after learning from the world's runs;
 * - ms: fit and refutation times.
 */
export interface Tally {
  worlds: number;
  big: number;
  correct: number;
  correctPrior: number;
  wrong: number;
  wrongPrior: number;
  intervals: number;
  covered: number;
  placebos: number;
  placeboCalled: number;
  placeboPrior: number;
  gaps: number[];
  fitMs: number[];
  refuteMs: number[];
}

export function emptyTally(): Tally {
  return { worlds: 0, big: 0, correct: 0, correctPrior: 0, wrong: 0, wrongPrior: 0, intervals: 0, covered: 0, placebos: 0, placeboCalled: 0, placeboPrior: 0, gaps: [], fitMs: [], refuteMs: [] };
}

const called = (e: AdjustedEstimate) => e.classification === 'beneficial' || e.classification === 'harmful';
const rightSign = (e: AdjustedEstimate, truth: number) => (truth > 0 ? e.classification === 'beneficial' : e.classification === 'harmful');
const wrongSign = (e: AdjustedEstimate, truth: number) => (truth > 0 && e.classification === 'harmful') || (truth < 0 && e.classification === 'beneficial');

/** Fits one world's runs and adds what it got right and wrong to the tally. */
export function scoreWorld(family: Family, seed: number, n: number, tally: Tally, policy: boolean): void {
  const world = family.make(seed, n);
  const { sim, runs } = sampleRuns(world, n, seed * 7919 + 1);
  const truth = trueAmes(world, sim);
  const enc = encodeRuns(runs).encoded;
  const t0 = performance.now();
  const state = fitAdjusted(enc);
  const t1 = performance.now();
  refute(enc, state, adjustedEstimates(state));
  const t2 = performance.now();
  tally.worlds++;
  tally.fitMs.push(t1 - t0);
  tally.refuteMs.push(t2 - t1);
  const estimates = new Map(adjustedEstimates(state).map((e) => [e.nudge, e]));
  world.nudges.forEach((name, k) => {
    const e = estimates.get(normaliseNudge(name));
    const t = truth[k]!;
    if (!e) return;
    tally.intervals++;
    if (e.lo <= t && t <= e.hi) tally.covered++;
    const prior = called(e) && e.checks?.prior === true;
    if (world.placebo[k]) {
      tally.placebos++;
      if (called(e)) tally.placeboCalled++;
      if (prior) tally.placeboPrior++;
      return;
    }
    if (wrongSign(e, t)) {
      tally.wrong++;
      if (prior) tally.wrongPrior++;
    }
    if (Math.abs(t) >= 5) {
      tally.big++;
      if (rightSign(e, t)) tally.correct++;
      if (rightSign(e, t) && prior) tally.correctPrior++;
    }
  });
  if (policy) tally.gaps.push(gapClosed(world, state, seed));
}

/** Expected pass rate of the next attempts: conditions drawn as the world draws them, nudges by `choose`. */
function passRate(world: World, seed: number, choose: (spec: number) => number[]): number {
  const rng = mulberry32(seed);
  let sum = 0;
  const tries = 300;
  for (let i = 0; i < tries; i++) {
    const next = world.next(rng);
    sum += world.prob({ ...next, nudges: [] }, choose(next.spec));
  }
  return sum / tries;
}

function gapClosed(world: World, state: AdjustedState, seed: number): number {
  const column = world.nudges.map((name) => state.nudgeKeys.indexOf(normaliseNudge(name)));
  const none = passRate(world, seed, () => []);
  // The oracle applies, on each spec, every nudge that helps there.
  const oracle = passRate(world, seed, (spec) => {
    const probe = { ...world.next(mulberry32(seed)), spec, nudges: [] };
    return world.nudges.flatMap((_, k) => (world.prob(probe, [k]) > world.prob(probe, []) ? [k] : []));
  });
  const post = posteriorOf(state);
  const draws = mulberry32(seed + 1);
  const thompson = passRate(world, seed, () => {
    const chosen = new Set(thompsonChoice(post, draws));
    return column.flatMap((c, k) => (c >= 0 && chosen.has(c) ? [k] : []));
  });
  return oracle - none > 0.005 ? (thompson - none) / (oracle - none) : Number.NaN;
}
