/**
 * The Beta distribution's CDF, the regularised incomplete beta function I_x(a, b), and its
 * inverse. Principle health needs P(rate > r), the learner compares two posteriors, and a
 * pass rate shows the central 95% interval of Beta(1 + passes, 1 + fails). Continued fraction
 * as in Numerical Recipes (betacf, modified Lentz).
 */
import { logBeta } from './gamma';

export function betaMean(a: number, b: number): number {
  return a / (a + b);
}

export function betaVariance(a: number, b: number): number {
  const s = a + b;
  return (a * b) / (s * s * (s + 1));
}

/** The fraction needs about sqrt(max(a, b)) steps; evidence counts reach a million. */
const maxIterations = (a: number, b: number) => 200 + Math.ceil(20 * Math.sqrt(Math.max(a, b)));
const EPS = 1e-15;
const TINY = 1e-300;

/** Continued fraction for I_x(a, b), converging fast for x < (a + 1) / (a + b + 2). */
function betaContinuedFraction(x: number, a: number, b: number): number {
  const qab = a + b;
  const qap = a + 1;
  const qam = a - 1;
  let c = 1;
  let d = 1 - (qab * x) / qap;
  if (Math.abs(d) < TINY) d = TINY;
  d = 1 / d;
  let h = d;
  const steps = maxIterations(a, b);
  for (let m = 1; m <= steps; m++) {
    const m2 = 2 * m;
    let aa = (m * (b - m) * x) / ((qam + m2) * (a + m2));
    d = 1 + aa * d;
    if (Math.abs(d) < TINY) d = TINY;
    c = 1 + aa / c;
    if (Math.abs(c) < TINY) c = TINY;
    d = 1 / d;
    h *= d * c;
    aa = (-(a + m) * (qab + m) * x) / ((a + m2) * (qap + m2));
    d = 1 + aa * d;
    if (Math.abs(d) < TINY) d = TINY;
    c = 1 + aa / c;
    if (Math.abs(c) < TINY) c = TINY;
    d = 1 / d;
    const del = d * c;
    h *= del;
    if (Math.abs(del - 1) < EPS) break;
  }
  return h;
}

function checkShape(a: number, b: number): void {
  if (!(a > 0) || !(b > 0)) throw new RangeError(`the Beta distribution needs a, b > 0 (got ${a}, ${b})`);
}

/** I_x(a, b) = P(X <= x) for X ~ Beta(a, b), with a, b > 0 and x in [0, 1]. */
export function regularizedIncompleteBeta(x: number, a: number, b: number): number {
  checkShape(a, b);
  if (Number.isNaN(x)) return Number.NaN;
  if (x <= 0) return 0;
  if (x >= 1) return 1;
  const front = Math.exp(a * Math.log(x) + b * Math.log1p(-x) - logBeta(a, b));
  // The fraction converges quickly only on one side of the mean; use the symmetry
  // I_x(a, b) = 1 - I_(1-x)(b, a) on the other.
  if (x < (a + 1) / (a + b + 2)) return (front * betaContinuedFraction(x, a, b)) / a;
  return 1 - (front * betaContinuedFraction(1 - x, b, a)) / b;
}

/**
 * The x with I_x(a, b) = p: Newton's method on the CDF (its slope is the density), kept inside
 * a bracket that halves whenever a step would leave it, so it converges for any shape.
 */
export function betaQuantile(p: number, a: number, b: number): number {
  checkShape(a, b);
  if (!(p >= 0 && p <= 1)) throw new RangeError(`a quantile needs p in [0, 1], got ${p}`);
  if (p === 0) return 0;
  if (p === 1) return 1;
  const logNorm = logBeta(a, b);
  let lo = 0;
  let hi = 1;
  let x = betaMean(a, b);
  for (let i = 0; i < 200; i++) {
    const f = regularizedIncompleteBeta(x, a, b) - p;
    if (f === 0) return x;
    if (f < 0) lo = x;
    else hi = x;
    const density = Math.exp((a - 1) * Math.log(x) + (b - 1) * Math.log1p(-x) - logNorm);
    let next = x - f / density;
    if (!(next > lo && next < hi)) next = (lo + hi) / 2;
    if (Math.abs(next - x) <= 2 * Number.EPSILON * x) return next;
    x = next;
  }
  return x;
}
