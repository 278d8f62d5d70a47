import type { EncodedRuns } from './encode';
import { choleskyInPlace, NotPositiveDefiniteError, solveLower, solveLowerTransposed } from './linalg';
import { integrateSpec, type SpecRuns } from './quadrature';
import { ROLE_PROFILED, type WithinDesign } from './within';

/**
 * How hard each spec is, for the average marginal effect (marginal.ts). The within-spec fit
 * (logistic.ts) learns the effects without any intercept for most specs; but the AME is a mean
 * of sigma(eta with the nudge) - sigma(eta without) over runs, so it needs every run's eta,
 * hence each spec's intercept, with its uncertainty.
 *
 * Empirical Bayes with the Mundlak device: a spec's intercept is drawn from
 *   N(mu + sum_k c_k xbar_sk, sigma^2),
 * xbar_sk being the share of the spec's runs with column k. People use nudges according to how
 * hard the work is, so how a spec uses them says something about its difficulty; leaving that
 * out would mix hard specs that use a helpful nudge with easy ones that do not, and the spread
 * of intercepts comes out too wide (measured: 1.62 for a true 1.52 when a nudge is used mostly
 * on hard specs), which flattens every AME. (mu, c, sigma) maximise the marginal likelihood of
 * the runs given the fitted effects (offsets o_i = sum_k b_k x_ik), each spec's intercept
 * integrated out by adaptive Gauss-Hermite quadrature (quadrature.ts), by Newton's method with
 * the score and Hessian from the posterior moments (Fisher's and Louis's identities); c has a
 * N(0, 3^2) prior (usage rarely moves difficulty by more than 3 log-odds between never and
 * always), sigma is kept within [0.02, 8].
 *
 * Specs with many runs (profiled in the within fit) are summarised by their own intercept and
 * its curvature, N(u_hat, 1 / curvature): their prior is N(mu, sigma^2) without the usage
 * terms, which their own runs outweigh anyway, and they inform mu and sigma only (so that a
 * thousand specs with every nudge do not make the usage regression dense). The usage terms
 * are kept to the MUNDLAK_MAX columns the most specs use.
 */
export interface SpecIntercepts {
  mu: number;
  sigma: number;
  /** Posterior mean and variance of each spec's intercept. */
  mean: Float64Array;
  variance: Float64Array;
  /** The usage terms: columns and their coefficients. */
  columns: Int32Array;
  c: Float64Array;
}

export interface ProfiledSpecs {
  spec: Int32Array;
  /** Fitted intercept and its curvature (sum of w p (1 - p)). */
  uHat: Float64Array;
  curvature: Float64Array;
}

export const MUNDLAK_MAX = 100;
const C_PRIOR_PRECISION = 1 / 9;
const MIN_RHO = 2 * Math.log(0.02);
const MAX_RHO = 2 * Math.log(8);

interface Small extends SpecRuns {
  spec: Int32Array;
  /** Usage shares of the Mundlak columns: spec c's are (zIdx, zVal)[zStart[c] .. zStart[c + 1]). */
  zStart: Int32Array;
  zIdx: Int32Array;
  zVal: Float64Array;
}

function groupSmall(enc: EncodedRuns, d: WithinDesign, offset: Float64Array): { small: Small; columns: Int32Array } {
  const S = d.S;
  const K = d.K;
  const slot = new Int32Array(S).fill(-1);
  const specs: number[] = [];
  const count = new Int32Array(S);
  for (let i = 0; i < enc.n; i++) count[enc.spec[i]!]!++;
  for (let s = 0; s < S; s++) if (d.role[s] !== ROLE_PROFILED && count[s]! > 0) slot[s] = specs.push(s) - 1;
  const C = specs.length;
  const start = new Int32Array(C + 1);
  for (let c = 0; c < C; c++) start[c + 1] = start[c]! + count[specs[c]!]!;
  const total = start[C]!;
  const runOf = new Int32Array(total);
  const g: Small = { spec: Int32Array.from(specs), start, offset: new Float64Array(total), y: new Uint8Array(total), w: new Float32Array(total), mode: new Float64Array(C), zStart: new Int32Array(C + 1), zIdx: new Int32Array(0), zVal: new Float64Array(0) };
  const fill = start.slice(0, C);
  for (let i = 0; i < enc.n; i++) {
    const c = slot[enc.spec[i]!]!;
    if (c < 0) continue;
    const at = fill[c]!++;
    runOf[at] = i;
    g.offset[at] = offset[i]!;
    g.y[at] = enc.passed[i]!;
    g.w[at] = enc.weight[i]!;
  }
  // Usage shares per spec (sparse), then the columns most specs use.
  const colCount = new Int32Array(K);
  const seen = new Int32Array(K).fill(-1);
  const perSpec: { k: number; share: number }[][] = [];
  const tally = new Int32Array(K);
  for (let c = 0; c < C; c++) {
    const list: number[] = [];
    for (let t = start[c]!; t < start[c + 1]!; t++) {
      const i = runOf[t]!;
      for (let j = enc.offsets[i]!; j < enc.offsets[i + 1]!; j++) {
        const k = enc.nudgeIdx[j]!;
        if (seen[k] !== c) {
          seen[k] = c;
          list.push(k);
          tally[k] = 0;
        }
        tally[k]!++;
      }
    }
    const T = start[c + 1]! - start[c]!;
    perSpec.push(list.map((k) => ({ k, share: tally[k]! / T })));
    for (const k of list) colCount[k]!++;
  }
  const ranked = Array.from({ length: K }, (_, k) => k).filter((k) => colCount[k]! > 0);
  ranked.sort((a, b) => colCount[b]! - colCount[a]! || a - b);
  const columns = Int32Array.from(ranked.slice(0, MUNDLAK_MAX));
  const local = new Int32Array(K).fill(-1);
  columns.forEach((k, m) => (local[k] = m));
  const idx: number[] = [];
  const val: number[] = [];
  perSpec.forEach((list, c) => {
    for (const { k, share } of list) {
      if (local[k]! < 0) continue;
      idx.push(local[k]!);
      val.push(share);
    }
    g.zStart[c + 1] = idx.length;
  });
  g.zIdx = Int32Array.from(idx);
  g.zVal = Float64Array.from(val);
  return { small: g, columns };
}

const post = new Float64Array(6);

/**
 * Log marginal likelihood (with c's prior) at theta = [mu, c_0..c_{M-1}, log tau], its gradient
 * and Hessian in theta (P x P, row-major), and every spec's posterior mean and variance.
 */
function evaluate(g: Small, prof: ProfiledSpecs, theta: Float64Array, mean: Float64Array, variance: Float64Array, grad: Float64Array, hess: Float64Array): number {
  const P = theta.length;
  const M = P - 2;
  const R = P - 1;
  const mu = theta[0]!;
  const tau = Math.exp(theta[R]!);
  grad.fill(0);
  hess.fill(0);
  let ll = 0;
  let gTau = 0;
  let hTauTau = 0;
  const addMeanTau = (a: number, z: number, v: number): void => {
    hess[a * P + R] = hess[a * P + R]! + z * v;
    hess[R * P + a] = hess[R * P + a]! + z * v;
  };
  for (let c = 0; c < g.spec.length; c++) {
    const z0 = g.zStart[c]!;
    const z1 = g.zStart[c + 1]!;
    let m = mu;
    for (let j = z0; j < z1; j++) m += theta[1 + g.zIdx[j]!]! * g.zVal[j]!;
    ll += integrateSpec(g, c, m, tau, post);
    const s = g.spec[c]!;
    mean[s] = post[0]!;
    variance[s] = post[1]!;
    const e1 = post[2]!;
    const e2 = post[3]!;
    const vd = e2 - e1 * e1;
    const gm = e1 / tau;
    const hmm = -1 / tau + vd / (tau * tau);
    const hmt = -e1 / (tau * tau) + (post[4]! - e1 * e2) / (2 * tau ** 3);
    gTau += (e2 / tau - 1) / (2 * tau);
    hTauTau += 1 / (2 * tau * tau) - e2 / tau ** 3 + (post[5]! - e2 * e2) / (4 * tau ** 4);
    // Mean directions: mu (z = 1) and each usage column present.
    grad[0] = grad[0]! + gm;
    hess[0] = hess[0]! + hmm;
    addMeanTau(0, 1, hmt);
    for (let j = z0; j < z1; j++) {
      const a = 1 + g.zIdx[j]!;
      const za = g.zVal[j]!;
      grad[a] = grad[a]! + za * gm;
      addMeanTau(a, za, hmt);
      hess[a] = hess[a]! + za * hmm;
      hess[a * P] = hess[a * P]! + za * hmm;
      for (let jj = z0; jj < z1; jj++) {
        const bb = 1 + g.zIdx[jj]!;
        hess[a * P + bb] = hess[a * P + bb]! + za * g.zVal[jj]! * hmm;
      }
    }
  }
  for (let r = 0; r < prof.spec.length; r++) {
    const dd = prof.curvature[r]!;
    const V = tau + 1 / dd;
    const diff = prof.uHat[r]! - mu;
    ll += -0.5 * (diff * diff) / V - 0.5 * Math.log(V);
    grad[0] = grad[0]! + diff / V;
    hess[0] = hess[0]! - 1 / V;
    addMeanTau(0, 1, -diff / (V * V));
    gTau += (diff * diff) / (2 * V * V) - 1 / (2 * V);
    hTauTau += -(diff * diff) / V ** 3 + 1 / (2 * V * V);
    const s = prof.spec[r]!;
    variance[s] = 1 / (dd + 1 / tau);
    mean[s] = (prof.uHat[r]! * dd + mu / tau) * variance[s]!;
  }
  // Chain rule to rho = log tau.
  for (let a = 0; a < R; a++) {
    hess[a * P + R] = tau * hess[a * P + R]!;
    hess[R * P + a] = tau * hess[R * P + a]!;
  }
  grad[R] = tau * gTau;
  hess[R * P + R] = tau * tau * hTauTau + tau * gTau;
  for (let m = 0; m < M; m++) {
    const a = 1 + m;
    ll -= 0.5 * C_PRIOR_PRECISION * theta[a]! ** 2;
    grad[a] = grad[a]! - C_PRIOR_PRECISION * theta[a]!;
    hess[a * P + a] = hess[a * P + a]! - C_PRIOR_PRECISION;
  }
  return ll;
}

/** Newton direction: solves (-H + lambda I) x = g, raising lambda until the matrix is positive definite. */
function newtonStep(hess: Float64Array, grad: Float64Array, P: number): Float64Array {
  const a = new Float64Array(P * P);
  for (let lambda = 0; ; lambda = lambda === 0 ? 1e-6 : lambda * 10) {
    for (let i = 0; i < P * P; i++) a[i] = -hess[i]!;
    for (let i = 0; i < P; i++) a[i * P + i] = a[i * P + i]! + lambda * Math.max(1, Math.abs(hess[i * P + i]!));
    try {
      choleskyInPlace(a, P);
    } catch (err) {
      if (err instanceof NotPositiveDefiniteError && lambda < 1e12) continue;
      throw err;
    }
    const x = grad.slice();
    solveLower(a, P, x);
    solveLowerTransposed(a, P, x);
    return x;
  }
}

/**
 * Empirical-Bayes intercepts given the runs' offsets (the fitted effects of their columns) and
 * the profiled specs' own fits. `start` warm-starts mu and sigma from an earlier fit.
 */
export function specIntercepts(enc: EncodedRuns, d: WithinDesign, offset: Float64Array, profiled: ProfiledSpecs, start?: { mu: number; sigma: number }): SpecIntercepts {
  const S = d.S;
  const mean = new Float64Array(S);
  const variance = new Float64Array(S);
  const { small, columns } = groupSmall(enc, d, offset);
  if (small.spec.length + profiled.spec.length === 0) return { mu: 0, sigma: 1, mean, variance, columns, c: new Float64Array(columns.length) };
  const M = columns.length;
  const P = M + 2;
  const theta = new Float64Array(P);
  theta[0] = start?.mu ?? 0;
  theta[P - 1] = start ? 2 * Math.log(Math.min(8, Math.max(0.02, start.sigma))) : 0;
  small.mode.fill(theta[0]!);
  const grad = new Float64Array(P);
  const hess = new Float64Array(P * P);
  const tryGrad = new Float64Array(P);
  const tryHess = new Float64Array(P * P);
  const trial = new Float64Array(P);
  let ll = evaluate(small, profiled, theta, mean, variance, grad, hess);
  for (let it = 0; it < 60; it++) {
    const step = newtonStep(hess, grad, P);
    // A trust region: the likelihood in sigma is far from quadratic when sigma is small.
    let scale = 1;
    for (let a = 0; a < P; a++) scale = Math.min(scale, (a === P - 1 ? 0.5 : 1) / Math.max(1e-12, Math.abs(step[a]!)));
    let biggest = 0;
    for (let a = 0; a < P; a++) {
      step[a] = step[a]! * scale;
      biggest = Math.max(biggest, Math.abs(step[a]!));
    }
    let t = 1;
    let accepted = false;
    for (let half = 0; half < 30; half++) {
      for (let a = 0; a < P; a++) trial[a] = theta[a]! + t * step[a]!;
      trial[P - 1] = Math.min(MAX_RHO, Math.max(MIN_RHO, trial[P - 1]!));
      const next = evaluate(small, profiled, trial, mean, variance, tryGrad, tryHess);
      if (next >= ll - 1e-10 * Math.abs(ll)) {
        theta.set(trial);
        grad.set(tryGrad);
        hess.set(tryHess);
        ll = next;
        accepted = true;
        break;
      }
      t /= 2;
    }
    if (!accepted || t * biggest < 1e-6) break;
  }
  // Leave mean and variance at the accepted point.
  evaluate(small, profiled, theta, mean, variance, grad, hess);
  return { mu: theta[0]!, sigma: Math.exp(theta[P - 1]! / 2), mean, variance, columns, c: theta.slice(1, P - 1) };
}
