/**
 * One spec's intercept integrated out under a normal prior, for the empirical-Bayes fit
 * (intercepts.ts): adaptive Gauss-Hermite quadrature around the posterior mode (Liu and Pierce
 * 1994; what R's lme4 does with nAGQ > 1). With few runs a spec's likelihood is far from normal
 * (three failures say "hard", not how hard), which is where the Laplace approximation
 * underestimates the spread of specs; nine nodes are exact for it to within 1e-6 here.
 */
export const NODES = 9;
export const GH = gaussHermite(NODES);

/** Gauss-Hermite nodes and weights for weight function exp(-x^2) (Golub-Welsch by Newton on H_n). */
export function gaussHermite(n: number): { x: Float64Array; w: Float64Array } {
  const x = new Float64Array(n);
  const w = new Float64Array(n);
  const m = Math.floor((n + 1) / 2);
  let z = 0;
  for (let i = 0; i < m; i++) {
    if (i === 0) z = Math.sqrt(2 * n + 1) - 1.85575 * Math.pow(2 * n + 1, -1 / 6);
    else if (i === 1) z -= (1.14 * Math.pow(n, 0.426)) / z;
    else if (i === 2) z = 1.86 * z - 0.86 * x[0]!;
    else if (i === 3) z = 1.91 * z - 0.91 * x[1]!;
    else z = 2 * z - x[i - 2]!;
    let pp = 0;
    for (let it = 0; it < 100; it++) {
      let p1 = Math.pow(Math.PI, -0.25);
      let p2 = 0;
      for (let j = 1; j <= n; j++) {
        const p3 = p2;
        p2 = p1;
        p1 = z * Math.sqrt(2 / j) * p2 - Math.sqrt((j - 1) / j) * p3;
      }
      pp = Math.sqrt(2 * n) * p2;
      const z1 = z;
      z = z1 - p1 / pp;
      if (Math.abs(z - z1) <= 1e-14) break;
    }
    x[i] = z;
    x[n - 1 - i] = -z;
    w[i] = 2 / (pp * pp);
    w[n - 1 - i] = w[i]!;
  }
  return { x, w };
}

const LOG_SQRT_2PI = 0.5 * Math.log(2 * Math.PI);

/** Runs of the specs integrated by quadrature: spec c's runs are [start[c], start[c + 1]). */
export interface SpecRuns {
  start: Int32Array;
  offset: Float64Array;
  y: Uint8Array;
  w: Float32Array;
  /** Mode found last time, to start the next search from. */
  mode: Float64Array;
}

const scratch = new Float64Array(3);

/** Log-likelihood of one spec's runs at intercept a, with its first two derivatives, into out. */
function specLoglik(g: SpecRuns, from: number, to: number, a: number, out: Float64Array): void {
  let l = 0;
  let d1 = 0;
  let d2 = 0;
  for (let t = from; t < to; t++) {
    const eta = a + g.offset[t]!;
    const w = g.w[t]!;
    const p = 1 / (1 + Math.exp(-eta));
    const soft = eta > 0 ? eta + Math.log1p(Math.exp(-eta)) : Math.log1p(Math.exp(eta));
    l += w * ((g.y[t] ? eta : 0) - soft);
    d1 += w * ((g.y[t] ? 1 : 0) - p);
    d2 -= w * p * (1 - p);
  }
  out[0] = l;
  out[1] = d1;
  out[2] = d2;
}

/**
 * Spec c under the prior N(m, tau): returns the log marginal likelihood, and writes the
 * posterior mean and variance and the moments of d = alpha - m (E d, E d^2, E d^3, E d^4) into
 * post[0..5].
 */
export function integrateSpec(g: SpecRuns, c: number, m: number, tau: number, post: Float64Array): number {
  const from = g.start[c]!;
  const to = g.start[c + 1]!;
  const prec = 1 / tau;
  let a = g.mode[c]!;
  let curv = prec;
  for (let it = 0; it < 30; it++) {
    specLoglik(g, from, to, a, scratch);
    const grad = scratch[1]! - (a - m) * prec;
    curv = prec - scratch[2]!;
    const stepA = grad / curv;
    a += Math.max(-4, Math.min(4, stepA));
    if (Math.abs(stepA) < 1e-6) break;
  }
  g.mode[c] = a;
  specLoglik(g, from, to, a, scratch);
  curv = prec - scratch[2]!;
  const width = Math.SQRT2 / Math.sqrt(curv);
  let total = 0;
  let d1 = 0;
  let d2 = 0;
  let d3 = 0;
  let d4 = 0;
  const logPrior = (x: number) => -0.5 * (x - m) * (x - m) * prec - LOG_SQRT_2PI - 0.5 * Math.log(tau);
  // Shifted by the log density at the mode, so the exponentials stay near 1.
  const ref = scratch[0]! + logPrior(a);
  for (let q = 0; q < NODES; q++) {
    const xq = GH.x[q]!;
    const at = a + width * xq;
    specLoglik(g, from, to, at, scratch);
    const wq = GH.w[q]! * Math.exp(xq * xq + scratch[0]! + logPrior(at) - ref);
    const d = at - m;
    const dd = d * d;
    total += wq;
    d1 += wq * d;
    d2 += wq * dd;
    d3 += wq * dd * d;
    d4 += wq * dd * dd;
  }
  d1 /= total;
  d2 /= total;
  post[0] = m + d1;
  post[1] = Math.max(d2 - d1 * d1, 0);
  post[2] = d1;
  post[3] = d2;
  post[4] = d3 / total;
  post[5] = d4 / total;
  return ref + Math.log(width * total);
}
