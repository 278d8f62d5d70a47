import { choleskyInPlace } from './linalg';
import { subtractGramOfColumns } from './schurDense';

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
  if (dense.length > 0) subtractGramOfColumns(lbb, K, lbu, dense);
}
