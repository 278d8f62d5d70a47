import { betaMean, betaVariance, logBeta, regularizedIncompleteBeta } from '../math';

/**
 * P(X > Y) for independent X ~ Beta(a1, b1), Y ~ Beta(a2, b2), by quadrature:
 *   P = integral f_X(t) F_Y(t) dt   (or, symmetrically, integral f_Y(t) (1 - F_X(t)) dt).
 * We integrate against the narrower of the two densities over its mean +- 12 sd (clipped to
 * [0, 1]) with composite 16-point Gauss-Legendre on 8 panels, so the other's CDF is smooth
 * across the range whatever the counts (3 runs or a million). For integer parameters the
 * integrand is a polynomial of modest degree and the rule is exact to rounding; in general the
 * error is far below 1e-9. Deterministic, unlike Monte Carlo, and cost does not grow with
 * the counts (except the CDF's continued fraction, ~sqrt(count) steps).
 * Parameters must be >= 1 (posteriors from a uniform prior), so the densities are bounded.
 */
export function probGreater(a1: number, b1: number, a2: number, b2: number): number {
  for (const p of [a1, b1, a2, b2]) {
    if (!(p >= 1) || !Number.isFinite(p)) throw new RangeError(`Beta parameters must be finite and >= 1 (got ${p})`);
  }
  const sd1 = Math.sqrt(betaVariance(a1, b1));
  const sd2 = Math.sqrt(betaVariance(a2, b2));
  if (sd1 <= sd2) return integrate(a1, b1, (t) => regularizedIncompleteBeta(t, a2, b2));
  return integrate(a2, b2, (t) => 1 - regularizedIncompleteBeta(t, a1, b1));
}

const PANELS = 8;
const SPAN_SD = 12;

function integrate(a: number, b: number, g: (t: number) => number): number {
  const m = betaMean(a, b);
  const sd = Math.sqrt(betaVariance(a, b));
  const lo = Math.max(0, m - SPAN_SD * sd);
  const hi = Math.min(1, m + SPAN_SD * sd);
  const warp = warpFor(lo === 0, hi === 1);
  const logNorm = -logBeta(a, b);
  const { nodes, weights } = gaussLegendre16();
  const h = 1 / PANELS;
  let sum = 0;
  for (let p = 0; p < PANELS; p++) {
    const mid = (p + 0.5) * h;
    for (let i = 0; i < nodes.length; i++) {
      const v = mid + 0.5 * h * nodes[i]!;
      const t = lo + (hi - lo) * warp.at(v);
      const logDensity = logNorm + (a - 1) * Math.log(t) + (b - 1) * Math.log1p(-t);
      sum += weights[i]! * 0.5 * h * (hi - lo) * warp.slope(v) * Math.exp(logDensity) * g(t);
    }
  }
  return Math.min(1, Math.max(0, sum));
}

/**
 * Where the range reaches 0 or 1, the density behaves like t^(a-1) with a possibly
 * non-integer, which polynomial rules integrate slowly. Substituting t ~ v^2 near that end
 * turns it into v^(2a-1) dv, smooth enough for 1e-12 accuracy.
 */
function warpFor(atZero: boolean, atOne: boolean): { at: (v: number) => number; slope: (v: number) => number } {
  if (atZero && atOne) return { at: (v) => (1 - Math.cos(Math.PI * v)) / 2, slope: (v) => (Math.PI / 2) * Math.sin(Math.PI * v) };
  if (atZero) return { at: (v) => v * v, slope: (v) => 2 * v };
  if (atOne) return { at: (v) => 1 - (1 - v) * (1 - v), slope: (v) => 2 * (1 - v) };
  return { at: (v) => v, slope: () => 1 };
}

let gl16: { nodes: Float64Array; weights: Float64Array } | undefined;

/** Nodes and weights of 16-point Gauss-Legendre on [-1, 1], by Newton on P_16 (computed once). */
function gaussLegendre16(): { nodes: Float64Array; weights: Float64Array } {
  if (gl16) return gl16;
  const n = 16;
  const nodes = new Float64Array(n);
  const weights = new Float64Array(n);
  for (let i = 0; i < n; i++) {
    let x = Math.cos((Math.PI * (i + 0.75)) / (n + 0.5));
    let dp = 0;
    for (let iter = 0; iter < 100; iter++) {
      let p0 = 1;
      let p1 = x;
      for (let k = 2; k <= n; k++) {
        const p2 = ((2 * k - 1) * x * p1 - (k - 1) * p0) / k;
        p0 = p1;
        p1 = p2;
      }
      dp = (n * (x * p1 - p0)) / (x * x - 1);
      const dx = p1 / dp;
      x -= dx;
      if (Math.abs(dx) < 1e-16) break;
    }
    nodes[i] = x;
    weights[i] = 2 / ((1 - x * x) * dp * dp);
  }
  gl16 = { nodes, weights };
  return gl16;
}
