import { choleskyInPlace, choleskyRankOneUpdate, diagonalOfInverse, solveLower, solveLowerTransposed } from './linalg';

/**
 * The Cholesky factor of the penalised negative Hessian H of the within-spec likelihood
 * (within.ts), parameters ordered [u_1..u_P, b_1..b_K]: u the intercepts of the P profiled
 * specs (those with many runs, each with an intercept of its own), b every column (nudges and
 * adjustment terms). Intercepts never meet each other (each run has one spec), so the u block
 * is diagonal and the whole factor is
 *
 *   [ diag(lu)          ]
 *   [ lbu^T      lbb    ]
 *
 * with lbb the dense Cholesky factor of the Schur complement of the intercepts in H, i.e. of
 * the precision of b's marginal Laplace posterior: Cov(b) = (lbb lbb^T)^{-1}. Specs fitted by
 * their conditional likelihood have no intercept: their curvature is added to the b block
 * directly. Cost is O(P K + K^3) instead of O((P + K)^3).
 */
export interface BlockFactor {
  /** Profiled specs (rows of the u block) and columns. */
  S: number;
  K: number;
  lu: Float64Array;
  /** Row s holds L[b_k, u_s] for k = 0..K-1 (dense: S x K). */
  lbu: Float64Array;
  lbb: Float64Array;
}

/**
 * Prior precisions: each profiled intercept gets `spec` (tiny: a fixed effect, identified by
 * its own runs), column k gets `columns[k]` (adjustment.ts).
 */
export interface Penalties {
  spec: number;
  columns: Float64Array;
}

export function emptyFactor(S: number, K: number): BlockFactor {
  return { S, K, lu: new Float64Array(S), lbu: new Float64Array(S * K), lbb: new Float64Array(K * K) };
}

/**
 * Turns accumulated curvature into the factor, in place. On entry: vu[s] = sum of v over runs
 * of profiled spec s (v = w p (1 - p)), f.lbu[s K + k] = sum of v over its runs with column k,
 * and the lower triangle of f.lbb = the unpenalised curvature of the columns (profiled runs'
 * sum of v x x^T plus the conditional specs' X^T Cov X).
 *
 * With `preconditionerOnly`, the intercepts' Schur complement is not subtracted from the b
 * block: the result is then the exact factor of H + C^T D^{-1} C (C the spec x column block,
 * D the intercepts' diagonal), still positive definite, at a fraction of the cost. The refit
 * uses that for its sampled Hessian, which only steers steps whose gradients are exact and
 * whose errors the secant corrections absorb (logistic.ts); never for a covariance.
 */
export function factorInPlace(f: BlockFactor, vu: Float64Array, pen: Penalties, preconditionerOnly = false): void {
  const { S, K, lu, lbb } = f;
  for (let s = 0; s < S; s++) lu[s] = Math.sqrt(vu[s]! + pen.spec);
  subtractSpecCoupling(f, preconditionerOnly);
  for (let a = 0; a < K; a++) lbb[a * K + a] = lbb[a * K + a]! + pen.columns[a]!;
  choleskyInPlace(lbb, K);
}

/**
 * lbb -= sum_s l_s l_s^T over the specs' rows l_s of lbu (each scaled by 1 / lu[s] here):
 * the Schur complement of the intercepts. With many runs per spec those rows are dense and
 * this is the costliest step of a factorisation (S K^2 / 2 multiply-adds, half a billion for
 * a thousand specs and nudges). Dense rows are gathered column-wise and reduced in 2 x 4 tiles
 * of lbb, so that each value loaded serves several sums; sparse rows (a spec with few runs)
 * only visit their non-zero pairs.
 */
function subtractSpecCoupling(f: BlockFactor, scaleOnly: boolean): void {
  const { S, K, lu, lbu, lbb } = f;
  const nz = new Int32Array(K);
  const dense: number[] = [];
  for (let s = 0; s < S; s++) {
    const row = s * K;
    const inv = 1 / lu[s]!;
    let count = 0;
    for (let k = 0; k < K; k++) {
      if (lbu[row + k] === 0) continue;
      lbu[row + k] = lbu[row + k]! * inv;
      nz[count++] = k;
    }
    if (scaleOnly) continue;
    if (3 * count > K) {
      dense.push(s);
      continue;
    }
    for (let a = 0; a < count; a++) {
      const ka = nz[a]!;
      const la = lbu[row + ka]!;
      const base = ka * K;
      for (let c = 0; c <= a; c++) {
        const kc = nz[c]!;
        lbb[base + kc] = lbb[base + kc]! - la * lbu[row + kc]!;
      }
    }
  }
  if (dense.length > 0) subtractDense(lbb, K, gatherColumns(lbu, K, dense), dense.length);
}

/** The given rows of an S x K matrix as a K x D matrix (row k: column k of those rows). */
function gatherColumns(m: Float64Array, K: number, rows: readonly number[]): Float64Array {
  const D = rows.length;
  const out = new Float64Array(K * D);
  for (let t = 0; t < D; t++) {
    const row = rows[t]! * K;
    for (let k = 0; k < K; k++) out[k * D + t] = m[row + k]!;
  }
  return out;
}

/** Lower triangle of h (K x K) -= g g^T, g being K x D row-major. */
function subtractDense(h: Float64Array, K: number, g: Float64Array, D: number): void {
  let a = 0;
  for (; a + 1 < K; a += 2) {
    const ra = a * D;
    const rb = ra + D;
    const ha = a * K;
    const hb = ha + K;
    let c = 0;
    for (; c + 3 <= a; c += 4) {
      const r0 = c * D;
      const r1 = r0 + D;
      const r2 = r1 + D;
      const r3 = r2 + D;
      let x0 = 0;
      let x1 = 0;
      let x2 = 0;
      let x3 = 0;
      let y0 = 0;
      let y1 = 0;
      let y2 = 0;
      let y3 = 0;
      for (let t = 0; t < D; t++) {
        const p = g[ra + t]!;
        const q = g[rb + t]!;
        const u0 = g[r0 + t]!;
        const u1 = g[r1 + t]!;
        const u2 = g[r2 + t]!;
        const u3 = g[r3 + t]!;
        x0 += p * u0;
        x1 += p * u1;
        x2 += p * u2;
        x3 += p * u3;
        y0 += q * u0;
        y1 += q * u1;
        y2 += q * u2;
        y3 += q * u3;
      }
      h[ha + c] = h[ha + c]! - x0;
      h[ha + c + 1] = h[ha + c + 1]! - x1;
      h[ha + c + 2] = h[ha + c + 2]! - x2;
      h[ha + c + 3] = h[ha + c + 3]! - x3;
      h[hb + c] = h[hb + c]! - y0;
      h[hb + c + 1] = h[hb + c + 1]! - y1;
      h[hb + c + 2] = h[hb + c + 2]! - y2;
      h[hb + c + 3] = h[hb + c + 3]! - y3;
    }
    for (; c <= a + 1; c++) {
      const rc = c * D;
      let x = 0;
      let y = 0;
      for (let t = 0; t < D; t++) {
        x += g[ra + t]! * g[rc + t]!;
        y += g[rb + t]! * g[rc + t]!;
      }
      if (c <= a) h[ha + c] = h[ha + c]! - x;
      h[hb + c] = h[hb + c]! - y;
    }
  }
  if (a < K) {
    const ra = a * D;
    for (let c = 0; c <= a; c++) {
      const rc = c * D;
      let x = 0;
      for (let t = 0; t < D; t++) x += g[ra + t]! * g[rc + t]!;
      h[a * K + c] = h[a * K + c]! - x;
    }
  }
}

/** Scratch vectors for solves, so that the incremental path allocates nothing per run. */
export interface Scratch {
  yu: Float64Array;
  tb: Float64Array;
}

export function scratchFor(f: BlockFactor): Scratch {
  return { yu: new Float64Array(f.S), tb: new Float64Array(f.K) };
}

/**
 * Solves H x = r for the full parameter vector, r and x given as (u, b) parts; x may not alias
 * r. With xu null the intercepts' part is not computed (it costs S K, as much as the rest
 * together; see adjustedUpdate.ts).
 */
export function solveBlock(f: BlockFactor, ru: Float64Array, rb: Float64Array, xu: Float64Array | null, xb: Float64Array, scratch: Scratch = scratchFor(f)): void {
  const { S, K, lu, lbu, lbb } = f;
  const { yu, tb } = scratch;
  for (let s = 0; s < S; s++) yu[s] = ru[s]! / lu[s]!;
  tb.set(rb.subarray(0, K));
  for (let s = 0; s < S; s++) {
    const ys = yu[s]!;
    if (ys === 0) continue;
    const row = s * K;
    for (let k = 0; k < K; k++) tb[k] = tb[k]! - lbu[row + k]! * ys;
  }
  solveLower(lbb, K, tb);
  solveLowerTransposed(lbb, K, tb);
  xb.set(tb);
  if (xu === null) return;
  for (let s = 0; s < S; s++) {
    const row = s * K;
    let t = yu[s]!;
    for (let k = 0; k < K; k++) t -= lbu[row + k]! * xb[k]!;
    xu[s] = t / lu[s]!;
  }
}

/** Marginal posterior variances of b: diag((lbb lbb^T)^{-1}). */
export function nudgeVariances(f: BlockFactor): Float64Array {
  const out = new Float64Array(f.K);
  diagonalOfInverse(f.lbb, f.K, out);
  return out;
}

/**
 * In place: the factor of H + c x x^T for a run of profiled spec s (row s) with the given
 * columns, x being that run's design vector (1 at u_s and at each column); s = -1 for a run
 * whose spec has no intercept row (only the b block changes). `vb` is scratch of length K.
 * O(K^2): the rotation touches column u_s and then the whole b block.
 */
export function addRunCurvature(f: BlockFactor, s: number, columns: ArrayLike<number>, c: number, vb: Float64Array): void {
  if (!(c > 0)) return;
  const { K, lbu } = f;
  const root = Math.sqrt(c);
  vb.fill(0);
  for (let j = 0; j < columns.length; j++) vb[columns[j]!] = root;
  if (s >= 0) {
    // Column u_s (v is zero in every other spec's column, so those are untouched).
    const d = f.lu[s]!;
    const r = Math.hypot(d, root);
    const cs = r / d;
    const sn = root / d;
    f.lu[s] = r;
    const row = s * K;
    for (let k = 0; k < K; k++) {
      const lnew = (lbu[row + k]! + sn * vb[k]!) / cs;
      vb[k] = cs * vb[k]! - sn * lnew;
      lbu[row + k] = lnew;
    }
  }
  choleskyRankOneUpdate(f.lbb, K, vb);
}

/** Appends intercept rows with no runs yet: the prior alone (sqrt of the penalty). */
export function growSpecs(f: BlockFactor, S: number, pen: Penalties): void {
  if (S <= f.S) return;
  const lu = new Float64Array(S);
  lu.set(f.lu);
  lu.fill(Math.sqrt(pen.spec), f.S);
  const lbu = new Float64Array(S * f.K);
  lbu.set(f.lbu);
  Object.assign(f, { S, lu, lbu });
}

/** Appends columns with no runs yet: uncoupled, with the prior's precision on the diagonal. */
export function growColumns(f: BlockFactor, K: number, pen: Penalties): void {
  const old = f.K;
  if (K <= old) return;
  const lbu = new Float64Array(f.S * K);
  for (let s = 0; s < f.S; s++) lbu.set(f.lbu.subarray(s * old, (s + 1) * old), s * K);
  const lbb = new Float64Array(K * K);
  for (let i = 0; i < old; i++) lbb.set(f.lbb.subarray(i * old, i * old + i + 1), i * K);
  for (let i = old; i < K; i++) lbb[i * K + i] = Math.sqrt(pen.columns[i]!);
  Object.assign(f, { K, lbu, lbb });
}
