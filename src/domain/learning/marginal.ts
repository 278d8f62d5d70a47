import { Z95 } from '../math';
import type { EncodedRuns } from './encode';

/**
 * Average marginal effects (DOMAIN.md: "mean over runs of sigma(eta with x_k = 1) -
 * sigma(eta with x_k = 0)") and their 95% intervals.
 *
 * Interval: the Laplace (Wald) interval of b_k, b_k +- 1.96 se_k, mapped through
 * AME_k(b) = mean_i sigma(eta0_ik + b) - sigma(eta0_ik), eta0 being eta without nudge k and the
 * other parameters at their estimates. AME_k is increasing in b, so this is a valid interval
 * for AME_k, equal to the delta method to first order in b_k. The delta method's other
 * gradient terms (w.r.t. intercepts and other nudges) are means of sigma'(eta1) - sigma'(eta0),
 * which vanish as b_k -> 0; so near zero, where classification happens, the interval is exact
 * to first order, and "interval excludes 0" is exactly the Laplace Wald test on b_k. The full
 * gradient would cost a pass over the data per nudge; this costs one pass for all nudges.
 *
 * Cost: the mean over runs is taken on a histogram of eta (global, plus one per nudge for
 * the runs that have it) with each bin's first and second moments, and a second-order Taylor
 * expansion of sigma inside the bin. With bin width h each sigma term errs by at most
 * (h/2)^3 / 6 * max|sigma'''| = h^3 / 384 per run, and an AME has up to four such terms: at
 * the default h <= 0.2 (for eta ranges up to 51; bins are capped at 256) that bounds the error
 * by 1e-4, i.e. 0.01 pp (in practice far less, as neighbouring runs' errors cancel), below the
 * whole points the app displays.
 */
export interface AmeTrack {
  /** Total run weight the means are over. */
  weight: number;
  /** The b value of each entry: [3k] the estimate, [3k + 1] the lower end, [3k + 2] the upper. */
  at: Float64Array;
  /** AME (probability scale) at those values of b_k. */
  value: Float64Array;
  /** dAME/db_k there, to carry the means to nearby b after an incremental update. */
  slope: Float64Array;
  /** The fit's histogram of eta over all runs, to evaluate nudges that had no runs then. */
  population: EtaHistogram;
}

/** Bins of eta with each bin's weight and first two moments about its centre. */
export interface EtaHistogram {
  lo: number;
  h: number;
  bins: number;
  /** [3 bin] sum w, [3 bin + 1] sum w d, [3 bin + 2] sum w d^2, d = eta - centre. */
  moments: Float64Array;
  weight: number;
}

export { Z95 };
const TARGET_BIN_WIDTH = 0.2;
const MAX_BINS = 256;

/** sigma and its first three derivatives at x, into d[0..3]. */
function sigmaDerivatives(x: number, d: Float64Array): void {
  const s = 1 / (1 + Math.exp(-x));
  const d1 = s * (1 - s);
  d[0] = s;
  d[1] = d1;
  d[2] = d1 * (1 - 2 * s);
  d[3] = d1 * (1 - 6 * d1);
}

const deriv = new Float64Array(4);

/**
 * Sums over histogram bins [b0, b1] of w sigma(eta + shift) and of w sigma'(eta + shift), by
 * the bins' moments. Writes the two sums into out[0], out[1].
 */
function binSums(hist: Float64Array, off: number, b0: number, b1: number, lo: number, h: number, shift: number, out: Float64Array): void {
  let v = 0;
  let sl = 0;
  for (let bin = b0; bin <= b1; bin++) {
    const at = off + 3 * bin;
    const m0 = hist[at]!;
    if (m0 === 0) continue;
    const m1 = hist[at + 1]!;
    const m2 = hist[at + 2]!;
    sigmaDerivatives(lo + (bin + 0.5) * h + shift, deriv);
    v += m0 * deriv[0]! + m1 * deriv[1]! + 0.5 * m2 * deriv[2]!;
    sl += m0 * deriv[1]! + m1 * deriv[2]! + 0.5 * m2 * deriv[3]!;
  }
  out[0] = v;
  out[1] = sl;
}

/**
 * Runs whose spec intercept is uncertain enter as three points of its posterior (the 3-point
 * Gauss-Hermite rule: the mean with weight 2/3, mean +- sqrt(3) sd with 1/6 each, exact for
 * polynomials up to degree 5), so that E sigma(eta) is averaged over what the spec might be
 * rather than taken at its shrunken mean, which would make hard and easy specs look alike.
 */
const SPREAD_MIN = 1e-4;
const GH3 = Math.sqrt(3);
/**
 * Below this variance (in squared bin widths) the three points fall within about a bin of each
 * other, and the spread is added to the bin's second moment instead (E d^2 = d^2 + v), exact to
 * second order as the bins are. What it leaves out, per sigma term, is sigma''' d v / 2 <= h v / 32
 * (<= h^3 / 128, 6e-5 at h = 0.2) and sigma'''' v^2 / 8: at most 0.03 pp on an AME, in practice
 * far less, as the terms of neighbouring runs cancel. Specs with many runs (well-known
 * intercepts) then cost one point per run, not three.
 */
const NARROW = 0.25;

/**
 * AMEs and slopes at b_k and at the ends of its 95% Wald interval, for every nudge. eta is
 * each run's linear predictor at its spec's posterior mean intercept; specVariance the
 * posterior variance of each spec's intercept (undefined: none).
 */
export function ameTrack(enc: EncodedRuns, eta: Float64Array, b: Float64Array, se: Float64Array, specVariance?: Float64Array): AmeTrack {
  const K = b.length;
  let min = Infinity;
  let max = -Infinity;
  for (let i = 0; i < enc.n; i++) {
    const v = specVariance ? specVariance[enc.spec[i]!]! : 0;
    const r = v > SPREAD_MIN ? GH3 * Math.sqrt(v) : 0;
    min = Math.min(min, eta[i]! - r);
    max = Math.max(max, eta[i]! + r);
  }
  if (!(min <= max)) {
    min = 0;
    max = 0;
  }
  const width = Math.max(max - min, 1e-9);
  const B = Math.min(MAX_BINS, Math.max(1, Math.ceil(width / TARGET_BIN_WIDTH)));
  const h = width / B;
  const lo = min;
  const stride = 3 * B;
  const global = new Float64Array(stride);
  const perNudge = new Float64Array(K * stride);
  let W = 0;
  const add = (i: number, e: number, w: number, spread: number): void => {
    const bin = Math.min(B - 1, Math.max(0, Math.floor((e - lo) / h)));
    const d = e - (lo + (bin + 0.5) * h);
    const wd = w * d;
    const wd2 = w * (d * d + spread);
    const at = 3 * bin;
    global[at] = global[at]! + w;
    global[at + 1] = global[at + 1]! + wd;
    global[at + 2] = global[at + 2]! + wd2;
    for (let j = enc.offsets[i]!; j < enc.offsets[i + 1]!; j++) {
      const o = enc.nudgeIdx[j]! * stride + at;
      perNudge[o] = perNudge[o]! + w;
      perNudge[o + 1] = perNudge[o + 1]! + wd;
      perNudge[o + 2] = perNudge[o + 2]! + wd2;
    }
  };
  for (let i = 0; i < enc.n; i++) {
    const e = eta[i]!;
    const w = enc.weight[i]!;
    W += w;
    const v = specVariance ? specVariance[enc.spec[i]!]! : 0;
    if (v > SPREAD_MIN && v > NARROW * h * h) {
      const r = GH3 * Math.sqrt(v);
      add(i, e, (2 / 3) * w, 0);
      add(i, e - r, w / 6, 0);
      add(i, e + r, w / 6, 0);
    } else {
      // A spread narrower than a bin enters through the bin's second moment (E d^2 = d^2 + v),
      // which the bin's Taylor expansion uses anyway: one point instead of three.
      add(i, e, w, v > SPREAD_MIN ? v : 0);
    }
  }
  // Each nudge's occupied bins, so that its sums skip the empty tails.
  const firstBin = new Int32Array(K).fill(B);
  const lastBin = new Int32Array(K).fill(-1);
  for (let k = 0; k < K; k++) {
    for (let bin = 0; bin < B; bin++) {
      if (perNudge[k * stride + 3 * bin] === 0) continue;
      if (firstBin[k] === B) firstBin[k] = bin;
      lastBin[k] = bin;
    }
  }
  const track: AmeTrack = {
    weight: W,
    at: new Float64Array(3 * K),
    value: new Float64Array(3 * K),
    slope: new Float64Array(3 * K),
    population: { lo, h, bins: B, moments: global, weight: W },
  };
  if (W <= 0) return track;
  const sums = new Float64Array(2);
  binSums(global, 0, 0, B - 1, lo, h, 0, sums);
  const globalBase = sums[0]!;
  for (let k = 0; k < K; k++) {
    const bk = b[k]!;
    const has = lastBin[k]! >= 0;
    const off = k * stride;
    const f0 = firstBin[k]!;
    const f1 = lastBin[k]!;
    let withBase = 0;
    let withShifted = 0;
    if (has) {
      binSums(perNudge, off, f0, f1, lo, h, 0, sums);
      withBase = sums[0]!;
      binSums(perNudge, off, f0, f1, lo, h, -bk, sums);
      withShifted = sums[0]!;
    }
    for (let t = 0; t < 3; t++) {
      const beta = t === 0 ? bk : t === 1 ? bk - Z95 * se[k]! : bk + Z95 * se[k]!;
      // Runs without k: sigma(eta + beta) - sigma(eta) = all runs minus the runs with k ...
      binSums(global, 0, 0, B - 1, lo, h, beta, sums);
      let value = sums[0]! - globalBase;
      let slope = sums[1]!;
      if (has) {
        // ... and runs with k, whose eta0 is eta - b_k: add theirs, remove what "all" counted.
        binSums(perNudge, off, f0, f1, lo, h, beta, sums);
        value -= sums[0]! - withBase;
        slope -= sums[1]!;
        binSums(perNudge, off, f0, f1, lo, h, beta - bk, sums);
        value += sums[0]! - withShifted;
        slope += sums[1]!;
      }
      track.at[3 * k + t] = beta;
      track.value[3 * k + t] = value / W;
      track.slope[3 * k + t] = slope / W;
    }
  }
  return track;
}

/**
 * AME and slope at b of a nudge applied on none of the population's runs:
 * mean sigma(eta + b) - sigma(eta) over the fit's histogram.
 */
export function populationAme(pop: EtaHistogram, b: number, out: Float64Array): void {
  if (pop.weight <= 0) {
    out[0] = 0;
    out[1] = 0.25;
    return;
  }
  binSums(pop.moments, 0, 0, pop.bins - 1, pop.lo, pop.h, 0, out);
  const base = out[0]!;
  binSums(pop.moments, 0, 0, pop.bins - 1, pop.lo, pop.h, b, out);
  out[0] = (out[0]! - base) / pop.weight;
  out[1] = out[1]! / pop.weight;
}

/** Beyond this move in b, a straight line along the slope is no longer good enough. */
const LINEAR_STEP = 0.05;
const atFrom = new Float64Array(2);
const atTo = new Float64Array(2);

/**
 * The mean of the old runs' terms, carried from b = from (value, slope known) to b = to.
 * Small moves follow the slope; larger ones borrow the curvature of the population's AME
 * curve, scaled to match the known slope (exact when the nudge's runs look like everyone's).
 */
function carry(track: AmeTrack, i: number, to: number): number {
  const from = track.at[i]!;
  const value = track.value[i]!;
  const slope = track.slope[i]!;
  if (Math.abs(to - from) <= LINEAR_STEP) return value + slope * (to - from);
  populationAme(track.population, from, atFrom);
  populationAme(track.population, to, atTo);
  if (!(atFrom[1]! > 1e-12)) return value + slope * (to - from);
  return value + (slope * (atTo[0]! - atFrom[0]!)) / atFrom[1]!;
}

/**
 * Carries the AMEs to new parameters after an incremental update and adds one run to the
 * means: the old mean moves to the new b values (carry), then the new run's own term is
 * averaged in. eta is the new run's linear predictor, nudges its (ascending) nudge indices,
 * w its weight. O(K), plus O(bins) for the rare entry whose b moved far.
 */
export function ameAddRun(track: AmeTrack, b: Float64Array, se: Float64Array, eta: number, nudges: ArrayLike<number>, w: number): void {
  const K = b.length;
  const W = track.weight;
  const W1 = W + w;
  if (W1 <= 0) return;
  const sBase = 1 / (1 + Math.exp(-eta));
  let next = 0;
  for (let k = 0; k < K; k++) {
    let eta0 = eta;
    let s0 = sBase;
    if (next < nudges.length && nudges[next] === k) {
      next++;
      eta0 = eta - b[k]!;
      s0 = 1 / (1 + Math.exp(-eta0));
    }
    for (let t = 0; t < 3; t++) {
      const i = 3 * k + t;
      const beta = t === 0 ? b[k]! : t === 1 ? b[k]! - Z95 * se[k]! : b[k]! + Z95 * se[k]!;
      const moved = carry(track, i, beta);
      const s1 = 1 / (1 + Math.exp(-(eta0 + beta)));
      track.value[i] = (W * moved + w * (s1 - s0)) / W1;
      track.slope[i] = (W * track.slope[i]! + w * s1 * (1 - s1)) / W1;
      track.at[i] = beta;
    }
  }
  track.weight = W1;
}

/** Extends a track with nudges that have no runs yet (b = 0, prior sd `sd`), from the population. */
export function growTrack(track: AmeTrack, K: number, sd: number): void {
  const old = track.at.length / 3;
  if (K <= old) return;
  const extend = (a: Float64Array): Float64Array => {
    const out = new Float64Array(3 * K);
    out.set(a);
    return out;
  };
  track.at = extend(track.at);
  track.value = extend(track.value);
  track.slope = extend(track.slope);
  const out = new Float64Array(2);
  for (let k = old; k < K; k++) {
    for (let t = 0; t < 3; t++) {
      const beta = t === 0 ? 0 : t === 1 ? -Z95 * sd : Z95 * sd;
      populationAme(track.population, beta, out);
      track.at[3 * k + t] = beta;
      track.value[3 * k + t] = out[0]!;
      track.slope[3 * k + t] = out[1]!;
    }
  }
}
