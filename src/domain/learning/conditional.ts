/**
 * The conditional likelihood of one spec's runs (conditional, or fixed-effects, logistic
 * regression: Chamberlain 1980). Given how many of the spec's T runs passed (Y), the chance of
 * which ones passed no longer depends on the spec's intercept:
 *
 *   P(y | sum y = Y) = exp(sum_i y_i eta_i) / e_Y(exp(eta_1), ..., exp(eta_T)),
 *
 * e_Y being the elementary symmetric polynomial of degree Y. So a nudge's effect is learned
 * only from runs of the same spec with and without it (DOMAIN.md "Identification"): a spec
 * whose runs all passed, or all failed, or all share the same nudges, carries no information
 * about it, and no assumption about how spec difficulty is distributed is needed.
 *
 * Computed as a Poisson-binomial: the intercept is free, so eta is shifted by the s that makes
 * sum_i sigma(eta_i - s) = Y, and with p_i = sigma(eta_i - s) the generating polynomial
 * prod_i (1 - p_i + p_i z) has the distribution of the number of passes as its coefficients
 * (positive, summing to 1, largest near Y: nothing overflows or underflows). A run is taken out
 * by dividing its factor back out, forwards when p_i <= 1/2 and backwards from the top when
 * p_i > 1/2, the direction in which rounding errors shrink (the stable leave-one-out of the
 * conditional Bernoulli; Chen, Dempster and Liu 1994). Runs with the same eta (the same nudges
 * and adjustment terms) are exchangeable and share their divisions, so with G distinct etas
 * pi_i = P(y_i = 1 | Y) costs O(G T) and their covariance (the Hessian) O(G^2 T + T^2), exactly,
 * whatever the effects: a nudge that separates passes from failures drives eta far apart and
 * must not break it.
 */
export class ConditionalSpec {
  /** P(run i passed | the spec's number of passes), for the last evaluate. */
  pi: Float64Array;
  /** Cov(y_i, y_j | number of passes), T x T row-major, when asked for. */
  cov: Float64Array;
  private p: Float64Array;
  private c: Float64Array;
  private q: Float64Array;
  private qq: Float64Array;
  /** Group of each run (runs with equal eta), and each group's first run. */
  private group: Int32Array;
  private first: Int32Array;
  private cap = 0;

  constructor(capacity = 64) {
    this.pi = new Float64Array(0);
    this.cov = new Float64Array(0);
    this.p = new Float64Array(0);
    this.c = new Float64Array(0);
    this.q = new Float64Array(0);
    this.qq = new Float64Array(0);
    this.group = new Int32Array(0);
    this.first = new Int32Array(0);
    this.reserve(capacity);
  }

  private reserve(T: number): void {
    if (T <= this.cap) return;
    const cap = Math.max(T, 2 * this.cap);
    this.cap = cap;
    this.pi = new Float64Array(cap);
    this.cov = new Float64Array(cap * cap);
    this.p = new Float64Array(cap);
    this.c = new Float64Array(cap + 1);
    this.q = new Float64Array(cap * (cap + 1));
    this.qq = new Float64Array(cap + 1);
    this.group = new Int32Array(cap);
    this.first = new Int32Array(cap);
  }

  /**
   * Log conditional likelihood of outcomes y (0/1) at linear predictors eta, for T runs.
   * Fills pi[0..T) and, with wantCov, cov[0..T*T). A spec with no outcome variation gives 0,
   * pi = y and a zero covariance.
   */
  evaluate(eta: ArrayLike<number>, y: ArrayLike<number>, T: number, wantCov: boolean): number {
    this.reserve(T);
    const { pi, cov, p, c, q } = this;
    let Y = 0;
    for (let i = 0; i < T; i++) Y += y[i]!;
    if (Y === 0 || Y === T) {
      for (let i = 0; i < T; i++) pi[i] = y[i]!;
      if (wantCov) cov.fill(0, 0, T * T);
      return 0;
    }
    const s = centre(eta, T, Y);
    let logLik = 0;
    for (let i = 0; i < T; i++) {
      const x = eta[i]! - s;
      const pr = 1 / (1 + Math.exp(-x));
      p[i] = pr;
      // log sigma(x) = -softplus(-x), log(1 - sigma(x)) = -softplus(x)
      logLik -= y[i] ? softplus(-x) : softplus(x);
    }
    c.fill(0, 0, T + 1);
    c[0] = 1;
    for (let i = 0; i < T; i++) {
      const pr = p[i]!;
      for (let r = i + 1; r >= 1; r--) c[r] = (1 - pr) * c[r]! + pr * c[r - 1]!;
      c[0] = (1 - pr) * c[0]!;
    }
    const cY = c[Y]!;
    logLik -= Math.log(cY);
    // Groups of runs with equal eta (the common case: runs with the same nudges).
    const { group, first } = this;
    let G = 0;
    for (let i = 0; i < T; i++) {
      let g = 0;
      while (g < G && eta[first[g]!] !== eta[i]) g++;
      if (g === G) first[G++] = i;
      group[i] = g;
    }
    // q of group g (the polynomial without one of its runs) at q[g (T + 1) ..], degree T - 1.
    const stride = T + 1;
    for (let g = 0; g < G; g++) {
      const i = first[g]!;
      divide(c, T, p[i]!, q, g * stride);
      const v = (p[i]! * q[g * stride + Y - 1]!) / cY;
      for (let j = i; j < T; j++) if (group[j] === g) pi[j] = v;
    }
    if (wantCov) {
      // P(both pass) for a run of group g and another of group h.
      const both = this.pairs(G, T, Y, cY, eta);
      for (let i = 0; i < T; i++) {
        cov[i * T + i] = pi[i]! * (1 - pi[i]!);
        const gi = group[i]!;
        for (let j = i + 1; j < T; j++) {
          const v = both[gi * G + group[j]!]! - pi[i]! * pi[j]!;
          cov[i * T + j] = v;
          cov[j * T + i] = v;
        }
      }
    }
    return logLik;
  }

  private pairTable = new Float64Array(0);

  /**
   * G x G table of P(a run of group g and another of group h both pass | Y). For groups whose
   * odds differ, from the singles: with r = w_h / w_g, pi_gh = (r pi_g - pi_h) / (r - 1),
   * since e_{Y-1}(w without g) - e_{Y-1}(w without h) = (w_h - w_g) e_{Y-2}(w without both).
   * O(1) a pair. Within a group, or for odds within 1e-4 of each other (where that difference
   * would cancel), the polynomial without both runs is divided out instead, O(T).
   */
  private pairs(G: number, T: number, Y: number, cY: number, eta: ArrayLike<number>): Float64Array {
    if (this.pairTable.length < G * G) this.pairTable = new Float64Array(Math.max(G * G, 2 * this.pairTable.length));
    const table = this.pairTable;
    const { p, q, qq, first, group, pi } = this;
    const stride = T + 1;
    for (let g = 0; g < G; g++) {
      const ig = first[g]!;
      for (let h = g; h < G; h++) {
        const ih = first[h]!;
        let v = 0;
        const gap = eta[ih]! - eta[ig]!;
        if (Y >= 2 && h !== g && Math.abs(gap) >= 1e-4) {
          const r = Math.exp(gap);
          v = Math.max(0, (r * pi[ig]! - pi[ih]!) / (r - 1));
        } else if (Y >= 2) {
          // A group of one has no second run to pair with itself.
          let pairable = h !== g;
          for (let j = ig + 1; j < T && !pairable; j++) pairable = group[j] === g;
          if (pairable) {
            divide(q, T - 1, p[ih]!, qq, 0, g * stride);
            v = (p[ig]! * p[ih]! * qq[Y - 2]!) / cY;
          }
        }
        table[g * G + h] = v;
        table[h * G + g] = v;
      }
    }
    return table;
  }
}

function softplus(x: number): number {
  return x > 0 ? x + Math.log1p(Math.exp(-x)) : Math.log1p(Math.exp(x));
}

/** The shift s with sum_i sigma(eta_i - s) = Y (Newton; the sum falls monotonically in s). */
function centre(eta: ArrayLike<number>, T: number, Y: number): number {
  let lo = Infinity;
  let hi = -Infinity;
  let mean = 0;
  for (let i = 0; i < T; i++) {
    lo = Math.min(lo, eta[i]!);
    hi = Math.max(hi, eta[i]!);
    mean += eta[i]!;
  }
  let s = mean / T - Math.log(Y / (T - Y));
  // Bracket: below lo - 40 every p is ~1 (sum T > Y); above hi + 40 every p is ~0.
  let a = lo - 40;
  let b = hi + 40;
  for (let it = 0; it < 100; it++) {
    let f = -Y;
    let d = 0;
    for (let i = 0; i < T; i++) {
      const pr = 1 / (1 + Math.exp(-(eta[i]! - s)));
      f += pr;
      d += pr * (1 - pr);
    }
    if (f > 0) a = s;
    else b = s;
    let next = d > 1e-300 ? s + f / d : (a + b) / 2;
    if (!(next > a && next < b)) next = (a + b) / 2;
    if (Math.abs(next - s) < 1e-12 * Math.max(1, Math.abs(s))) return next;
    s = next;
  }
  return s;
}

/**
 * out[outAt + 0 .. deg - 1] = the polynomial of degree `deg` (coefficients src[srcAt ..]) with
 * the factor (1 - pr + pr z) divided out: forwards for pr <= 1/2, backwards otherwise.
 */
function divide(src: Float64Array, deg: number, pr: number, out: Float64Array, outAt: number, srcAt = 0): void {
  if (pr <= 0.5) {
    const keep = 1 - pr;
    let prev = src[srcAt]! / keep;
    out[outAt] = prev;
    for (let r = 1; r < deg; r++) {
      prev = Math.max(0, (src[srcAt + r]! - pr * prev) / keep);
      out[outAt + r] = prev;
    }
  } else {
    let next = src[srcAt + deg]! / pr;
    out[outAt + deg - 1] = next;
    for (let r = deg - 1; r >= 1; r--) {
      next = Math.max(0, (src[srcAt + r]! - (1 - pr) * next) / pr);
      out[outAt + r - 1] = next;
    }
  }
}
