import type { EncodedRuns } from './encode';
import type { Penalties } from './laplace';

/**
 * The starting point of the adjusted fit: the model with every nudge effect at 0, in which
 * eta depends only on the spec, so the data enter only through per-spec totals.
 */

function softplus(x: number): number {
  return x > 0 ? x + Math.log1p(Math.exp(-x)) : Math.log1p(Math.exp(x));
}

/** The counting pass: per-spec weight and weighted passes. */
export function specTotals(enc: EncodedRuns): { weight: Float64Array; passes: Float64Array } {
  const S = enc.specKeys.length;
  const weight = new Float64Array(S);
  const passes = new Float64Array(S);
  for (let i = 0; i < enc.n; i++) {
    const s = enc.spec[i]!;
    const w = enc.weight[i]!;
    weight[s] = weight[s]! + w;
    if (enc.passed[i]) passes[s] = passes[s]! + w;
  }
  return { weight, passes };
}

/**
 * The intercept-only model (all b = 0) depends on the data only through per-spec totals, so
 * it is fitted exactly in O(S) per iteration: Newton on the arrowhead Hessian with halving.
 */
export function fitIntercepts(W: Float64Array, Y: Float64Array, pen: Penalties): { mu: number; u: Float64Array } {
  const S = W.length;
  const u = new Float64Array(S);
  const du = new Float64Array(S);
  let mu = 0;
  const objective = (m: number, uu: Float64Array, t: number): number => {
    let o = -0.5 * pen.mu * m * m;
    for (let s = 0; s < S; s++) {
      const eta = m + uu[s]! + t * du[s]!;
      o += Y[s]! * eta - W[s]! * softplus(eta) - 0.5 * pen.spec * (uu[s]! + t * du[s]!) ** 2;
    }
    return o;
  };
  for (let iter = 0; iter < 100; iter++) {
    let gmu = -pen.mu * mu;
    let m = pen.mu;
    let rhs = 0;
    const g = new Float64Array(S);
    const v = new Float64Array(S);
    for (let s = 0; s < S; s++) {
      const p = 1 / (1 + Math.exp(-(mu + u[s]!)));
      g[s] = Y[s]! - W[s]! * p - pen.spec * u[s]!;
      gmu += Y[s]! - W[s]! * p;
      v[s] = W[s]! * p * (1 - p);
      const d = v[s]! + pen.spec;
      m += (v[s]! * pen.spec) / d;
      rhs -= (v[s]! * g[s]!) / d;
    }
    const dmu = (gmu + rhs) / m;
    let biggest = Math.abs(dmu);
    for (let s = 0; s < S; s++) {
      du[s] = (g[s]! - v[s]! * dmu) / (v[s]! + pen.spec);
      biggest = Math.max(biggest, Math.abs(du[s]!));
    }
    const before = objective(mu, u, 0);
    let t = 1;
    while (t > 1e-9 && objective(mu + t * dmu, u, t) < before - 1e-12 * Math.abs(before)) t /= 2;
    mu += t * dmu;
    for (let s = 0; s < S; s++) u[s] = u[s]! + t * du[s]!;
    if (t * biggest < 1e-12) break;
  }
  return { mu, u };
}
