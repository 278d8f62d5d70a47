import type { Progress } from './cancel';
import type { EncodedRuns } from './encode';
import { fitIntercepts, specTotals } from './intercepts';
import { accumulateCurvature } from './curvature';
import { emptyFactor, factorInPlace, solveBlock, scratchFor, type BlockFactor, type Penalties } from './laplace';
import { SecantMemory } from './secant';

/**
 * Penalised logistic regression logit P(pass) = mu + u_spec + sum_k b_k x_k, maximising
 *   sum_i w_i [y_i eta_i - log(1 + e^eta_i)] - (pen.mu mu^2 + pen.spec |u|^2 + pen.nudge |b|^2) / 2
 * by Newton's method from the intercept-only fit, with exact gradients on every run.
 *
 * What costs time is the Hessian's nudge block: ~nnz^2 / 2 pair updates per run (about six
 * counting passes' worth, curvature.ts), against one for a gradient pass. So:
 * 1. While steps are large, the Hessian is accumulated on a fixed stride of the runs (about
 *    max(20000, 40 P) of them, P = number of parameters) and scaled up: subsampled Newton.
 *    Early steps only need the curvature roughly; convergence stays fast because the gradient
 *    is exact. The sampled factor is reused while the steps shrink, corrected by the secant
 *    pairs the steps reveal (L-BFGS with the factor as its base, secant.ts), which saves the
 *    refactorisation: with a thousand specs and nudges one costs several passes over the runs.
 *    For the same reason the sampled factor skips the intercepts' Schur complement
 *    (factorInPlace, preconditionerOnly): it only steers, so it need not be the Hessian.
 * 2. Once a step is below refreshTol, one Hessian is built on all runs, and later steps reuse
 *    its factor (chord iterations, with the same corrections) unless a step grows past
 *    refreshTol again.
 * The factor kept for the Laplace covariance is therefore the full-data Hessian at a point
 * within about refreshTol of the optimum, in practice far closer (the last steps shrink
 * geometrically), as in R's glm, whose covariance uses its last iteration's weights.
 */
export interface Params {
  mu: number;
  u: Float64Array;
  b: Float64Array;
}

export interface NewtonOptions {
  penalties: Penalties;
  /** Converged when the largest parameter step (in log-odds) is below this. */
  tol: number;
  maxIter: number;
  /** Rebuild the Hessian while the last step was larger than this (0: every iteration). */
  refreshTol: number;
  /** Runs to subsample for early Hessians (at least 40 per parameter). 0: always all runs. */
  hessianSample: number;
  /** Start here instead of the intercept-only fit (a warm start from a previous fit). */
  start?: Params;
}

export interface LogisticFit {
  params: Params;
  /**
   * eta of every run at the last point where gradients were taken: within one final step
   * (below 100 tol, log-odds) of params, which is all the AME needs, and it saves a pass.
   */
  eta: Float64Array;
  etaRange: { min: number; max: number };
  factor: BlockFactor;
  iterations: number;
  /** Hessians built on all runs, and on a subsample. */
  hessianPasses: number;
  sampledHessianPasses: number;
  converged: boolean;
  objective: number;
}

const CHUNK = 1 << 15;

/**
 * One pass over the runs at the given parameters: log-likelihood and its gradient, each run's
 * eta into etaOut and its curvature weight w p (1 - p) into vOut (for accumulateCurvature).
 */
function pass(
  enc: EncodedRuns,
  p: Params,
  gu: Float64Array,
  gb: Float64Array,
  etaOut: Float64Array,
  vOut: Float64Array,
  onChunk: (done: number) => void,
): { loglik: number; gmu: number } {
  const { n, passed, spec, offsets, nudgeIdx, weight } = enc;
  const { u, b } = p;
  gu.fill(0);
  gb.fill(0);
  let gmu = 0;
  let loglik = 0;
  for (let start = 0; start < n; start += CHUNK) {
    const end = Math.min(n, start + CHUNK);
    for (let i = start; i < end; i++) {
      const s = spec[i]!;
      const j0 = offsets[i]!;
      const j1 = offsets[i + 1]!;
      let eta = p.mu + u[s]!;
      for (let j = j0; j < j1; j++) eta += b[nudgeIdx[j]!]!;
      etaOut[i] = eta;
      const w = weight[i]!;
      const y = passed[i]!;
      const e = Math.exp(-eta);
      const prob = 1 / (1 + e);
      // log sigma(eta) = -log1p(e), log(1 - sigma(eta)) = -eta - log1p(e); below -30 e may overflow.
      if (eta > -30) loglik -= w * (y ? Math.log1p(e) : eta + Math.log1p(e));
      else loglik += w * (y ? eta : -Math.exp(eta));
      vOut[i] = w * prob * (1 - prob);
      const r = w * (y - prob);
      gmu += r;
      gu[s] = gu[s]! + r;
      for (let j = j0; j < j1; j++) gb[nudgeIdx[j]!] = gb[nudgeIdx[j]!]! + r;
    }
    onChunk(end);
  }
  return { loglik, gmu };
}

/**
 * Chord steps with a fixed factor shrink geometrically, by ratio = step / previous step; what
 * remains after this step is then about step * ratio / (1 - ratio). Converged when that is
 * below tol, saving the pass that would only confirm it. Only for a step that is small in
 * itself (under 100 tol), since eta is left at the point before it (LogisticFit.eta).
 */
function closeEnough(step: number, before: number, tol: number): boolean {
  const ratio = step / before;
  return step < 100 * tol && ratio < 0.5 && (step * ratio) / (1 - ratio) < tol;
}

function penalty(p: Params, pen: Penalties): number {
  let su = 0;
  for (let s = 0; s < p.u.length; s++) su += p.u[s]! * p.u[s]!;
  let sb = 0;
  for (let k = 0; k < p.b.length; k++) sb += p.b[k]! * p.b[k]!;
  return 0.5 * (pen.mu * p.mu * p.mu + pen.spec * su + pen.nudge * sb);
}

function maxAbs(a: Float64Array, start: number): number {
  let m = start;
  for (let i = 0; i < a.length; i++) m = Math.max(m, Math.abs(a[i]!));
  return m;
}

/** Fits the model; progress is reported within [from, to] of the caller's scale. */
export function fitLogistic(enc: EncodedRuns, opts: NewtonOptions, progress: Progress, from: number, to: number): LogisticFit {
  const pen = opts.penalties;
  const S = enc.specKeys.length;
  const K = enc.nudgeKeys.length;
  let p: Params;
  if (opts.start) {
    p = { mu: opts.start.mu, u: opts.start.u.slice(), b: opts.start.b.slice() };
  } else {
    const totals = specTotals(enc);
    p = { ...fitIntercepts(totals.weight, totals.passes, pen), b: new Float64Array(K) };
  }
  const eta = new Float64Array(enc.n);
  const prev: Params = { mu: 0, u: new Float64Array(S), b: new Float64Array(K) };
  // Flat vectors [u_1..u_S, mu, b_1..b_K]: the penalised gradient, the one before, the step.
  const P = S + 1 + K;
  const sample = opts.hessianSample > 0 ? Math.max(opts.hessianSample, 40 * P) : enc.n;
  const sampledStride = Math.max(1, Math.floor(enc.n / sample));
  const g = new Float64Array(P);
  const gPrev = new Float64Array(P);
  const step = new Float64Array(P);
  const gu = g.subarray(0, S);
  const gb = g.subarray(S + 1);
  const f = emptyFactor(S, K);
  const vu = new Float64Array(S);
  const v = new Float64Array(enc.n);
  const scratch = scratchFor(f);
  const newton = (r: Float64Array, out: Float64Array): void => {
    out[S] = solveBlock(f, r.subarray(0, S), r[S]!, r.subarray(S + 1), out.subarray(0, S), out.subarray(S + 1), scratch);
  };
  const secant = new SecantMemory();
  const pairS = new Float64Array(P);
  const pairY = new Float64Array(P);
  let factor: 'none' | 'sampled' | 'full' = 'none';
  // A warm start is presumably near the optimum: begin with the full Hessian.
  let lastStep = opts.start ? 0 : Infinity;
  let stepBefore = Infinity;
  let prevObjective = -Infinity;
  let objective = -Infinity;
  let hessianPasses = 0;
  let sampledHessianPasses = 0;
  let iterations = 0;
  let converged = false;
  let halvings = 0;
  const gradient = (at: number): { loglik: number; gmu: number } => pass(enc, p, gu, gb, eta, v, (done) => report(at, done));
  const curvatureAt = (stride: number): void => {
    f.lbu.fill(0);
    f.lbb.fill(0);
    vu.fill(0);
    accumulateCurvature(enc, v, stride, f, vu);
  };
  const report = (at: number, done: number): void =>
    progress.report(from + (to - from) * (1 - Math.pow(0.5, at + done / Math.max(1, enc.n))));
  const moveBy = (scale: number): void => {
    p.mu = prev.mu + scale * step[S]!;
    for (let s = 0; s < S; s++) p.u[s] = prev.u[s]! + scale * step[s]!;
    for (let k = 0; k < K; k++) p.b[k] = prev.b[k]! + scale * step[S + 1 + k]!;
  };
  for (let iter = 0; iter < opts.maxIter; iter++) {
    iterations = iter + 1;
    const small: boolean = (factor !== 'none' || iter === 0) && lastStep <= opts.refreshTol;
    const stride: number = small || factor === 'full' || sampledStride === 1 ? 1 : sampledStride;
    // A sampled factor is kept while the steps shrink: the secant pairs correct it (secant.ts).
    const keepSampled = factor === 'sampled' && !small && lastStep < stepBefore;
    const refresh = !(small && factor === 'full') && !keepSampled;
    const r = gradient(iter);
    objective = r.loglik - penalty(p, pen);
    if (objective < prevObjective - 1e-12 * Math.abs(prevObjective) - 1e-12) {
      // The step overshot: halve it from the previous point and rebuild the Hessian there.
      factor = 'none';
      secant.clear();
      if (++halvings > 40) break;
      for (let j = 0; j < P; j++) step[j] = step[j]! * 0.5;
      moveBy(1);
      continue;
    }
    for (let s = 0; s < S; s++) gu[s] = gu[s]! - pen.spec * p.u[s]!;
    g[S] = r.gmu - pen.mu * p.mu;
    for (let k = 0; k < K; k++) gb[k] = gb[k]! - pen.nudge * p.b[k]!;
    if (refresh) {
      curvatureAt(stride);
      factorInPlace(f, vu, pen, stride > 1);
      factor = stride === 1 ? 'full' : 'sampled';
      if (stride === 1) hessianPasses++;
      else sampledHessianPasses++;
      secant.clear();
    } else if (iter > 0 && halvings === 0) {
      for (let j = 0; j < P; j++) {
        pairS[j] = step[j]!;
        pairY[j] = gPrev[j]! - g[j]!;
      }
      secant.push(pairS, pairY);
    }
    halvings = 0;
    secant.apply(g, step, newton);
    gPrev.set(g);
    prev.mu = p.mu;
    prev.u.set(p.u);
    prev.b.set(p.b);
    prevObjective = objective;
    moveBy(1);
    stepBefore = lastStep;
    lastStep = maxAbs(step, 0);
    if (factor === 'full' && (lastStep < opts.tol || (!refresh && closeEnough(lastStep, stepBefore, opts.tol)))) {
      converged = true;
      break;
    }
  }
  if (factor !== 'full') {
    // Stopped early: the factor must still be the full-data curvature where we are.
    gradient(iterations);
    curvatureAt(1);
    factorInPlace(f, vu, pen);
    hessianPasses++;
  }
  let min = Infinity;
  let max = -Infinity;
  for (let i = 0; i < enc.n; i++) {
    const e = eta[i]!;
    if (e < min) min = e;
    if (e > max) max = e;
  }
  return { params: p, eta, etaRange: { min, max }, factor: f, iterations, hessianPasses, sampledHessianPasses, converged, objective };
}
