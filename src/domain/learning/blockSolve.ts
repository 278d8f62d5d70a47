import { diagonalOfInverse } from './choleskyInverse';
import { solveLower, solveLowerTransposed } from './linalg';
import type { BlockFactor } from './laplace';

/** Solves with the block factor of laplace.ts: Newton steps, and the posterior variances of the columns. */

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
