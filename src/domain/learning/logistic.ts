import type { Progress } from './cancel';
import type { RunsBySpec } from './bySpec';
import type { EncodedRuns } from './encode';
import { accumulateCurvature } from './curvature';
import { solveBlock, scratchFor } from './blockSolve';
import { emptyFactor, factorInPlace, type BlockFactor, type Penalties } from './laplace';
import { hessianSample, type HessianSample } from './hessianSample';
import { SecantMemory } from './secant';
import { conditionalPass, ConditionalScratch, ROLE_PROFILED, type WithinDesign } from './within';

/**
 * The within-spec fit (within.ts says which spec enters how): maximises
 *   sum over conditional specs of their log conditional likelihood
 *   + sum over runs of profiled specs of w [y eta - log(1 + e^eta)], eta = u_spec + sum_k b_k x_k
 *   - (pen.spec |u|^2 + sum_k pen.columns[k] b_k^2) / 2
 * by Newton's method, with exact gradients on every run.
 *
 * What costs time is the Hessian's column block: ~nnz^2 / 2 pair updates per run (about six
 * counting passes' worth, curvature.ts), against one for a gradient pass. So:
 * 1. While steps are large, the Hessian's profiled part is accumulated on every stride-th run
 *    of each spec (about max(20000, 40 P) runs, P = number of parameters; hessianSample.ts)
 *    and scaled up to each spec's size: subsampled
 *    Newton. Early steps only need the curvature roughly; convergence stays fast because the
 *    gradient is exact. The sampled factor is reused while the steps shrink, corrected by the
 *    secant pairs the steps reveal (L-BFGS with the factor as its base, secant.ts), which saves
 *    the refactorisation: with a thousand specs and columns one costs several passes over the
 *    runs. For the same reason the sampled factor skips the intercepts' Schur complement
 *    (factorInPlace, preconditionerOnly): it only steers, so it need not be the Hessian.
 *    Its intercept rows follow each spec's curvature as it moves (InterceptFollower), which
 *    the gradient pass gives exactly (one more sweep over the runs' spec indices).
 * 2. Once a step is below refreshTol, or the steps shrink fast enough that the distance left is
 *    (nearEnough), one Hessian is built on all runs, and later steps reuse its factor (chord
 *    iterations, with the same corrections) unless a step grows past refreshTol again.
 * Not done, measured: fitting a subsample (every 8th run of each spec, weighted by 8) to
 * convergence first, then continuing on all runs. Its optimum is off by its sampling error,
 * about sqrt(7) standard errors: 0.17 in b and 0.9 in a spec intercept (each spec has 1/20th
 * of a nudge's runs), so three or four full passes still follow, and the subsample's own
 * passes, copy and factor cost about what the two or three saved passes did (CPU time within
 * noise of this loop's, with a Hessian built farther from the optimum).
 * The factor kept for the Laplace covariance is therefore the full-data Hessian at a point
 * within about refreshTol of the optimum, in practice far closer (the last steps shrink
 * geometrically), as in R's glm, whose covariance uses its last iteration's weights.
 * Conditional specs' curvature is always exact (they are few runs each; see within.ts).
 */
export interface Params {
  /** Intercept of each spec (only profiled specs' are parameters; the rest stay as given). */
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
  /** Start here instead of from b = 0 (a warm start from a previous fit). */
  start?: Params;
}

export interface LogisticFit {
  params: Params;
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
 * One pass over the profiled specs' runs at the given parameters: log-likelihood and its
 * gradient, and each run's curvature weight w p (1 - p) into vOut (0 for other runs).
 */
function profiledPass(enc: EncodedRuns, d: WithinDesign, p: Params, gu: Float64Array, gb: Float64Array, vOut: Float64Array, onChunk: (done: number) => void): number {
  const { n, passed, spec, offsets, nudgeIdx, weight } = enc;
  const { u, b } = p;
  const { rowOf, role } = d;
  let loglik = 0;
  // log(1 + e) summed as the log of a product, one log per 16 runs: log1p per run was a
  // quarter of the pass (measured on a million runs x 20 nudges: 116 -> 87 ms). The terms stay
  // below e^30 (else the other branch), so 16 of them cannot overflow; the sum differs from
  // the log1p one by ~1e-14 relative, and is only compared with the previous iteration's.
  let product = 1;
  let terms = 0;
  for (let start = 0; start < n; start += CHUNK) {
    const end = Math.min(n, start + CHUNK);
    for (let i = start; i < end; i++) {
      const s = spec[i]!;
      if (role[s] !== ROLE_PROFILED) {
        vOut[i] = 0;
        continue;
      }
      const j0 = offsets[i]!;
      const j1 = offsets[i + 1]!;
      let eta = u[s]!;
      for (let j = j0; j < j1; j++) eta += b[nudgeIdx[j]!]!;
      const w = weight[i]!;
      const y = passed[i]!;
      const e = Math.exp(-eta);
      const prob = 1 / (1 + e);
      // log sigma(eta) = -log1p(e), log(1 - sigma(eta)) = -eta - log1p(e); below -30 e may overflow.
      if (eta > -30) {
        if (w === 1) {
          product *= 1 + e;
          if (!y) loglik -= eta;
          if (++terms === 16) {
            loglik -= Math.log(product);
            product = 1;
            terms = 0;
          }
        } else loglik -= w * (y ? Math.log1p(e) : eta + Math.log1p(e));
      } else loglik += w * (y ? eta : -Math.exp(eta));
      vOut[i] = w * prob * (1 - prob);
      const r = w * (y - prob);
      const row = rowOf[s]!;
      gu[row] = gu[row]! + r;
      for (let j = j0; j < j1; j++) gb[nudgeIdx[j]!] = gb[nudgeIdx[j]!]! + r;
    }
    onChunk(end);
  }
  return loglik - Math.log(product);
}

/**
 * Chord steps with a fixed factor shrink geometrically, by ratio = step / previous step; what
 * remains after this step is then about step * ratio / (1 - ratio). Converged when that is
 * below tol, saving the pass that would only confirm it.
 */
function closeEnough(step: number, before: number, tol: number): boolean {
  const ratio = step / before;
  return step < 100 * tol && ratio < 0.5 && (step * ratio) / (1 - ratio) < tol;
}

/**
 * The same estimate of the distance left, for steps with a sampled factor: once it is below
 * refreshTol, and the step before shrank as well (one contraction could be luck), the point is
 * as close as refreshTol asks and the full Hessian is built there, without first taking the
 * step that would show it (a pass over all runs). Should the estimate be wrong, the step after
 * the full Hessian exceeds refreshTol and the Hessian is rebuilt, as before.
 * On a million runs x 1,000 nudges the sampled steps are 0.78, 0.51, 0.20, 0.049 (ratio 0.25,
 * about 0.016 left): the full Hessian is built there, and the Newton step from it is 0.020.
 * Without this, one more sampled step (0.0048) came first and the Newton step was 0.016; the
 * variances then differ from those of the Hessian at the optimum by 2.7e-4 relative instead of
 * 1.1e-5, well inside what refreshTol allows and far below the precision shown.
 */
function nearEnough(step: number, before: number, beforeThat: number, refreshTol: number): boolean {
  const ratio = step / before;
  return step < 4 * refreshTol && before / beforeThat < 0.5 && ratio < 0.5 && (step * ratio) / (1 - ratio) <= refreshTol;
}

/**
 * Keeps a sampled factor's intercept rows at each spec's current curvature: the u block is
 * diagonal, D_s = sum of v over the spec's runs, known exactly from each gradient pass, and it
 * moves with the spec's intercept; a factor built at the start would keep steering every
 * intercept with the curvature it had there, and one built on a sample with its sampling error.
 * Measured on a million runs x 1,000 nudges x 1,000 specs, the steps before the full Hessian:
 * 0.78, 0.59, 0.19, 0.12, 0.022 without this, 0.78, 0.51, 0.20, 0.049, 0.0048 with. The spec's column
 * sums C_s are taken to scale with D_s, so row s of lbu = C_s / lu_s scales by
 * (D'_s / D_s) lu_s / lu'_s. The result is still the exact Cholesky factor of a positive
 * definite matrix (the one with D' and the scaled C), so the steps stay ascent directions.
 */
export class InterceptFollower {
  private readonly at: Float64Array;
  private readonly scale: Float64Array;
  private readonly now: Float64Array;

  constructor(R: number) {
    this.at = new Float64Array(R);
    this.scale = new Float64Array(R);
    this.now = new Float64Array(R);
  }

  /** The factor was just built from these intercept curvatures. */
  reset(vu: Float64Array): void {
    this.at.set(vu);
    this.scale.fill(1);
  }

  /** Moves f's intercept rows to the curvature in v (each run's, as the gradient pass left it). */
  follow(f: BlockFactor, enc: EncodedRuns, rowOf: Int32Array, v: Float64Array, specPenalty: number): void {
    const { at, scale, now } = this;
    const { n, spec } = enc;
    const K = f.K;
    now.fill(0);
    for (let i = 0; i < n; i++) {
      const r = rowOf[spec[i]!]!;
      if (r >= 0) now[r] = now[r]! + v[i]!;
    }
    for (let r = 0; r < at.length; r++) {
      const lu = Math.sqrt(now[r]! + specPenalty);
      // No curvature in the sample (every v was 0 there): C_s is zero, only D_s is known.
      if (!(at[r]! > 0)) {
        f.lu[r] = lu;
        continue;
      }
      const a = now[r]! / at[r]!;
      const by = (a / scale[r]!) * (f.lu[r]! / lu);
      scale[r] = a;
      f.lu[r] = lu;
      const row = r * K;
      for (let k = 0; k < K; k++) f.lbu[row + k] = f.lbu[row + k]! * by;
    }
  }
}

function penalty(p: Params, d: WithinDesign, pen: Penalties): number {
  let su = 0;
  for (const s of d.specOfRow) su += p.u[s]! * p.u[s]!;
  let sb = 0;
  for (let k = 0; k < p.b.length; k++) sb += pen.columns[k]! * p.b[k]! * p.b[k]!;
  return 0.5 * (pen.spec * su + sb);
}

function maxAbs(a: Float64Array): number {
  let m = 0;
  for (let i = 0; i < a.length; i++) m = Math.max(m, Math.abs(a[i]!));
  return m;
}

/** The starting point without a warm start: b = 0, so each profiled intercept is its spec's log-odds. */
function coldStart(d: WithinDesign, K: number): Params {
  const u = new Float64Array(d.S);
  for (const s of d.specOfRow) u[s] = Math.log(d.passes[s]! / (d.runs[s]! - d.passes[s]!));
  return { u, b: new Float64Array(K) };
}

/** Fits the model; progress is reported within [from, to] of the caller's scale. */
export function fitLogistic(enc: EncodedRuns, d: WithinDesign, opts: NewtonOptions, progress: Progress, from: number, to: number, bySpec?: RunsBySpec): LogisticFit {
  const pen = opts.penalties;
  const K = d.K;
  const R = d.specOfRow.length;
  const p: Params = opts.start ? { u: opts.start.u.slice(), b: opts.start.b.slice() } : coldStart(d, K);
  const prev: Params = { u: p.u.slice(), b: p.b.slice() };
  // Flat vectors [u of each row, b]: the penalised gradient, the one before, the step.
  const P = R + K;
  const sample = opts.hessianSample > 0 ? Math.max(opts.hessianSample, 40 * P) : enc.n;
  const sampledStride = Math.max(1, Math.floor(enc.n / sample));
  const g = new Float64Array(P);
  const gPrev = new Float64Array(P);
  const step = new Float64Array(P);
  const gu = g.subarray(0, R);
  const gb = g.subarray(R);
  const f = emptyFactor(R, K);
  const vu = new Float64Array(R);
  const v = new Float64Array(enc.n);
  const curvatureBySpec = bySpec ? { runs: bySpec, v: new Float64Array(bySpec.run.length) } : undefined;
  const hasConditional = d.cond.specs.length > 0;
  const condHessian = hasConditional ? new Float64Array(K * K) : null;
  const condScratch = new ConditionalScratch(K);
  const scratch = scratchFor(f);
  const newton = (r: Float64Array, out: Float64Array): void => solveBlock(f, r.subarray(0, R), r.subarray(R), out.subarray(0, R), out.subarray(R), scratch);
  const secant = new SecantMemory();
  const pairS = new Float64Array(P);
  const pairY = new Float64Array(P);
  const follower = new InterceptFollower(R);
  let taken: HessianSample | undefined;
  let vSample: Float64Array | undefined;
  let factor: 'none' | 'sampled' | 'full' = 'none';
  // A warm start is presumably near the optimum: begin with the full Hessian.
  let lastStep = opts.start ? 0 : Infinity;
  let stepBefore = Infinity;
  let stepBeforeThat = Infinity;
  let prevObjective = -Infinity;
  let objective = -Infinity;
  let hessianPasses = 0;
  let sampledHessianPasses = 0;
  let iterations = 0;
  let converged = false;
  let halvings = 0;
  const report = (at: number, done: number): void => progress.report(from + (to - from) * (1 - Math.pow(0.5, at + done / Math.max(1, enc.n))));
  const gradient = (at: number, withHessian: boolean): number => {
    g.fill(0);
    let loglik = profiledPass(enc, d, p, gu, gb, v, (done) => report(at, done));
    if (hasConditional) {
      if (withHessian) condHessian!.fill(0);
      loglik += conditionalPass(enc, d, p.b, gb, withHessian ? condHessian : null, condScratch);
    }
    return loglik;
  };
  const curvatureAt = (stride: number): void => {
    f.lbu.fill(0);
    if (condHessian) f.lbb.set(condHessian);
    else f.lbb.fill(0);
    vu.fill(0);
    if (stride === 1) {
      accumulateCurvature(enc, v, 1, f, vu, d.rowOf, undefined, curvatureBySpec);
      return;
    }
    taken ??= hessianSample(enc, d, stride);
    const { run, scale } = taken;
    vSample ??= new Float64Array(run.length);
    for (let x = 0; x < run.length; x++) vSample[x] = v[run[x]!]! * scale[x]!;
    accumulateCurvature(taken.enc, vSample, 1, f, vu, d.rowOf);
  };
  const moveBy = (scale: number): void => {
    for (let r = 0; r < R; r++) {
      const s = d.specOfRow[r]!;
      p.u[s] = prev.u[s]! + scale * step[r]!;
    }
    for (let k = 0; k < K; k++) p.b[k] = prev.b[k]! + scale * step[R + k]!;
  };
  for (let iter = 0; iter < opts.maxIter; iter++) {
    iterations = iter + 1;
    const small: boolean =
      ((factor !== 'none' || iter === 0) && lastStep <= opts.refreshTol) || (factor === 'sampled' && nearEnough(lastStep, stepBefore, stepBeforeThat, opts.refreshTol));
    const stride: number = small || factor === 'full' || sampledStride === 1 ? 1 : sampledStride;
    // A sampled factor is kept while the steps shrink: the secant pairs correct it (secant.ts).
    const keepSampled = factor === 'sampled' && !small && lastStep < stepBefore;
    const refresh = !(small && factor === 'full') && !keepSampled;
    objective = gradient(iter, refresh) - penalty(p, d, pen);
    if (objective < prevObjective - 1e-12 * Math.abs(prevObjective) - 1e-12) {
      // The step overshot: halve it from the previous point and rebuild the Hessian there.
      factor = 'none';
      secant.clear();
      if (++halvings > 40) break;
      for (let j = 0; j < P; j++) step[j] = step[j]! * 0.5;
      moveBy(1);
      continue;
    }
    for (let r = 0; r < R; r++) gu[r] = gu[r]! - pen.spec * p.u[d.specOfRow[r]!]!;
    for (let k = 0; k < K; k++) gb[k] = gb[k]! - pen.columns[k]! * p.b[k]!;
    if (refresh) {
      curvatureAt(stride);
      factorInPlace(f, vu, pen, stride > 1);
      factor = stride === 1 ? 'full' : 'sampled';
      if (stride === 1) hessianPasses++;
      else {
        // The intercepts' curvature from all runs at once, not the sample's estimate of it.
        sampledHessianPasses++;
        follower.reset(vu);
        follower.follow(f, enc, d.rowOf, v, pen.spec);
      }
      secant.clear();
    } else {
      if (iter > 0 && halvings === 0) {
        for (let j = 0; j < P; j++) {
          pairS[j] = step[j]!;
          pairY[j] = gPrev[j]! - g[j]!;
        }
        secant.push(pairS, pairY);
      }
      if (factor === 'sampled') follower.follow(f, enc, d.rowOf, v, pen.spec);
    }
    halvings = 0;
    secant.apply(g, step, newton);
    gPrev.set(g);
    prev.u.set(p.u);
    prev.b.set(p.b);
    prevObjective = objective;
    moveBy(1);
    stepBeforeThat = stepBefore;
    stepBefore = lastStep;
    lastStep = maxAbs(step);
    if (factor === 'full' && (lastStep < opts.tol || (!refresh && closeEnough(lastStep, stepBefore, opts.tol)))) {
      converged = true;
      break;
    }
  }
  if (factor !== 'full') {
    // Stopped early: the factor must still be the full-data curvature where we are.
    gradient(iterations, true);
    curvatureAt(1);
    factorInPlace(f, vu, pen);
    hessianPasses++;
  }
  return { params: p, factor: f, iterations, hessianPasses, sampledHessianPasses, converged, objective };
}
